package dev.smo1.clicks;

import dev.smo1.clicks.analytics.ClickAnalytics;
import dev.smo1.clicks.analytics.ClickReports;
import dev.smo1.clicks.analytics.TrackedClicks;
import dev.smo1.clicks.analytics.WorkspaceLimitedReports;
import dev.smo1.clicks.live.LiveClicks;
import io.lettuce.core.RedisClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The click feature of one node, built from its settings: the durable buffer (a Redis stream) when
 * Redis is there, the group commit of origin clicks into it when on, the analytics queries when
 * ClickHouse is there, and with both the consumer moving clicks from one to the other.
 *
 * <p>The consumer starts in the background so the node does not wait for ClickHouse: its migrations
 * are applied first, tried again with backoff on Pekko's scheduler while ClickHouse is unreachable
 * (clicks wait in the buffer meanwhile). It stops in coordinated shutdown's service-stop phase,
 * after HTTP stopped taking requests and before the cluster is left, finishing the batch under way.
 * Every client this feature opens is closed when the actor system ends.
 */
public final class ClickPipeline {
  public static final String MIGRATIONS = "clickhouse/migrations";
  private static final Logger log = LoggerFactory.getLogger(ClickPipeline.class);
  private static final Duration SCHEMA_RETRY_MIN = Duration.ofSeconds(1);

  /** Blocking reads of the consumer wait up to a second: its commands need a longer timeout. */
  private static final Duration CONSUMER_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration LIVE_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private final Optional<RedisClickStream> buffer;
  private final Optional<ClickRecorder> originRecorder;
  private final Optional<LiveClicks> live;
  private final Optional<ClickReports> reports;
  private final Optional<TrackedClicks> trackedClicks;

  private ClickPipeline(
      Optional<RedisClickStream> buffer,
      Optional<ClickRecorder> originRecorder,
      Optional<LiveClicks> live,
      Optional<ClickReports> reports,
      Optional<TrackedClicks> trackedClicks) {
    this.live = live;
    this.trackedClicks = trackedClicks;
    this.buffer = buffer;
    this.originRecorder = originRecorder;
    this.reports = reports;
  }

  /**
   * Builds the feature.
   *
   * @param redis makes a Redis client with the given command timeout; empty: no Redis, so no buffer
   *     (clicks are refused) and no consumer
   * @param consumerName this node's name in the consumer group (unique in the cluster, stable
   *     across restarts of the node: its pending entries are found again)
   * @param blocking where the consumer's start-up (migrations) and the click stream's sampling run
   * @param closeOnShutdown registers a client to close when the actor system ends
   */
  public static ClickPipeline init(
      ActorSystem<?> system,
      ClickSettings settings,
      Optional<Function<Duration, RedisClient>> redis,
      Duration redisCommandTimeout,
      DataSource dataSource,
      String consumerName,
      Executor blocking,
      BiConsumer<String, Runnable> closeOnShutdown,
      Clock clock,
      PrometheusRegistry registry) {
    Optional<RedisClickStream> buffer =
        redis.map(
            clients -> {
              var stream =
                  new RedisClickStream(clients.apply(redisCommandTimeout), settings.dedupeWindow());
              closeOnShutdown.accept("close-click-stream", stream::close);
              var metrics =
                  ClickStreamMetrics.start(
                      system,
                      clients.apply(redisCommandTimeout),
                      settings.streamMetricsInterval(),
                      blocking,
                      clock,
                      registry);
              closeOnShutdown.accept("close-click-stream-metrics", metrics::close);
              return stream;
            });
    Optional<ClickRecorder> recorder =
        buffer
            .filter(stream -> settings.origin().enabled())
            .map(
                stream ->
                    new ClickRecorder(
                        stream::appendNew,
                        settings.origin().maxBatch(),
                        settings.origin().maxWritesInFlight(),
                        settings.origin().maxQueued()));
    Optional<ClickHouseAccess> clickHouse =
        settings
            .clickHouseUrl()
            .map(
                url -> {
                  var access =
                      new ClickHouseAccess(
                          url,
                          settings.clickHouseUser(),
                          settings.clickHousePassword(),
                          settings.clickHouseDatabase(),
                          settings.clickHouseTimeout(),
                          settings.clickHouseCaFile());
                  closeOnShutdown.accept("close-clickhouse", access::close);
                  return access;
                });
    // analytics as a user of its own when one is set (a read-only profile with its own limits)
    Optional<ClickHouseAccess> analytics =
        clickHouse.map(
            ingestAccess ->
                settings
                    .analyticsUser()
                    .map(
                        user -> {
                          var access =
                              new ClickHouseAccess(
                                  settings.clickHouseUrl().orElseThrow(),
                                  user,
                                  settings.analyticsPassword(),
                                  settings.clickHouseDatabase(),
                                  settings.clickHouseTimeout(),
                                  settings.clickHouseCaFile());
                          closeOnShutdown.accept("close-clickhouse-analytics", access::close);
                          return access;
                        })
                    .orElse(ingestAccess));
    if (clickHouse.isPresent() && redis.isPresent()) {
      var ingest =
          new ClickIngest(
              system,
              redis.get().apply(CONSUMER_COMMAND_TIMEOUT),
              clickHouse.get(),
              dataSource,
              UserAgentsOnce.build(settings.ingest().userAgentCacheSize()),
              settings.ingest(),
              consumerName,
              clock,
              registry);
      CoordinatedShutdown.get(system)
          .addTask(
              CoordinatedShutdown.PhaseServiceStop(),
              "stop-click-ingest",
              () ->
                  CompletableFuture.supplyAsync(
                      () -> {
                        ingest.close();
                        return Done.getInstance();
                      },
                      blocking));
      var migrations = ClickHouseMigrations.load(ClickPipeline.class.getClassLoader(), MIGRATIONS);
      applySchema(
              system,
              new ClickHouseMigrations(
                  clickHouse.get(), ClickHouseMigrations.advisoryLock(dataSource)),
              migrations,
              settings,
              blocking,
              SCHEMA_RETRY_MIN)
          .thenRun(
              () -> {
                ingest.start(system);
                new ClickRetention(clickHouse.get(), settings.retention().months(), clock)
                    .start(system, settings.retention().checkEvery(), blocking);
              });
    }
    var queries =
        analytics.map(access -> new ClickAnalytics(access, settings.analyticsQueryTimeout()));
    // the live view reads the stream with a blocking XREAD: a timeout beyond its block
    Optional<LiveClicks> live =
        redis.map(
            clients -> {
              var feed =
                  new LiveClicks(
                      system,
                      clients.apply(LIVE_COMMAND_TIMEOUT),
                      UserAgentsOnce.build(settings.ingest().userAgentCacheSize()),
                      settings.liveViewersPerNode());
              closeOnShutdown.accept("close-live-clicks", feed::close);
              return feed;
            });
    return new ClickPipeline(
        buffer,
        recorder,
        live,
        queries.map(
            query ->
                new WorkspaceLimitedReports(
                    query,
                    settings.analyticsPerWorkspace().running(),
                    settings.analyticsPerWorkspace().waiting())),
        queries.map(TrackedClicks.class::cast));
  }

