package dev.smo1.projection.monitoring;

import dev.smo1.link.LinkEntity;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how far each projection instance is behind the journal, every few seconds, from the
 * database (so each member reports the cluster-wide figures; aggregate with {@code max}):
 *
 * <ul>
 *   <li>{@code smo1_projection_lag_events{projection,tag}}: events tagged after its offset;
 *   <li>{@code smo1_projection_lag_seconds{projection,tag}}: age of the oldest such event, 0 when
 *       none.
 * </ul>
 */
public final class ProjectionLag {
  private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
  private static final String BEHIND =
      """
      SELECT t.tag, count(*), min(j.write_timestamp)
      FROM event_tag t JOIN event_journal j ON j.ordering = t.event_id
      WHERE t.event_id > COALESCE(
        (SELECT CAST(o.current_offset AS BIGINT) FROM pekko_projection_offset_store o
         WHERE o.projection_name = ? AND o.projection_key = t.tag), 0)
      GROUP BY t.tag
      """;

  private final DataSource dataSource;
  private final List<String> projections;
  private final Clock clock;
  private final Gauge events;
  private final Gauge seconds;

  public ProjectionLag(
      DataSource dataSource, List<String> projections, Clock clock, PrometheusRegistry registry) {
    this.dataSource = dataSource;
    this.projections = List.copyOf(projections);
    this.clock = clock;
    this.events =
        Gauge.builder()
            .name("smo1_projection_lag_events")
            .help("Events in the journal that the projection instance has not applied yet")
            .labelNames("projection", "tag")
            .register(registry);
    this.seconds =
        Gauge.builder()
            .name("smo1_projection_lag_seconds")
            .help("Age of the oldest event the projection instance has not applied yet")
            .labelNames("projection", "tag")
            .register(registry);
  }

  /** Measures now and then every {@code interval}, on {@code blocking}, until the system stops. */
  public void start(ActorSystem<?> system, Duration interval, Executor blocking) {
    system
        .scheduler()
        .scheduleAtFixedRate(
            Duration.ZERO,
            interval,
            () -> blocking.execute(this::measureQuietly),
            system.executionContext());
  }

  private void measureQuietly() {
    try {
      measure();
    } catch (SQLException e) {
      log.warn("projection lag not measured: {}", e.getMessage());
    }
  }

  /** One measurement; public so tests can take it without waiting for the schedule. */
  public void measure() throws SQLException {
    long now = clock.millis();
    try (Connection connection = dataSource.getConnection()) {
      for (String projection : projections) {
        Map<String, long[]> behind = new HashMap<>();
        try (var statement = connection.prepareStatement(BEHIND)) {
          statement.setString(1, projection);
          try (var rows = statement.executeQuery()) {
            while (rows.next()) {
              behind.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
            }
          }
        }
        for (String tag : LinkEntity.TAGS) {
          long[] lag = behind.get(tag);
          events.labelValues(projection, tag).set(lag == null ? 0 : lag[0]);
          seconds
              .labelValues(projection, tag)
              .set(lag == null ? 0 : Math.max(0, now - lag[1]) / 1000.0);
        }
      }
    }
  }
}
