package dev.smo1.clicks;

import dev.smo1.clicks.ClickStreamConsumer.Entry;
import io.lettuce.core.RedisClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves clicks from the durable buffer ({@link RedisClickStream}) into ClickHouse, on every node,
 * at least once and without duplicates (decision 0007). One Pekko stream per node, its stages:
 *
 * <ol>
 *   <li><b>read</b> entries as a member of the consumer group ({@link ClickStreamConsumer}: own
 *       pending entries after a restart, entries claimed from a dead consumer, then new ones);
 *   <li><b>batch</b> them by count and time (large, infrequent inserts, as ClickHouse recommends);
 *   <li><b>store</b> each batch ({@link ClickBatchStore}: dedupe, insert, mend rollups; retried
 *       with backoff while ClickHouse fails, holding the batch, so the stream back-pressures and
 *       memory stays bounded by about two batches while the backlog waits in Redis);
 *   <li><b>acknowledge</b> its entries, and trim what every consumer acknowledged.
 * </ol>
 *
 * A failure in reading or acknowledging restarts the stream with backoff ({@link RestartSource});
 * it then starts again from this consumer's pending list. While a batch waits, its entries are
 * claimed again every {@code claimIdle / 4}, so no other node takes them over from a live one.
 */
public final class ClickIngest implements AutoCloseable {
  public static final String GROUP = ClickStreamConsumer.GROUP;
  private static final Logger log = LoggerFactory.getLogger(ClickIngest.class);

  private final ClickStreamConsumer consumer;
  private final ClickSettings.Ingest settings;
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("click-read").factory());
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("click-insert").factory());
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("click-claim").daemon().factory());
  private final ClickBatchStore store;
  private volatile boolean stopping;
  private UniqueKillSwitch killSwitch;
  private CompletableFuture<Done> done;

  ClickIngest(
      ActorSystem<?> system,
      RedisClient redis,
      ClickHouseAccess clickHouse,
      DataSource dataSource,
      Supplier<UserAgents> userAgents,
      ClickSettings.Ingest settings,
      String consumerName,
      Clock clock,
      PrometheusRegistry registry) {
    this.settings = settings;
    var metrics = new IngestMetrics(registry);
    this.consumer = new ClickStreamConsumer(redis, settings, consumerName, clock, metrics);
    this.store =
        new ClickBatchStore(
            clickHouse,
            new LinkOwners(
                dataSource, SerializationExtension.get(system), settings.ownerCacheSize()),
            new RollupRepair(dataSource, clickHouse, registry, system, writer),
            new ClickRows(userAgents, clock),
            settings,
            metrics,
            system,
            writer,
            () -> stopping,
            consumer::setAsideRefused);
  }

  /** Starts the stream; it runs until {@link #close()}, restarting with backoff after failures. */
  synchronized void start(ActorSystem<?> system) {
    consumer.connect();
    long beat = Math.max(1_000, settings.claimIdle().toMillis() / 4);
    heartbeat.scheduleWithFixedDelay(consumer::keepHeldClaimed, beat, beat, TimeUnit.MILLISECONDS);
    var restart =
        RestartSettings.create(settings.retryMin(), settings.retryMax(), 0.2)
            .withMaxRestarts(Integer.MAX_VALUE, settings.retryMax());
    var running =
        RestartSource.onFailuresWithBackoff(restart, this::pipeline)
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(system);
    killSwitch = running.first();
    done = running.second().toCompletableFuture();
    log.info("click ingest started consumer={}", consumer.name());
  }

  /** One run of the stream; after a failure it starts again from this consumer's pending list. */
  private Source<Integer, NotUsed> pipeline() {
    if (stopping) {
      return Source.empty();
    }
    consumer.rewind();
    return Source.repeat(NotUsed.getInstance())
        .mapAsync(1, tick -> CompletableFuture.supplyAsync(consumer::read, reader))
        .named("read")
        .takeWhile(entries -> !stopping)
        .mapConcat(entries -> entries)
        .groupedWeightedWithin(
            settings.batchSize(),
            entry -> (long) Math.max(1, entry.clicks().size()),
            settings.batchWindow())
        .named("batch")
        .mapAsync(1, this::storeAndAcknowledge)
        .named("store");
  }

  private CompletionStage<Integer> storeAndAcknowledge(List<Entry> batch) {
    List<Click> clicks = batch.stream().flatMap(entry -> entry.clicks().stream()).toList();
    String queryId =
        RollupRepair.INSERT_QUERY_PREFIX + consumer.name() + "-" + batch.getFirst().id();
    boolean maybeStored = batch.stream().anyMatch(Entry::redelivered);
    return store
        .store(clicks, maybeStored, queryId)
        .thenApplyAsync(
            stored -> {
              consumer.acknowledge(batch);
              return stored;
            },
            writer);
  }

  /** Stops reading, lets the batch under way finish (or stay pending), and closes. */
  @Override
  public synchronized void close() {
    stopping = true;
    if (killSwitch != null) {
      try {
        // reading stops within a second; the batch under way is inserted and acknowledged
        done.get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("click ingest did not stop in time ({}); its batch stays pending", e.toString());
        killSwitch.abort(e);
      }
    }
    heartbeat.shutdownNow();
    reader.shutdownNow();
    writer.shutdownNow();
    consumer.close();
  }
}
