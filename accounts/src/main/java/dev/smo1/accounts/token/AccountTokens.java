package dev.smo1.accounts.token;

import dev.smo1.accounts.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use tokens sent by email (table {@code account_tokens}), by hash only. Using one is one
 * conditional update: a token works once, before it expires, for its purpose only.
 */
public final class AccountTokens {

  public enum Purpose {
    VERIFY_EMAIL("verify_email", Duration.ofHours(24)),
    PASSWORD_RESET("password_reset", Duration.ofHours(1)),
    INVITATION("invitation", Duration.ofDays(7));

    private final String stored;
    private final Duration lifetime;

    Purpose(String stored, Duration lifetime) {
      this.stored = stored;
      this.lifetime = lifetime;
    }

    public Duration lifetime() {
      return lifetime;
    }
  }

  /** A used token: whose, for which address, workspace and role (the ones that apply). */
  public record Used(UUID userId, String email, String workspaceId, String role) {}

  /** An issued token: the secret to email, and its hash (invitations also keep it elsewhere). */
  public record Issued(String token, String hash, Instant expiresAt) {}

  public Issued issue(
      Connection connection,
      Purpose purpose,
      UUID userId,
      String email,
      String workspaceId,
      String role,
      Instant now)
      throws SQLException {
    String token = Secrets.token();
    String hash = Secrets.sha256(token);
    Instant expiresAt = now.plus(purpose.lifetime());
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO account_tokens"
                + " (token_hash, purpose, user_id, email, workspace_id, role, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      statement.setString(1, hash);
      statement.setString(2, purpose.stored);
      statement.setObject(3, userId);
      statement.setString(4, email);
      statement.setString(5, workspaceId);
      statement.setString(6, role);
      statement.setTimestamp(7, Timestamp.from(now));
      statement.setTimestamp(8, Timestamp.from(expiresAt));
      statement.executeUpdate();
    }
    return new Issued(token, hash, expiresAt);
  }

  /** Marks the token used and answers what it was for; empty if unknown, used or expired. */
  public Optional<Used> use(Connection connection, Purpose purpose, String token, Instant now)
      throws SQLException {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    try (var statement =
        connection.prepareStatement(
            "UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ?"
                + " AND used_at IS NULL AND expires_at > ?"
                + " RETURNING user_id, email, workspace_id, role")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setString(2, Secrets.sha256(token));
      statement.setString(3, purpose.stored);
      statement.setTimestamp(4, Timestamp.from(now));
      try (var rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Used(
                rows.getObject(1, UUID.class),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4)));
      }
    }
  }

  /** What an unused, unexpired token is for, without using it. */
  public Optional<Used> find(Connection connection, Purpose purpose, String token, Instant now)
      throws SQLException {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    try (var statement =
        connection.prepareStatement(
            "SELECT user_id, email, workspace_id, role FROM account_tokens WHERE token_hash = ?"
                + " AND purpose = ? AND used_at IS NULL AND expires_at > ?")) {
      statement.setString(1, Secrets.sha256(token));
      statement.setString(2, purpose.stored);
      statement.setTimestamp(3, Timestamp.from(now));
      try (var rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Used(
                rows.getObject(1, UUID.class),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4)));
      }
    }
  }

  /** Voids the user's unused tokens of one purpose (a newer one replaces them). */
  public void voidAll(Connection connection, Purpose purpose, UUID userId, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = ?"
                + " AND used_at IS NULL")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setObject(2, userId);
      statement.setString(3, purpose.stored);
      statement.executeUpdate();
    }
  }
}
