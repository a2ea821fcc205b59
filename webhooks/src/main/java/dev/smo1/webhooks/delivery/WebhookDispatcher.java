package dev.smo1.webhooks.delivery;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Email;
import dev.smo1.accounts.mail.Mailer;
import dev.smo1.webhooks.endpoint.WebhookUrls;
import dev.smo1.webhooks.signing.WebhookSigner;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the messages that are due, on every node: each round claims up to {@value #BATCH} of them
 * ({@code FOR UPDATE SKIP LOCKED}, leased for {@link #LEASE}, so no two nodes send one at once),
 * checks the endpoint's URL again (the SSRF guard, its addresses pinned for the connection), signs
 * and sends each, and records the attempt: a 2xx delivers it; anything else (another status, a
 * redirect, no answer) waits its retry delay, until {@code retry-for} has passed since it was
 * queued, when it has failed. An endpoint that has failed every attempt for {@code disable-after}
 * is disabled and its workspace's owners are emailed, once.
 */
public final class WebhookDispatcher {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  static final int BATCH = 20;
  static final Duration LEASE = Duration.ofMinutes(2);

  private record Due(
      String id,
      UUID endpointId,
      String workspace,
      String url,
      String secret,
      boolean enabled,
      String body,
      int attempts,
      Instant createdAt) {}

  private final Jdbc jdbc;
  private final WebhookUrls urls;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final Clock clock;
  private final Mailer mailer;
  private final AtomicBoolean running = new AtomicBoolean();

  public WebhookDispatcher(
      Jdbc jdbc,
      WebhookUrls urls,
      WebhookSender sender,
      WebhookSettings settings,
      Clock clock,
      Mailer mailer) {
    this.jdbc = jdbc;
    this.urls = urls;
    this.sender = sender;
    this.settings = settings;
    this.clock = clock;
    this.mailer = mailer;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** One round, unless one is still running on this node; completes with the messages tried. */
  public CompletionStage<Integer> round() {
    if (!running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(0);
    }
    return jdbc.transaction(this::claim)
        .thenCompose(
            due -> {
              List<CompletableFuture<Void>> sends = new ArrayList<>();
              for (Due message : due) {
                sends.add(attempt(message).toCompletableFuture());
              }
              return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                  .thenApply(done -> due.size());
            })
        .whenComplete((tried, error) -> running.set(false));
  }

  private List<Due> claim(Connection connection) throws SQLException {
    Instant now = now();
    var due = new ArrayList<Due>();
    try (var statement =
        connection.prepareStatement(
            "WITH due AS (SELECT id FROM webhook_deliveries WHERE status = 'pending'"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE webhook_deliveries d SET next_attempt_at = ? FROM due, webhook_endpoints e"
                + " WHERE d.id = due.id AND e.id = d.endpoint_id"
                + " RETURNING d.id, d.endpoint_id, e.workspace_id, e.url, e.secret, e.enabled,"
                + " d.body, d.attempts, d.created_at")) {
      statement.setTimestamp(1, Timestamp.from(now));
      statement.setInt(2, BATCH);
      statement.setTimestamp(3, Timestamp.from(now.plus(LEASE)));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          due.add(
              new Due(
                  rows.getString(1),
                  rows.getObject(2, UUID.class),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getBoolean(6),
                  rows.getString(7),
                  rows.getInt(8),
                  rows.getTimestamp(9).toInstant()));
        }
      }
    }
    return due;
  }

  private CompletionStage<Void> attempt(Due message) {
    if (!message.enabled()) {
      return record(
          message, new WebhookSender.Result(null, 0, null, "the endpoint is disabled"), true);
    }
    return urls.check(message.url())
        .thenCompose(
            checked ->
                switch (checked) {
                  case WebhookUrls.Checked.Refused refused ->
                      CompletableFuture.completedFuture(
                          new WebhookSender.Result(null, 0, null, "refused: " + refused.reason()));
                  case WebhookUrls.Checked.Allowed allowed -> {
                    long timestamp = clock.instant().getEpochSecond();
                    Map<String, String> headers =
                        new WebhookSigner(message.secret())
                            .headers(message.id(), timestamp, message.body());
                    yield sender.send(allowed.uri(), allowed.addresses(), headers, message.body());
                  }
                })
        .thenCompose(result -> record(message, result, false))
        .exceptionally(
            failed -> {
              log.warn("webhook {} not recorded: {}", message.id(), failed.toString());
              return null;
            });
  }

  private CompletionStage<Void> record(
      Due message, WebhookSender.Result result, boolean endpointDisabled) {
    Instant now = now();
    return jdbc.transaction(
            connection -> {
              int attempt = message.attempts() + 1;
              try (var insert =
                  connection.prepareStatement(
                      "INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code,"
                          + " latency_ms, response_excerpt, error) VALUES (?, ?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT DO NOTHING")) {
                insert.setString(1, message.id());
                insert.setInt(2, attempt);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setObject(4, result.statusCode());
                insert.setInt(5, result.latencyMs());
                insert.setString(6, result.excerpt());
                insert.setString(7, result.error());
                insert.executeUpdate();
              }
              boolean delivered = result.delivered();
              boolean expired =
                  endpointDisabled || !now.isBefore(message.createdAt().plus(settings.retryFor()));
              String status = delivered ? "delivered" : expired ? "failed" : "pending";
              try (var update =
                  connection.prepareStatement(
                      "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?"
                          + " WHERE id = ?")) {
                update.setString(1, status);
                update.setInt(2, attempt);
                update.setTimestamp(
                    3,
                    status.equals("pending")
                        ? Timestamp.from(now.plus(settings.delayAfter(attempt)))
                        : null);
                update.setString(4, message.id());
                update.executeUpdate();
              }
              if (endpointDisabled) {
                return false;
              }
              return failing(connection, message, delivered, now);
            })
        .thenAccept(
            disabledNow -> {
              if (disabledNow) {
                emailOwners(message);
              }
            });
  }

  /**
   * Keeps when the endpoint started failing; disables it once that is {@code disable-after} ago.
   * True when this call disabled it.
   */
  private boolean failing(Connection connection, Due message, boolean delivered, Instant now)
      throws SQLException {
    if (delivered) {
      try (var update =
          connection.prepareStatement(
              "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?")) {
        update.setObject(1, message.endpointId());
        update.executeUpdate();
      }
      return false;
    }
    try (var update =
        connection.prepareStatement(
            "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?) WHERE id = ?")) {
      update.setTimestamp(1, Timestamp.from(now));
      update.setObject(2, message.endpointId());
      update.executeUpdate();
    }
    try (var disable =
        connection.prepareStatement(
            "UPDATE webhook_endpoints SET enabled = false, updated_at = ?,"
                + " disabled_reason = 'every attempt failed since ' || to_char(failing_since"
                + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " WHERE id = ? AND enabled AND failing_since <= ?")) {
      disable.setTimestamp(1, Timestamp.from(now));
      disable.setObject(2, message.endpointId());
      disable.setTimestamp(3, Timestamp.from(now.minus(settings.disableAfter())));
      return disable.executeUpdate() == 1;
    }
  }

  private void emailOwners(Due message) {
    jdbc.transaction(
            connection -> {
              try (var statement =
                  connection.prepareStatement(
                      "SELECT u.email FROM workspace_members m JOIN users u ON u.id = m.user_id"
                          + " WHERE m.workspace_id = ? AND m.role = 'owner' ORDER BY u.email")) {
                statement.setString(1, message.workspace());
                var emails = new ArrayList<String>();
                try (var rows = statement.executeQuery()) {
                  while (rows.next()) {
                    emails.add(rows.getString(1));
                  }
                }
                return emails;
              }
            })
        .thenAccept(
            owners -> {
              String host = URI.create(message.url()).getHost();
              for (String owner : owners) {
                String text =
                    "The webhook endpoint "
                        + message.url()
                        + " of workspace "
                        + message.workspace()
                        + " has failed every delivery for "
                        + settings.disableAfter().toHours()
                        + " hours, so SMO1 disabled it.\n\nIts delivery log says what it"
                        + " answered. Enable it again in the dashboard (Webhooks) once it"
                        + " answers 2xx; failed messages can be sent again from the log.\n";
                mailer
                    .send(
                        new Email(
                            owner,
                            "Webhook endpoint " + host + " disabled",
                            text,
                            "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>"))
                    .whenComplete(
                        (sent, error) -> {
                          if (error != null) {
                            log.warn("webhook disable email not sent: {}", error.toString());
                          }
                        });
              }
            });
  }
}
