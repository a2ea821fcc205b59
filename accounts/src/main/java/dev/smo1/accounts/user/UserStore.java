package dev.smo1.accounts.user;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code users} table. Every method runs inside the caller's transaction. */
public final class UserStore {

  /** A user row with its password hash, for login. */
  public record Credentials(User user, String passwordHash) {}

  public User insert(Connection connection, String email, String name, String hash, Instant now)
      throws SQLException {
    var id = UUID.randomUUID();
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      statement.setObject(1, id);
      statement.setString(2, email);
      statement.setString(3, name);
      statement.setString(4, hash);
      statement.setTimestamp(5, Timestamp.from(now));
      statement.setTimestamp(6, Timestamp.from(now));
      if (statement.executeUpdate() == 0) {
        throw new AccountException(
            AccountError.EMAIL_TAKEN, "an account with this email exists", "email");
      }
    }
    return new User(id, email, name, false, now);
  }

  public Optional<Credentials> byEmail(Connection connection, String email) throws SQLException {
    return one(connection, "lower(email) = lower(?)", email);
  }

  public Optional<Credentials> byId(Connection connection, UUID id) throws SQLException {
    return one(connection, "id = ?", id);
  }

  public boolean emailTaken(Connection connection, String email) throws SQLException {
    return byEmail(connection, email).isPresent();
  }

  public void markVerified(Connection connection, UUID id, Instant now) throws SQLException {
    update(
        connection,
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?) WHERE id = ?",
        Timestamp.from(now),
        id);
  }

  /** Sets a new address, verified (it is set only once its token came back). */
  public void changeEmail(Connection connection, UUID id, String email, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE users SET email = ?, email_verified_at = ? WHERE id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?) AND id <> ?)")) {
      statement.setString(1, email);
      statement.setTimestamp(2, Timestamp.from(now));
      statement.setObject(3, id);
      statement.setString(4, email);
      statement.setObject(5, id);
      if (statement.executeUpdate() == 0) {
        throw new AccountException(
            AccountError.EMAIL_TAKEN, "an account with this email exists", "email");
      }
    }
  }

  public void setPassword(Connection connection, UUID id, String hash, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")) {
      statement.setString(1, hash);
      statement.setTimestamp(2, Timestamp.from(now));
      statement.setObject(3, id);
      statement.executeUpdate();
    }
  }

  /** Stores a hash with new parameters; the password itself is unchanged. */
  public void rehash(Connection connection, UUID id, String hash) throws SQLException {
    try (var statement =
        connection.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
      statement.setString(1, hash);
      statement.setObject(2, id);
      statement.executeUpdate();
    }
  }

  public void delete(Connection connection, UUID id) throws SQLException {
    try (var statement = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
      statement.setObject(1, id);
      statement.executeUpdate();
    }
  }

  public long count(Connection connection) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT count(*) FROM users");
        var rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Optional<Credentials> one(Connection connection, String where, Object value)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT id, email, name, email_verified_at, created_at, password_hash FROM users WHERE "
                + where)) {
      statement.setObject(1, value);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Credentials(
                new User(
                    rows.getObject(1, UUID.class),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getTimestamp(4) != null,
                    rows.getTimestamp(5).toInstant()),
                rows.getString(6)));
      }
    }
  }

  private static void update(Connection connection, String sql, Object first, Object second)
      throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      statement.setObject(1, first);
      statement.setObject(2, second);
      statement.executeUpdate();
    }
  }
}
