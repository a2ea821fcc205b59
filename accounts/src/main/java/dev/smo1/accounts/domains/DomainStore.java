package dev.smo1.accounts.domains;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code custom_domains} table (accounts schema V4). */
final class DomainStore {
  /** One row as stored. */
  record Row(
      String workspaceId,
      String domain,
      String challengeSha256,
      DomainStatus status,
      Instant createdAt,
      Instant verifiedAt,
      Instant checkedAt,
      Instant nextCheckAt,
      int failedChecks,
      String lastProblem,
      DomainView.Settings settings,
      Instant removedAt) {}

  private static final String COLUMNS =
      "workspace_id, domain, challenge_sha256, status, created_at, verified_at, checked_at,"
          + " next_check_at, failed_checks, last_problem, root_url, not_found_url, expired_url,"
          + " removed_at";

  void insert(
      Connection connection,
      String workspaceId,
      String domain,
      String sha256,
      Instant now,
      Instant nextCheck)
      throws SQLException {
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO custom_domains (workspace_id, domain, challenge_sha256, status, created_at,"
                + " next_check_at) VALUES (?, ?, ?, 'pending', ?, ?)")) {
      insert.setString(1, workspaceId);
      insert.setString(2, domain);
      insert.setString(3, sha256);
      insert.setTimestamp(4, Timestamp.from(now));
      insert.setTimestamp(5, Timestamp.from(nextCheck));
      insert.executeUpdate();
    }
  }

  /** A removed domain of the workspace added again: pending under a new token. */
  void revive(
      Connection connection,
      String workspaceId,
      String domain,
      String sha256,
      Instant now,
      Instant nextCheck)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "UPDATE custom_domains SET challenge_sha256 = ?, status = 'pending', created_at = ?,"
                + " checked_at = NULL, next_check_at = ?, failed_checks = 0, last_problem = NULL,"
                + " removed_at = NULL WHERE workspace_id = ? AND domain = ?")) {
      update.setString(1, sha256);
      update.setTimestamp(2, Timestamp.from(now));
      update.setTimestamp(3, Timestamp.from(nextCheck));
      update.setString(4, workspaceId);
      update.setString(5, domain);
      update.executeUpdate();
    }
  }

  /** The workspace's row for the domain, removed or not. */
  Optional<Row> find(Connection connection, String workspaceId, String domain) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM custom_domains WHERE workspace_id = ? AND domain = ?")) {
      select.setString(1, workspaceId);
      select.setString(2, domain);
      List<Row> rows = rows(select);
      return rows.stream().findFirst();
    }
  }

  /** Whether a workspace other than {@code workspaceId} holds (or held) the domain verified. */
  boolean heldElsewhere(Connection connection, String workspaceId, String domain)
      throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT 1 FROM custom_domains WHERE domain = ? AND workspace_id <> ?"
                + " AND verified_at IS NOT NULL")) {
      select.setString(1, domain);
      select.setString(2, workspaceId);
      try (ResultSet result = select.executeQuery()) {
        return result.next();
      }
    }
  }

  /** The row of the workspace that holds the domain verified, removed or not. */
  Optional<Row> holder(Connection connection, String domain) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM custom_domains WHERE domain = ? AND verified_at IS NOT NULL")) {
      select.setString(1, domain);
      return rows(select).stream().findFirst();
    }
  }

  /** The workspace's domains not removed, by name. */
  List<Row> list(Connection connection, String workspaceId) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM custom_domains WHERE workspace_id = ? AND removed_at IS NULL ORDER BY domain")) {
      select.setString(1, workspaceId);
      return rows(select);
    }
  }

  /** Domains the workspace holds (not removed). */
  int count(Connection connection, String workspaceId) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT count(*) FROM custom_domains WHERE workspace_id = ? AND removed_at IS NULL")) {
      select.setString(1, workspaceId);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  /**
   * Takes up to {@code limit} domains due for a check, pushing their next check {@code lease} ahead
   * so no other node takes them meanwhile (rows another transaction holds are skipped).
   */
  List<Row> claimDue(Connection connection, Instant now, Instant leaseUntil, int limit)
      throws SQLException {
    try (var claim =
        connection.prepareStatement(
            "UPDATE custom_domains SET next_check_at = ? WHERE (workspace_id, domain) IN ("
                + " SELECT workspace_id, domain FROM custom_domains d WHERE next_check_at <= ?"
                + " AND removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM workspaces w"
                + " WHERE w.id = d.workspace_id AND w.deleted_at IS NOT NULL)"
                + " ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING "
                + COLUMNS)) {
      claim.setTimestamp(1, Timestamp.from(leaseUntil));
      claim.setTimestamp(2, Timestamp.from(now));
      claim.setInt(3, limit);
      return rows(claim);
    }
  }

  /** The longest problem kept (the column's size). */
  static final int MAX_PROBLEM = 500;

  /**
   * Records a check's result on the domain as it was when the check began ({@code checked}: its
   * status and token); false when it changed meanwhile (removed, a new token, another check
   * recorded first): the result is about a state that is gone.
   */
  boolean recordCheck(
      Connection connection,
      Row checked,
      DomainStatus status,
      Instant verifiedAt,
      Instant checkedAt,
      Instant nextCheckAt,
      int failedChecks,
      String problem)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "UPDATE custom_domains SET status = ?, verified_at = COALESCE(verified_at, ?),"
                + " checked_at = ?, next_check_at = ?, failed_checks = ?, last_problem = ?"
                + " WHERE workspace_id = ? AND domain = ? AND removed_at IS NULL"
                + " AND status = ? AND challenge_sha256 = ?"
                + " AND checked_at IS NOT DISTINCT FROM ?")) {
      String workspaceId = checked.workspaceId();
      String domain = checked.domain();
      if (problem != null && problem.length() > MAX_PROBLEM) {
        problem = problem.substring(0, MAX_PROBLEM - 1) + "…";
      }
      update.setString(1, status.wireName());
      update.setTimestamp(2, verifiedAt == null ? null : Timestamp.from(verifiedAt));
      update.setTimestamp(3, Timestamp.from(checkedAt));
      update.setTimestamp(4, nextCheckAt == null ? null : Timestamp.from(nextCheckAt));
      update.setInt(5, failedChecks);
      update.setString(6, problem);
      update.setString(7, workspaceId);
      update.setString(8, domain);
      update.setString(9, checked.status().wireName());
      update.setString(10, checked.challengeSha256());
      update.setTimestamp(
          11, checked.checkedAt() == null ? null : Timestamp.from(checked.checkedAt()));
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Serialises the recording of checks of one domain across workspaces and nodes (until the
   * transaction ends): two workspaces verifying it at once are told apart, not refused by the
   * unique index.
   */
  void lockDomain(Connection connection, String domain) throws SQLException {
    try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      lock.setString(1, "smo1-domain:" + domain);
      lock.execute();
    }
  }

  /** The domains removed since {@code since}, ever verified (their links may still be live). */
  List<Row> removedSince(Connection connection, Instant since) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM custom_domains WHERE removed_at >= ? AND verified_at IS NOT NULL")) {
      select.setTimestamp(1, Timestamp.from(since));
      return rows(select);
    }
  }

  void updateSettings(
      Connection connection, String workspaceId, String domain, DomainView.Settings settings)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "UPDATE custom_domains SET root_url = ?, not_found_url = ?, expired_url = ?"
                + " WHERE workspace_id = ? AND domain = ? AND removed_at IS NULL")) {
      update.setString(1, settings.rootUrl());
      update.setString(2, settings.notFoundUrl());
      update.setString(3, settings.expiredUrl());
      update.setString(4, workspaceId);
      update.setString(5, domain);
      update.executeUpdate();
    }
  }

  void renewChallenge(
      Connection connection, String workspaceId, String domain, String sha256, Instant nextCheck)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "UPDATE custom_domains SET challenge_sha256 = ?, next_check_at = ?, failed_checks = 0"
                + " WHERE workspace_id = ? AND domain = ? AND removed_at IS NULL")) {
      update.setString(1, sha256);
      update.setTimestamp(2, Timestamp.from(nextCheck));
      update.setString(3, workspaceId);
      update.setString(4, domain);
      update.executeUpdate();
    }
  }

  /** Removes a domain: a claim never verified is deleted, any other kept as removed. */
  void remove(Connection connection, String workspaceId, String domain, Instant now)
      throws SQLException {
    try (var delete =
        connection.prepareStatement(
            "DELETE FROM custom_domains WHERE workspace_id = ? AND domain = ? AND verified_at IS NULL")) {
      delete.setString(1, workspaceId);
      delete.setString(2, domain);
      if (delete.executeUpdate() == 1) {
        return;
      }
    }
    try (var update =
        connection.prepareStatement(
            "UPDATE custom_domains SET removed_at = ?, next_check_at = NULL"
                + " WHERE workspace_id = ? AND domain = ? AND removed_at IS NULL")) {
      update.setTimestamp(1, Timestamp.from(now));
      update.setString(2, workspaceId);
      update.setString(3, domain);
      update.executeUpdate();
    }
  }

  private static List<Row> rows(PreparedStatement statement) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(
            new Row(
                result.getString("workspace_id"),
                result.getString("domain"),
                result.getString("challenge_sha256"),
                DomainStatus.of(result.getString("status")),
                instant(result, "created_at"),
                instant(result, "verified_at"),
                instant(result, "checked_at"),
                instant(result, "next_check_at"),
                result.getInt("failed_checks"),
                result.getString("last_problem"),
                new DomainView.Settings(
                    result.getString("root_url"),
                    result.getString("not_found_url"),
                    result.getString("expired_url")),
                instant(result, "removed_at")));
      }
    }
    return rows;
  }

  private static Instant instant(ResultSet result, String column) throws SQLException {
    Timestamp value = result.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
