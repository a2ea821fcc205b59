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
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.projection.ProjectionContext;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.FlowWithContext;

/**
 * Keeps Workers KV in sync with the links (decision 0006), one instance per tag. For each group of
 * events (up to {@link #GROUP_SIZE} or {@link #GROUP_WAIT}) it folds them into its mirror table in
 * one transaction, hands the current records of the links they touched to the node's {@link
 * KvWriter}, and passes their offsets on (to be saved) only when KV accepted them: at-least-once,
 * and a replay re-sends current records, never older ones. Up to {@link #GROUPS_IN_FLIGHT} groups
 * wait for KV at once ({@link #pipelined}).
 */
public final class KvSyncProjection {
  public static final String NAME = "edge-kv-sync";
  static final int GROUP_SIZE = 1000;
  static final Duration GROUP_WAIT = Duration.ofMillis(50);
  static final int GROUPS_IN_FLIGHT = 4;
  private static final Duration SAVE_OFFSET_AFTER = Duration.ofMillis(500);

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
            JdbcProjection.atLeastOnceFlow(
                    id,
                    source,
                    sessions::open,
                    FlowWithContext.fromPairs(
                        KvSyncProjection.<ProjectionContext>pipelined(
                            new Sync(jdbcMirror(dataSource), blocking, writer, clock, lag))),
                    system)
                .withSaveOffset(GROUP_SIZE, SAVE_OFFSET_AFTER)
                .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
  }

  /**
   * The sync as a stream: envelopes grouped (up to {@link #GROUP_SIZE} or {@link #GROUP_WAIT}), up
   * to {@link #GROUPS_IN_FLIGHT} groups handed to KV at once, each envelope's context passed on, in
   * order, only once KV accepted its group (so an offset is saved only past what KV has). While a
   * group waits for its KV request, the next ones are folded and queued for the next request: a
   * change waits for one request, not for the one before it to come back first.
   */
  static <C> Flow<Pair<EventEnvelope<LinkEvent>, C>, Pair<Done, C>, NotUsed> pipelined(Sync sync) {
    return Flow.<Pair<EventEnvelope<LinkEvent>, C>>create()
        .groupedWithin(GROUP_SIZE, GROUP_WAIT)
        .mapAsync(
            GROUPS_IN_FLIGHT,
            group ->
                sync.process(group.stream().map(Pair::first).toList())
                    .thenApply(
                        done ->
                            group.stream()
                                .map(envelope -> Pair.create(done, envelope.second()))
                                .toList()))
        .mapConcat(contexts -> contexts);
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

    /** The last group's fold: the next one starts after it, so groups are folded in order. */
    private CompletableFuture<?> lastFold = CompletableFuture.completedFuture(null);

    /**
     * Folds the group into the mirror (after the previous group's fold, whether or not its KV write
     * came back) and completes once KV accepted the current records of its links.
     */
    @Override
    public CompletionStage<Done> process(List<EventEnvelope<LinkEvent>> envelopes) {
      CompletableFuture<List<EdgeLink>> folded;
      synchronized (this) {
        folded =
            lastFold
                .handle((ignored, error) -> null)
                .thenApplyAsync(x -> fold(envelopes), blocking);
        lastFold = folded;
      }
      return folded
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
