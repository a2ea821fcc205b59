package dev.smo1.webhooks.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smo1.link.LinkEvent;
import dev.smo1.link.LinkSettings;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.TaggedProjections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Queues webhook messages for link events: one exactly-once JDBC projection per tag, whose
 * deliveries and offset commit in one transaction, so every event is queued once for every endpoint
 * of its link's workspace that subscribes to its type and existed when it happened (a projection
 * started on an old journal queues nothing for the past). Link events name their owner only when
 * created: the projection keeps each link's owner ({@code webhook_link_owners}).
 */
public final class WebhookProjection {
  public static final String NAME = "webhook-deliveries";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookProjection() {}

  public static void init(ActorSystem<?> system, JdbcSessions sessions, Clock clock) {
    TaggedProjections.run(
        system,
        NAME,
        (id, source) ->
            JdbcProjection.groupedWithin(
                    id, source, sessions::open, () -> new Handler(clock), system)
                .withGroup(100, Duration.ofMillis(20))
                .withRestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2));
  }

  static final class Handler
      extends JdbcHandler<List<EventEnvelope<LinkEvent>>, JdbcSessions.Session> {
    private final Clock clock;

    Handler(Clock clock) {
      this.clock = clock;
    }

    @Override
    public void process(JdbcSessions.Session session, List<EventEnvelope<LinkEvent>> envelopes)
        throws Exception {
      session.withConnection(
          connection -> {
            for (EventEnvelope<LinkEvent> envelope : envelopes) {
              queue(connection, envelope.event(), envelope.sequenceNr(), clock);
            }
            return null;
          });
    }
  }

  /** The message type of an event; empty for events no webhook carries. */
  static Optional<String> typeOf(LinkEvent event) {
    return switch (event) {
      case LinkEvent.LinkCreated ignored -> Optional.of("link.created");
      case LinkEvent.LinkDeleted ignored -> Optional.of("link.deleted");
      case LinkEvent.LinkUpdated ignored -> Optional.of("link.updated");
      case LinkEvent.LinkDisabled ignored -> Optional.of("link.updated");
      case LinkEvent.LinkEnabled ignored -> Optional.of("link.updated");
      case LinkEvent.LinkBlocked ignored -> Optional.of("link.updated");
      case LinkEvent.LinkUnblocked ignored -> Optional.of("link.updated");
      case LinkEvent.LinkVisitCounted ignored -> Optional.empty();
    };
  }

  static void queue(Connection connection, LinkEvent event, long sequenceNr, Clock clock)
      throws SQLException {
    if (event instanceof LinkEvent.LinkCreated created) {
      try (var owner =
          connection.prepareStatement(
              "INSERT INTO webhook_link_owners (domain, code, owner) VALUES (?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")) {
        owner.setString(1, created.domain());
        owner.setString(2, created.code());
        owner.setString(3, created.owner());
        owner.executeUpdate();
      }
    }
    var type = typeOf(event);
    if (type.isEmpty()) {
      return;
    }
    var endpoints = new ArrayList<UUID>();
    try (var statement =
        connection.prepareStatement(
            "SELECT e.id FROM webhook_endpoints e JOIN webhook_link_owners o"
                + " ON o.owner = e.workspace_id AND o.domain = ? AND o.code = ?"
                + " WHERE e.enabled AND ? = ANY(e.events) AND e.created_at <= ?")) {
      statement.setString(1, event.domain());
      statement.setString(2, event.code());
      statement.setString(3, type.get());
      statement.setTimestamp(4, Timestamp.from(event.at()));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          endpoints.add(rows.getObject(1, UUID.class));
        }
      }
    }
    if (endpoints.isEmpty()) {
      return;
    }
    String body = body(type.get(), event);
    var now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO webhook_deliveries (id, endpoint_id, event_type, event_key, body,"
                + " created_at, status, attempts, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING")) {
      for (UUID endpoint : endpoints) {
        insert.setString(1, "msg_" + UUID.randomUUID().toString().replace("-", ""));
        insert.setObject(2, endpoint);
        insert.setString(3, type.get());
        insert.setString(4, event.domain() + "/" + event.code() + "/" + sequenceNr);
        insert.setString(5, body);
        insert.setTimestamp(6, now);
        insert.setTimestamp(7, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** {@code {"type", "timestamp", "data": {"domain", "code", …}}}: what changed, as it is now. */
  static String body(String type, LinkEvent event) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", type);
    root.put("timestamp", event.at().toString());
    ObjectNode data = root.putObject("data");
    data.put("domain", event.domain());
    data.put("code", event.code());
    switch (event) {
      case LinkEvent.LinkCreated created -> {
        data.put("status", "active");
        settings(data, created.settings());
      }
      case LinkEvent.LinkUpdated updated -> settings(data, updated.settings());
      case LinkEvent.LinkDisabled ignored -> data.put("status", "disabled");
      case LinkEvent.LinkEnabled ignored -> data.put("status", "active");
      case LinkEvent.LinkBlocked blocked -> {
        data.put("status", "blocked");
        data.put("reason", blocked.reason());
      }
      case LinkEvent.LinkUnblocked ignored -> data.put("status", "disabled");
      case LinkEvent.LinkDeleted ignored -> data.put("status", "deleted");
      case LinkEvent.LinkVisitCounted ignored -> {}
    }
    return root.toString();
  }

  private static void settings(ObjectNode data, LinkSettings settings) {
    data.put("target", settings.target());
    data.put("redirectType", settings.redirectType().status());
    data.put("title", settings.title());
    var tags = data.putArray("tags");
    settings.tags().forEach(tags::add);
    data.put("expiresAt", settings.expiresAt() == null ? null : settings.expiresAt().toString());
  }
}
