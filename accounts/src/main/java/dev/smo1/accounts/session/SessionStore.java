package dev.smo1.accounts.session;

import dev.smo1.accounts.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Dashboard sessions (table {@code sessions}), by hash of the cookie value only. A session expires
 * {@link #LIFETIME} after it was last used (sliding), or when revoked: logout, "log out
 * everywhere", a password change or reset.
 */
public final class SessionStore {
  public static final Duration LIFETIME = Duration.ofDays(30);

  /** How often use moves the expiry forward: at most one write a minute per session. */
  public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  /** A new session: the cookie value and the CSRF token go to the browser, once. */
  public record Opened(UUID id, String token, String csrfToken, Instant expiresAt) {}

  /** A live session as requests see it. */
  public record Session(
      UUID id, UUID userId, String csrfToken, Instant lastSeenAt, Instant expiresAt) {}

  public Opened open(
      Connection connection, UUID userId, String ipPrefix, String userAgent, Instant now)
      throws SQLException {
    var id = UUID.randomUUID();
    String token = Secrets.token();
    String csrf = Secrets.token();
    Instant expiresAt = now.plus(LIFETIME);
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO sessions (id, token_hash, csrf_token, user_id, created_at, last_seen_at,"
                + " expires_at, ip_prefix, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      statement.setObject(1, id);
      statement.setString(2, Secrets.sha256(token));
      statement.setString(3, csrf);
      statement.setObject(4, userId);
      statement.setTimestamp(5, Timestamp.from(now));
      statement.setTimestamp(6, Timestamp.from(now));
      statement.setTimestamp(7, Timestamp.from(expiresAt));
      statement.setString(8, ipPrefix);
      statement.setString(9, truncate(userAgent, 256));
      statement.executeUpdate();
    }
    return new Opened(id, token, csrf, expiresAt);
  }

  /** The live session of a cookie value; empty when unknown, revoked or expired. */
  public Optional<Session> find(Connection connection, String token, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT id, user_id, csrf_token, last_seen_at, expires_at FROM sessions"
                + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?")) {
      statement.setString(1, Secrets.sha256(token));
      statement.setTimestamp(2, Timestamp.from(now));
      try (var rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Session(
                rows.getObject(1, UUID.class),
                rows.getObject(2, UUID.class),
                rows.getString(3),
                rows.getTimestamp(4).toInstant(),
                rows.getTimestamp(5).toInstant()));
      }
    }
  }

  /** Slides the expiry forward; a no-op within {@link #TOUCH_INTERVAL} of the last touch. */
  public void touch(Connection connection, UUID id, Instant now) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?"
                + " AND revoked_at IS NULL AND last_seen_at < ?")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setTimestamp(2, Timestamp.from(now.plus(LIFETIME)));
      statement.setObject(3, id);
      statement.setTimestamp(4, Timestamp.from(now.minus(TOUCH_INTERVAL)));
      statement.executeUpdate();
    }
  }

  public boolean revoke(Connection connection, UUID id, Instant now) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setObject(2, id);
      return statement.executeUpdate() == 1;
    }
  }

  /** Revokes every live session of the user but {@code except} (may be null); answers their ids. */
  public List<UUID> revokeAll(Connection connection, UUID userId, UUID except, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
                + " AND id IS DISTINCT FROM ? RETURNING id")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setObject(2, userId);
      statement.setObject(3, except);
      var ids = new ArrayList<UUID>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getObject(1, UUID.class));
        }
      }
      return ids;
    }
  }

  static String truncate(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
