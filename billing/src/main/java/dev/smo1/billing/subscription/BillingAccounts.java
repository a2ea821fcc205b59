package dev.smo1.billing.subscription;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subscription tables: {@code billing_accounts} (a workspace's customer and subscription) and
 * {@code stripe_events} (each event processed once); the notices are {@link
 * dev.smo1.billing.notice.BillingNotices}'. Every method runs in the caller's transaction.
 */
public final class BillingAccounts {
  private static final String COLUMNS =
      "workspace_id, stripe_customer_id, subscription_id, subscription_status,"
          + " subscription_created_at, price_id, plan, current_period_end, cancel_at_period_end,"
          + " past_due_since, grace_ends_at, downgraded_at";

  public Optional<BillingAccount> find(Connection connection, String workspaceId)
      throws SQLException {
    return one(
        connection,
        "SELECT " + COLUMNS + " FROM billing_accounts WHERE workspace_id = ?",
        workspaceId);
  }

  /** The account, locked for the rest of the transaction. */
  public Optional<BillingAccount> lock(Connection connection, String workspaceId)
      throws SQLException {
    return one(
        connection,
        "SELECT " + COLUMNS + " FROM billing_accounts WHERE workspace_id = ? FOR UPDATE",
        workspaceId);
  }

  public Optional<BillingAccount> byCustomer(Connection connection, String customerId)
      throws SQLException {
    return one(
        connection,
        "SELECT " + COLUMNS + " FROM billing_accounts WHERE stripe_customer_id = ?",
        customerId);
  }

  /** Keeps {@code customerId} as the workspace's customer, unless it has one already. */
  public BillingAccount insertCustomer(
      Connection connection, String workspaceId, String customerId, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO billing_accounts (workspace_id, stripe_customer_id, updated_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (workspace_id) DO NOTHING")) {
      statement.setString(1, workspaceId);
      statement.setString(2, customerId);
      statement.setTimestamp(3, Timestamp.from(now));
      statement.executeUpdate();
    }
    return lock(connection, workspaceId).orElseThrow();
  }

  public void update(Connection connection, BillingAccount account, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "UPDATE billing_accounts SET subscription_id = ?, subscription_status = ?,"
                + " subscription_created_at = ?, price_id = ?, plan = ?, current_period_end = ?,"
                + " cancel_at_period_end = ?, past_due_since = ?, grace_ends_at = ?,"
                + " downgraded_at = ?, updated_at = ? WHERE workspace_id = ?")) {
      statement.setString(1, account.subscriptionId());
      statement.setString(2, account.status());
      statement.setTimestamp(3, timestamp(account.subscriptionCreated()));
      statement.setString(4, account.priceId());
      statement.setString(5, account.plan());
      statement.setTimestamp(6, timestamp(account.currentPeriodEnd()));
      statement.setBoolean(7, account.cancelAtPeriodEnd());
      statement.setTimestamp(8, timestamp(account.pastDueSince()));
      statement.setTimestamp(9, timestamp(account.graceEndsAt()));
      statement.setTimestamp(10, timestamp(account.downgradedAt()));
      statement.setTimestamp(11, Timestamp.from(now));
      statement.setString(12, account.workspaceId());
      statement.executeUpdate();
    }
  }

  /** Workspaces whose grace period ended by {@code now} and that are not downgraded yet. */
  public List<String> graceEnded(Connection connection, Instant now, int limit)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT workspace_id FROM billing_accounts WHERE grace_ends_at <= ?"
                + " AND downgraded_at IS NULL ORDER BY grace_ends_at LIMIT ?")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setInt(2, limit);
      var ids = new ArrayList<String>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  /** Records a Stripe event as processed; false when it was already (a redelivery). */
  public boolean recordEvent(
      Connection connection, String eventId, String type, Instant created, Instant now)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "INSERT INTO stripe_events (event_id, type, created_at, received_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
      statement.setString(1, eventId);
      statement.setString(2, type);
      statement.setTimestamp(3, Timestamp.from(created));
      statement.setTimestamp(4, Timestamp.from(now));
      return statement.executeUpdate() == 1;
    }
  }

  private static Optional<BillingAccount> one(Connection connection, String sql, String value)
      throws SQLException {
    try (var statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(account(rows)) : Optional.empty();
      }
    }
  }

  private static BillingAccount account(ResultSet rows) throws SQLException {
    return new BillingAccount(
        rows.getString(1),
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        instant(rows.getTimestamp(5)),
        rows.getString(6),
        rows.getString(7),
        instant(rows.getTimestamp(8)),
        rows.getBoolean(9),
        instant(rows.getTimestamp(10)),
        instant(rows.getTimestamp(11)),
        instant(rows.getTimestamp(12)));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
