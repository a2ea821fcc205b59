package dev.smo1.accounts.apikey;

import dev.smo1.accounts.Secrets;
import dev.smo1.accounts.access.Scope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code api_keys} table: keys of workspaces, by hash only. Revoked keys keep their row (the
 * audit log refers to them) but are never found again.
 */
public final class ApiKeyStore {
  /** How often use is written as {@code last_used_at}: at most once a minute per key. */
  public static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  /** Stores a new key and answers it with its secret (shown once). */
  public ApiKeyView create(
      Connection connection,
      String key,
      String workspaceId,
      String name,
      Set<Scope> scopes,
      Instant expiresAt,
      UUID createdBy,
      Instant now)
      throws SQLException {
    var id = UUID.randomUUID();
    var sorted = sorted(scopes);
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO api_keys (key_hash, workspace_id, created_at, id, name, prefix, scopes,"
                + " created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (key_hash) DO NOTHING")) {
      statement.setString(1, Secrets.sha256(key));
      statement.setString(2, workspaceId);
      statement.setTimestamp(3, Timestamp.from(now));
      statement.setObject(4, id);
      statement.setString(5, name);
      statement.setString(6, ApiKeyFormat.visiblePrefix(key));
      statement.setArray(
          7,
          connection.createArrayOf(
              "varchar", sorted.stream().map(Scope::wireName).toArray(String[]::new)));
      statement.setObject(8, createdBy);
      statement.setTimestamp(9, expiresAt == null ? null : Timestamp.from(expiresAt));
      statement.executeUpdate();
    }
    return new ApiKeyView(
        id, name, key, ApiKeyFormat.visiblePrefix(key), sorted, expiresAt, now, null);
  }

  /** The live key of a hash, with its creator's email; empty when unknown or revoked. */
  public Optional<ApiKeyRecord> find(Connection connection, String keyHash) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT k.id, k.workspace_id, k.prefix, k.scopes, k.expires_at, u.email"
                + " FROM api_keys k LEFT JOIN users u ON u.id = k.created_by"
                + " WHERE k.key_hash = ? AND k.revoked_at IS NULL")) {
      statement.setString(1, keyHash);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Timestamp expires = rows.getTimestamp(5);
        return Optional.of(
            new ApiKeyRecord(
                rows.getObject(1, UUID.class),
                keyHash,
                rows.getString(2),
                rows.getString(3),
                scopes(rows.getArray(4)),
                expires == null ? null : expires.toInstant(),
                rows.getString(6)));
      }
    }
  }

  /** The workspace's live keys, newest first, without secrets. */
  public List<ApiKeyView> list(Connection connection, String workspaceId) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT id, name, prefix, scopes, expires_at, created_at, last_used_at FROM api_keys"
                + " WHERE workspace_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id")) {
      statement.setString(1, workspaceId);
      var keys = new ArrayList<ApiKeyView>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Timestamp expires = rows.getTimestamp(5);
          Timestamp used = rows.getTimestamp(7);
          keys.add(
              new ApiKeyView(
                  rows.getObject(1, UUID.class),
                  rows.getString(2),
                  null,
                  rows.getString(3),
                  sorted(scopes(rows.getArray(4))),
                  expires == null ? null : expires.toInstant(),
                  rows.getTimestamp(6).toInstant(),
                  used == null ? null : used.toInstant()));
        }
      }
      return keys;
    }
  }

  /** Revokes one key of the workspace; answers its hash, empty when there is no such live key. */
  public Optional<String> revoke(Connection connection, String workspaceId, UUID id, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ?"
                + " AND revoked_at IS NULL RETURNING key_hash")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setString(2, workspaceId);
      statement.setObject(3, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** Revokes every live key of the workspace (it is being deleted); answers their hashes. */
  public List<String> revokeAll(Connection connection, String workspaceId, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND revoked_at IS NULL"
                + " RETURNING key_hash")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setString(2, workspaceId);
      var hashes = new ArrayList<String>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          hashes.add(rows.getString(1));
        }
      }
      return hashes;
    }
  }

  public void touch(Connection connection, UUID id, Instant now) throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE api_keys SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setObject(2, id);
      statement.setTimestamp(3, Timestamp.from(now.minus(LAST_USED_PRECISION)));
      statement.executeUpdate();
    }
  }

  private static Set<Scope> scopes(java.sql.Array array) throws SQLException {
    var scopes = EnumSet.noneOf(Scope.class);
    for (Object name : (Object[]) array.getArray()) {
      Scope.fromWireName((String) name).ifPresent(scopes::add);
    }
    return scopes;
  }

  static List<Scope> sorted(Set<Scope> scopes) {
    return scopes.stream().sorted(Comparator.comparingInt(Enum::ordinal)).toList();
  }
}
