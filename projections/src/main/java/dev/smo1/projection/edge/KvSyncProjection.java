package dev.smo1.projection.edge;

import dev.smo1.link.LinkEvent;
import dev.smo1.projection.JdbcSessions;
import dev.smo1.projection.TaggedProjections;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Keeps Workers KV in sync with the links (decision 0006), one instance per tag. For each group of
 * events (up to {@link #GROUP_SIZE} or {@link #GROUP_WAIT}) it folds them into its mirror table in
 * one transaction, hands the current records of the links they touched to the node's {@link
 * KvWriter}, and completes (so the offset may be saved) only when KV accepted them: at-least-once,
 * and a replay re-sends current records, never older ones.
 */
public final class KvSyncProjection {
  public static final String NAME = "edge-kv-sync";
  static final int GROUP_SIZE = 1000;
  static final Duration GROUP_WAIT = Duration.ofMillis(50);

  private KvSyncProjection() {}

  public static void init(
      ActorSystem<?> system,
      JdbcSessions sessions,
      DataSource dataSource,
      Executor blocking,
      KvWriter writer,
      Clock clock,
      PrometheusRegistry registry) {
    Histogram lag =
        Histogram.builder()
            .name("smo1_edge_kv_sync_lag_seconds")
            .help("Time from a link event's journal write to Workers KV accepting its record")
            .classicUpperBounds(0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60)
            .register(registry);
    TaggedProjections.run(
        system,
        NAME,
        (id, source) ->
            JdbcProjection.groupedWithinAsync(
                    id,
                    source,
                    sessions::open,
                    () -> new Sync(jdbcMirror(dataSource), blocking, writer, clock, lag),
                    system)
                .withGroup(GROUP_SIZE, GROUP_WAIT)
                .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
  }

  /**
   * The mirror as a sync instance uses it: folds a group of events into it in one transaction and
   * returns the current state of the links they touched.
   */
  @FunctionalInterface
  interface Mirror {
    List<EdgeLink> fold(List<EventEnvelope<LinkEvent>> envelopes) throws Exception;
  }

  /**
   * The mirror in the {@code edge_kv_links} table ({@link EdgeMirror}), a transaction per group.
   */
  static Mirror jdbcMirror(DataSource dataSource) {
    return envelopes -> {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          var keys = new LinkedHashSet<String>();
          for (EventEnvelope<LinkEvent> envelope : envelopes) {
            EdgeMirror.apply(connection, envelope.event(), envelope.sequenceNr());
            keys.add(KvLinkRecord.key(envelope.event().domain(), envelope.event().code()));
          }
          List<EdgeLink> current = EdgeMirror.current(connection, keys);
          connection.commit();
          return current;
        } catch (Exception e) {
          connection.rollback();
          throw e;
        }
      }
    };
  }

  static final class Sync extends Handler<List<EventEnvelope<LinkEvent>>> {
    private final Mirror mirror;
    private final Executor blocking;
    private final KvRecords writer;
    private final Clock clock;
    private final Histogram lag;

    Sync(Mirror mirror, Executor blocking, KvRecords writer, Clock clock, Histogram lag) {
      this.mirror = mirror;
      this.blocking = blocking;
      this.writer = writer;
      this.clock = clock;
      this.lag = lag;
    }

    @Override
    public CompletionStage<Done> process(List<EventEnvelope<LinkEvent>> envelopes) {
      return CompletableFuture.supplyAsync(() -> fold(envelopes), blocking)
          .thenCompose(writer::write)
          .thenApply(
              written -> {
                long now = clock.millis();
                for (EventEnvelope<LinkEvent> envelope : envelopes) {
                  lag.observe(Math.max(0, now - envelope.timestamp()) / 1000.0);
                }
                return Done.getInstance();
              });
    }

    /** Folds the events into the mirror; returns the current state of the links they touched. */
    private List<EdgeLink> fold(List<EventEnvelope<LinkEvent>> envelopes) {
      try {
        return mirror.fold(envelopes);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }
  }
}
