package dev.smo1.webhooks.endpoint;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.PageCursor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * A workspace's webhook endpoints and their delivery log ({@code webhook_endpoints}, {@code
 * webhook_deliveries}, {@code webhook_attempts}). Callers check URLs ({@link WebhookUrls}) and
 * event names ({@link #EVENTS}) first.
 */
public final class WebhookEndpoints {
  /** The events an endpoint may subscribe to. */
  public static final List<String> EVENTS = List.of("link.created", "link.updated", "link.deleted");

  /** Endpoints one workspace may have. */
  public static final int MAX_PER_WORKSPACE = 10;

  public static final int MAX_LIMIT = 100;

  /** An endpoint as its workspace sees it (never its secret, but when made). */
  public record Endpoint(
      UUID id,
      String url,
      List<String> events,
      boolean enabled,
      String disabledReason,
      Instant createdAt,
      Instant updatedAt) {}

  /** The last attempt of a delivery: {@code statusCode} null when no answer came. */
  public record Attempt(
      int attempt,
      Instant at,
      Integer statusCode,
      int latencyMs,
      String responseExcerpt,
      String error) {}

  /** One message to an endpoint, with its attempts so far, newest first. */
  public record Delivery(
      String id,
      String eventType,
      String status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      List<Attempt> log) {}

  public record Page(List<Delivery> items, Optional<String> nextCursor) {}

  /** An update: each present part replaces the endpoint's. */
  public record Change(
      Optional<String> url, Optional<List<String>> events, Optional<Boolean> enabled) {}

  private final Jdbc jdbc;
  private final Clock clock;

  public WebhookEndpoints(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Empty when the workspace has {@link #MAX_PER_WORKSPACE} already. */
  public CompletionStage<Optional<Endpoint>> create(
      String workspace, String url, List<String> events, String secret) {
    Instant now = now();
    UUID id = UUID.randomUUID();
    return jdbc.transaction(
        connection -> {
          try (var lock =
              connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "webhooks:" + workspace);
            lock.execute();
          }
          try (var count =
              connection.prepareStatement(
                  "SELECT count(*) FROM webhook_endpoints WHERE workspace_id = ?")) {
            count.setString(1, workspace);
            try (ResultSet rows = count.executeQuery()) {
              rows.next();
              if (rows.getLong(1) >= MAX_PER_WORKSPACE) {
                return Optional.<Endpoint>empty();
              }
            }
          }
          try (var insert =
              connection.prepareStatement(
                  "INSERT INTO webhook_endpoints (id, workspace_id, url, events, secret, enabled,"
                      + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, true, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, workspace);
            insert.setString(3, url);
            insert.setArray(4, connection.createArrayOf("text", events.toArray()));
            insert.setString(5, secret);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setTimestamp(7, Timestamp.from(now));
            insert.executeUpdate();
          }
          return Optional.of(new Endpoint(id, url, List.copyOf(events), true, null, now, now));
        });
  }

  public CompletionStage<List<Endpoint>> list(String workspace) {
    return jdbc.transaction(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "SELECT * FROM webhook_endpoints WHERE workspace_id = ? ORDER BY created_at, id")) {
            statement.setString(1, workspace);
            var endpoints = new ArrayList<Endpoint>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                endpoints.add(endpoint(rows));
              }
            }
            return endpoints;
          }
        });
  }

  public CompletionStage<Optional<Endpoint>> get(String workspace, UUID id) {
    return jdbc.transaction(connection -> find(connection, workspace, id));
  }

  public CompletionStage<Optional<Endpoint>> update(String workspace, UUID id, Change change) {
    return jdbc.transaction(
        connection -> {
          var found = find(connection, workspace, id);
          if (found.isEmpty()) {
            return found;
          }
          var endpoint = found.get();
          String url = change.url().orElse(endpoint.url());
          List<String> events = change.events().orElse(endpoint.events());
          boolean enabled = change.enabled().orElse(endpoint.enabled());
          try (var statement =
              connection.prepareStatement(
                  "UPDATE webhook_endpoints SET url = ?, events = ?, enabled = ?,"
                      + " disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END,"
                      + " failing_since = CASE WHEN ? AND NOT enabled THEN NULL"
                      + " ELSE failing_since END, updated_at = ? WHERE id = ?")) {
            statement.setString(1, url);
            statement.setArray(2, connection.createArrayOf("text", events.toArray()));
            statement.setBoolean(3, enabled);
            statement.setBoolean(4, enabled);
            statement.setBoolean(5, enabled);
            statement.setTimestamp(6, Timestamp.from(now()));
            statement.setObject(7, id);
            statement.executeUpdate();
          }
          return find(connection, workspace, id);
        });
  }

  public CompletionStage<Boolean> delete(String workspace, UUID id) {
    return jdbc.transaction(
        connection -> {
          try (var statement =
              connection.prepareStatement(
                  "DELETE FROM webhook_endpoints WHERE workspace_id = ? AND id = ?")) {
            statement.setString(1, workspace);
            statement.setObject(2, id);
            return statement.executeUpdate() == 1;
          }
        });
  }

  /** The endpoint's deliveries, newest first, each with its attempts; empty: no such endpoint. */
  public CompletionStage<Optional<Page>> deliveries(
      String workspace, UUID id, Optional<String> cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
    var after = cursor.flatMap(PageCursor::decode);
    return jdbc.transaction(
        connection -> {
          if (find(connection, workspace, id).isEmpty()) {
            return Optional.<Page>empty();
          }
          String sql =
              "SELECT * FROM webhook_deliveries WHERE endpoint_id = ?"
                  + (after.isPresent() ? " AND (created_at, id) < (?, ?)" : "")
                  + " ORDER BY created_at DESC, id DESC LIMIT ?";
          var items = new ArrayList<Delivery>();
          try (var statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setObject(index++, id);
            if (after.isPresent()) {
              statement.setTimestamp(index++, Timestamp.from(after.get().at()));
              statement.setString(index++, after.get().id());
            }
            statement.setInt(index, limit + 1);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                items.add(delivery(rows, List.of()));
              }
            }
          }
          var withLog = new ArrayList<Delivery>(items.size());
          for (Delivery delivery : items.subList(0, Math.min(limit, items.size()))) {
            withLog.add(
                new Delivery(
                    delivery.id(),
                    delivery.eventType(),
                    delivery.status(),
                    delivery.attempts(),
                    delivery.createdAt(),
                    delivery.nextAttemptAt(),
                    attempts(connection, delivery.id())));
          }
          Optional<String> next =
              items.size() > limit
                  ? Optional.of(
                      new PageCursor(items.get(limit - 1).createdAt(), items.get(limit - 1).id())
                          .encode())
                  : Optional.empty();
          return Optional.of(new Page(List.copyOf(withLog), next));
        });
  }

  /** Whether a cursor is one {@link #deliveries} issued. */
  public static boolean validCursor(String cursor) {
    return PageCursor.decode(cursor).isPresent();
  }

  /**
   * Sends a delivery again now, whatever it reached before (its attempts are kept); empty when the
   * endpoint or the delivery is not the workspace's.
   */
  public CompletionStage<Optional<Delivery>> redeliver(
      String workspace, UUID endpointId, String deliveryId) {
    return jdbc.transaction(
        connection -> {
          if (find(connection, workspace, endpointId).isEmpty()) {
            return Optional.<Delivery>empty();
          }
          try (var statement =
              connection.prepareStatement(
                  "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?"
                      + " WHERE id = ? AND endpoint_id = ? RETURNING *")) {
            statement.setTimestamp(1, Timestamp.from(now()));
            statement.setString(2, deliveryId);
            statement.setObject(3, endpointId);
            try (ResultSet rows = statement.executeQuery()) {
              if (!rows.next()) {
                return Optional.<Delivery>empty();
              }
              return Optional.of(delivery(rows, attempts(connection, deliveryId)));
            }
          }
        });
  }

  private static Optional<Endpoint> find(Connection connection, String workspace, UUID id)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND id = ?")) {
      statement.setString(1, workspace);
      statement.setObject(2, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(endpoint(rows)) : Optional.empty();
      }
    }
  }

  private static Endpoint endpoint(ResultSet rows) throws SQLException {
    return new Endpoint(
        rows.getObject("id", UUID.class),
        rows.getString("url"),
        Arrays.asList((String[]) rows.getArray("events").getArray()),
        rows.getBoolean("enabled"),
        rows.getString("disabled_reason"),
        rows.getTimestamp("created_at").toInstant(),
        rows.getTimestamp("updated_at").toInstant());
  }

  private static Delivery delivery(ResultSet rows, List<Attempt> log) throws SQLException {
    Timestamp next = rows.getTimestamp("next_attempt_at");
    return new Delivery(
        rows.getString("id"),
        rows.getString("event_type"),
        rows.getString("status"),
        rows.getInt("attempts"),
        rows.getTimestamp("created_at").toInstant(),
        next == null ? null : next.toInstant(),
        log);
  }

  private static List<Attempt> attempts(Connection connection, String deliveryId)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt DESC")) {
      statement.setString(1, deliveryId);
      var attempts = new ArrayList<Attempt>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          int code = rows.getInt("status_code");
          Integer status = rows.wasNull() ? null : code;
          attempts.add(
              new Attempt(
                  rows.getInt("attempt"),
                  rows.getTimestamp("at").toInstant(),
                  status,
                  rows.getInt("latency_ms"),
                  rows.getString("response_excerpt"),
                  rows.getString("error")));
        }
      }
      return attempts;
    }
  }
}
