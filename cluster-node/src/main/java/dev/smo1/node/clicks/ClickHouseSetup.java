package dev.smo1.node.clicks;

import dev.smo1.node.config.ClickSettings;
import dev.smo1.node.config.NodeSettings;
import dev.smo1.node.db.Redis;
import dev.smo1.projection.clicks.ClickHouseAccess;
import dev.smo1.projection.clicks.ClickHouseMigrations;
import dev.smo1.projection.clicks.ClickIngest;
import dev.smo1.projection.clicks.LinkOwners;
import dev.smo1.projection.clicks.RollupRepair;
import dev.smo1.projection.clicks.UserAgents;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a node's click pipeline up without holding up the node: in the background it applies the
 * ClickHouse migrations (again and again, with backoff, while ClickHouse is unreachable; clicks
 * wait in the buffer meanwhile), builds the user-agent parser, then starts the consumer. The
 * consumer stops in coordinated shutdown's service-stop phase, after HTTP stopped taking requests
 * and before the cluster is left, finishing the batch under way.
 */
public final class ClickHouseSetup {
  public static final String MIGRATIONS = "clickhouse/migrations";
  private static final Logger log = LoggerFactory.getLogger(ClickHouseSetup.class);

  private ClickHouseSetup() {}

  /** Completes once the schema is current (the analytics API can answer from then on). */
  public static CompletableFuture<Void> start(
      ActorSystem<?> system,
      ClickHouseAccess clickHouse,
      NodeSettings settings,
      DataSource dataSource,
      Clock clock,
      PrometheusRegistry registry) {
    ClickSettings clicks = settings.clicks();
    var schema = new CompletableFuture<Void>();
    var address = Cluster.get(system).selfMember().address();
    String consumer = address.getHost().orElse("node") + ":" + address.getPort().orElse(0);
    var ingest =
        new ClickIngest(
            Redis.client(settings.redisUrl().orElseThrow(), Duration.ofSeconds(10)),
            clickHouse,
            new LinkOwners(dataSource, 100_000),
            new RollupRepair(dataSource, clickHouse, registry),
            UserAgentsOnce.build(),
            new ClickIngest.Settings(
                consumer,
                // entries: a batch of the edge (up to 1,000 clicks) or a group commit of the origin
                50,
                clicks.batchSize(),
                clicks.batchWindow(),
                clicks.claimIdle(),
                clicks.claimEvery(),
                Duration.ofMillis(500),
                Duration.ofSeconds(10)),
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
                    }));
    Thread.ofPlatform()
        .name("clickhouse-setup")
        .daemon()
        .start(
            () -> {
              var migrations =
                  ClickHouseMigrations.load(ClickHouseSetup.class.getClassLoader(), MIGRATIONS);
              long backoff = 1_000;
              while (!system.whenTerminated().isCompleted()) {
                try {
                  int applied = new ClickHouseMigrations(clickHouse).apply(migrations);
                  log.info("ClickHouse schema current ({} migrations applied now)", applied);
                  schema.complete(null);
                  ingest.start(system);
                  log.info("click ingest started consumer={}", consumer);
                  return;
                } catch (Exception e) {
                  log.warn(
                      "ClickHouse not ready ({}); clicks wait in Redis; trying again in {} ms",
                      e.toString(),
                      backoff);
                  try {
                    Thread.sleep(backoff);
                  } catch (InterruptedException interrupted) {
                    return;
                  }
                  backoff = Math.min(30_000, backoff * 2);
                }
              }
            });
    return schema;
  }

  /** One user-agent parser per JVM, built once in the background (it takes seconds). */
  static final class UserAgentsOnce {
    private static CompletableFuture<UserAgents> building;

    static synchronized java.util.function.Supplier<UserAgents> build() {
      if (building == null) {
        building =
            CompletableFuture.supplyAsync(
                () -> {
                  long started = System.nanoTime();
                  var parser = new UserAgents(20_000);
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
