package dev.smo1.node.wiring;

import com.zaxxer.hikari.HikariDataSource;
import dev.smo1.node.config.NodeSettings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What every feature of a node is built from: the actor system, the node's settings, its database
 * pool, the dispatcher for background blocking calls, the bounded pools for requests' blocking
 * work, the clock and the metrics registry.
 */
public record NodeContext(
    ActorSystem<Void> system,
    NodeSettings settings,
    HikariDataSource dataSource,
    Executor blocking,
    BlockingPools pools,
    Clock clock,
    PrometheusRegistry registry) {

  /** A duration from the node's configuration. */
  public Duration duration(String path) {
    return system.settings().config().getDuration(path);
  }

  /** Closes {@code resource} when the actor system terminates (after HTTP and cluster exit). */
  public void closeOnShutdown(String name, Runnable resource) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            name,
            () -> {
              resource.run();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
  }
}
