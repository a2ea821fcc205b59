package dev.smo1.projection.edge;

import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkSettings;
import dev.smo1.link.RedirectType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code edge_kv_links} table: the KV sync projection's copy of each link's edge state. Every
 * write is guarded by the event's sequence number, so applying an event twice, or an older event
 * after a newer one, changes nothing. Status changes keep the settings (a disabled link keeps its
 * target for when it is enabled again).
 */
public final class EdgeMirror {
  private EdgeMirror() {}

  /** Applies one event at {@code version}; returns whether the row changed. */
  public static boolean apply(Connection connection, LinkEvent event, long version)
      throws SQLException {
    String key = KvLinkRecord.key(event.domain(), event.code());
    return switch (event) {
      case LinkEvent.LinkCreated created -> create(connection, key, created, version);
      case LinkEvent.LinkUpdated updated -> settings(connection, key, updated.settings(), version);
      case LinkEvent.LinkDisabled ignored -> status(connection, key, "disabled", version);
      case LinkEvent.LinkEnabled ignored -> status(connection, key, "active", version);
      case LinkEvent.LinkDeleted ignored -> status(connection, key, "deleted", version);
    };
  }

  /** The current edge state of the links under {@code keys} that the mirror holds. */
  public static List<EdgeLink> current(Connection connection, Collection<String> keys)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT domain, code, version, status, target, redirect_type, expires_at,"
                + " forward_query FROM edge_kv_links WHERE kv_key = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
      var links = new ArrayList<EdgeLink>(keys.size());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Timestamp expires = rows.getTimestamp("expires_at");
          links.add(
              new EdgeLink(
                  rows.getString("domain"),
                  rows.getString("code"),
                  rows.getLong("version"),
                  switch (rows.getString("status")) {
                    case "active" -> EdgeLink.Status.ACTIVE;
                    case "disabled" -> EdgeLink.Status.DISABLED;
                    default -> EdgeLink.Status.DELETED;
                  },
                  rows.getString("target"),
                  RedirectType.fromStatus(rows.getShort("redirect_type")).orElseThrow(),
                  expires == null ? null : expires.toInstant(),
                  rows.getBoolean("forward_query")));
        }
      }
      return links;
    }
  }

  /** Empties the mirror (a rebuild replays every event into it). */
  public static void clear(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("TRUNCATE edge_kv_links");
    }
  }

  private static boolean create(
      Connection connection, String key, LinkEvent.LinkCreated event, long version)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            """
            INSERT INTO edge_kv_links (kv_key, domain, code, version, status, target,
                                       redirect_type, expires_at, forward_query)
            VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)
            ON CONFLICT (kv_key) DO UPDATE SET
              version = EXCLUDED.version, status = EXCLUDED.status, target = EXCLUDED.target,
              redirect_type = EXCLUDED.redirect_type, expires_at = EXCLUDED.expires_at,
              forward_query = EXCLUDED.forward_query
            WHERE edge_kv_links.version < EXCLUDED.version
            """)) {
      statement.setString(1, key);
      statement.setString(2, event.domain());
      statement.setString(3, event.code());
      statement.setLong(4, version);
      setSettings(statement, 5, event.settings());
      return statement.executeUpdate() == 1;
    }
  }

  private static boolean settings(
      Connection connection, String key, LinkSettings settings, long version) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            """
            UPDATE edge_kv_links SET target = ?, redirect_type = ?, expires_at = ?,
                                     forward_query = ?, version = ?
            WHERE kv_key = ? AND version < ?
            """)) {
      setSettings(statement, 1, settings);
      statement.setLong(5, version);
      statement.setString(6, key);
      statement.setLong(7, version);
      return statement.executeUpdate() == 1;
    }
  }

  private static boolean status(Connection connection, String key, String status, long version)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE edge_kv_links SET status = ?, version = ? WHERE kv_key = ? AND version < ?")) {
      statement.setString(1, status);
      statement.setLong(2, version);
      statement.setString(3, key);
      statement.setLong(4, version);
      return statement.executeUpdate() == 1;
    }
  }

  /** Target, redirect type, expiry and query forwarding at {@code first} .. {@code first + 3}. */
  private static void setSettings(PreparedStatement statement, int first, LinkSettings settings)
      throws SQLException {
    statement.setString(first, settings.target());
    statement.setShort(first + 1, (short) settings.redirectType().status());
    if (settings.expiresAt() == null) {
      statement.setNull(first + 2, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setTimestamp(first + 2, Timestamp.from(settings.expiresAt()));
    }
    statement.setBoolean(first + 3, settings.forwardQuery());
  }
}