  /** Applies the migrations, trying again with backoff until they are applied or the node ends. */
  private static CompletionStage<Void> applySchema(
      ActorSystem<?> system,
      ClickHouseMigrations schema,
      List<ClickHouseMigrations.Migration> migrations,
      ClickSettings settings,
      Executor blocking,
      Duration backoff) {
    return CompletableFuture.runAsync(
            () -> {
              try {
                int applied = schema.apply(migrations);
                log.info("ClickHouse schema current ({} migrations applied now)", applied);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            blocking)
        .exceptionallyCompose(
            failure -> {
              if (system.whenTerminated().isCompleted()) {
                return CompletableFuture.failedFuture(failure);
              }
              log.warn(
                  "ClickHouse not ready ({}); clicks wait in Redis; trying again in {} ms",
                  failure.getCause() != null ? failure.getCause().toString() : failure.toString(),
                  backoff.toMillis());
              Duration next = min(backoff.multipliedBy(2), settings.ingest().schemaRetryMax());
              return Patterns.after(
                  backoff,
                  system,
                  () -> applySchema(system, schema, migrations, settings, blocking, next));
            });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Each link's clicks as they reach the click stream, for live views (with Redis). */
  public Optional<dev.smo1.clicks.live.LiveClickFeed> live() {
    return live.map(dev.smo1.clicks.live.LiveClickFeed.class::cast);
  }

  /** The durable buffer, when Redis is there: edge click batches go into it. */
  public Optional<ClickSink> buffer() {
    return buffer.map(ClickSink.class::cast);
  }

  /** Group commit of the clicks of redirects this node answers, when on and Redis is there. */
  public Optional<ClickRecorder> originRecorder() {
    return originRecorder;
  }

  /** The month's tracked clicks of a workspace (usage), when ClickHouse is there. */
  public Optional<TrackedClicks> trackedClicks() {
    return trackedClicks;
  }

  /** The analytics queries, when ClickHouse is there. */
  public Optional<ClickReports> reports() {
    return reports;
  }

  /** One user-agent parser per JVM, built once in the background (it takes seconds). */
  static final class UserAgentsOnce {
    private static CompletableFuture<UserAgents> building;

    static synchronized Supplier<UserAgents> build(int cacheSize) {
      if (building == null) {
        building =
            CompletableFuture.supplyAsync(
                () -> {
                  long started = System.nanoTime();
                  var parser = new UserAgents(cacheSize);
                  log.info(
                      "user-agent parser ready in {} ms",
                      (System.nanoTime() - started) / 1_000_000);
                  return parser;
                });
      }
      CompletableFuture<UserAgents> parser = building;
      return parser::join;
    }
  }
}
