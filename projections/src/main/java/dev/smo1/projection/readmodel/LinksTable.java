package dev.smo1.projection.readmodel;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Writes of the {@code links} read model. Every write is guarded by the row's version (the sequence
 * number of the last event applied): an event is applied only if it is newer, so redelivered or
 * replayed events change nothing and an older event never overwrites a newer one.
 */
final class LinksTable {
  private LinksTable() {}

  /** Applies one event; returns whether the row changed. */
  static boolean apply(Connection connection, LinkEvent event, long version) throws SQLException {
    return switch (event) {
      case LinkEvent.LinkCreated created -> insert(connection, created, version);
      case LinkEvent.LinkUpdated updated -> update(connection, updated, version);
      case LinkEvent.LinkDisabled disabled -> status(connection, disabled, "disabled", version);
      case LinkEvent.LinkEnabled enabled -> status(connection, enabled, "active", version);
      case LinkEvent.LinkDeleted deleted -> status(connection, deleted, "deleted", version);
    };
  }

  private static boolean insert(Connection connection, LinkEvent.LinkCreated event, long version)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            """
            INSERT INTO links (domain, code, owner, target, redirect_type, expires_at, title,
                               tags, forward_query, status, created_at, updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
            ON CONFLICT (domain, code) DO UPDATE SET
              owner = EXCLUDED.owner, target = EXCLUDED.target,
              redirect_type = EXCLUDED.redirect_type, expires_at = EXCLUDED.expires_at,
              title = EXCLUDED.title, tags = EXCLUDED.tags,
              forward_query = EXCLUDED.forward_query, status = EXCLUDED.status,
              created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
              version = EXCLUDED.version
            WHERE links.version < EXCLUDED.version
            """)) {
      statement.setString(1, event.domain());
      statement.setString(2, event.code());
      statement.setString(3, event.owner());
      setSettings(connection, statement, 4, event.settings());
      statement.setTimestamp(10, Timestamp.from(event.at()));
      statement.setTimestamp(11, Timestamp.from(event.at()));
      statement.setLong(12, version);
      return statement.executeUpdate() == 1;
    }
  }

  private static boolean update(Connection connection, LinkEvent.LinkUpdated event, long version)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            """
            UPDATE links SET target = ?, redirect_type = ?, expires_at = ?, title = ?, tags = ?,
                             forward_query = ?, updated_at = ?, version = ?
            WHERE domain = ? AND code = ? AND version < ?
            """)) {
      setSettings(connection, statement, 1, event.settings());
      statement.setTimestamp(7, Timestamp.from(event.at()));
      statement.setLong(8, version);
      statement.setString(9, event.domain());
      statement.setString(10, event.code());
      statement.setLong(11, version);
      return statement.executeUpdate() == 1;
    }
  }

  private static boolean status(Connection connection, LinkEvent event, String status, long version)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            """
            UPDATE links SET status = ?, updated_at = ?, version = ?
            WHERE domain = ? AND code = ? AND version < ?
            """)) {
      statement.setString(1, status);
      statement.setTimestamp(2, Timestamp.from(event.at()));
      statement.setLong(3, version);
      statement.setString(4, event.domain());
      statement.setString(5, event.code());
      statement.setLong(6, version);
      return statement.executeUpdate() == 1;
    }
  }

  /**
   * Sets target, redirect type, expiry, title, tags and query forwarding at {@code first} .. {@code
   * first + 5}.
   */
  private static void setSettings(
      Connection connection, java.sql.PreparedStatement statement, int first, LinkSettings settings)
      throws SQLException {
    statement.setString(first, settings.target());
    statement.setShort(first + 1, (short) settings.redirectType().status());
    Instant expiresAt = settings.expiresAt();
    if (expiresAt == null) {
      statement.setNull(first + 2, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setTimestamp(first + 2, Timestamp.from(expiresAt));
    }
    if (settings.title() == null) {
      statement.setNull(first + 3, Types.VARCHAR);
    } else {
      statement.setString(first + 3, settings.title());
    }
    statement.setArray(first + 4, connection.createArrayOf("text", settings.tags().toArray()));
    statement.setBoolean(first + 5, settings.forwardQuery());
  }
}
