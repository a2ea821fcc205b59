package dev.smo1.node.wiring;

import dev.smo1.node.management.ClusterMetrics;
import dev.smo1.node.management.NodeHealth;
import dev.smo1.node.management.NodeReadiness;
import dev.smo1.node.management.RedisMemoryMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's readiness and Pekko Management on its own port: {@code /ready} (cluster membership,
 * sharding registered, the node's own readiness), {@code /alive}, read-only cluster membership
 * under {@code /cluster}, and {@code /metrics}. On SIGTERM the node first reports not ready and
 * keeps serving for {@code smo1.shutdown.drain-delay}, so load balancers stop sending requests
 * before the HTTP port is unbound.
 */
public final class ManagementFeature {
  private static final Logger log = LoggerFactory.getLogger(ManagementFeature.class);

  private ManagementFeature() {}

  /** The node's readiness, registered with the health checks and the shutdown sequence. */
  public static NodeReadiness readiness(NodeContext node) {
    ClusterMetrics.start(
        node.system(), node.registry(), node.duration("smo1.metrics.cluster-interval"));
    RedisMemoryMetrics.start(
            node.system(),
            node.settings().redis(),
            node.settings().clickStreamRedis(),
            node.duration("smo1.metrics.redis-interval"),
            node.blocking(),
            node.registry())
        .ifPresent(metrics -> node.closeOnShutdown("close-redis-memory-metrics", metrics::close));
    var readiness = new NodeReadiness(node.system(), node.dataSource(), node.blocking());
    NodeHealth.ID.apply(node.system()).readiness(readiness);
    reportNotReadyOnShutdown(node, readiness);
    return readiness;
  }

  /** Starts Pekko Management; it runs until the actor system ends (so it reports the drain). */
  public static URI start(NodeContext node) {
    var management = PekkoManagement.get(node.system().classicSystem());
    URI address = URI.create(management.start().toCompletableFuture().join().toString());
    CoordinatedShutdown.get(node.system())
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "stop-management",
            management::stop);
    return address;
  }

  private static void reportNotReadyOnShutdown(NodeContext node, NodeReadiness readiness) {
    Duration drain = node.duration("smo1.shutdown.drain-delay");
    Duration phase =
        node.duration("pekko.coordinated-shutdown.phases.before-service-unbind.timeout");
    if (drain.compareTo(phase) >= 0) {
      throw new IllegalStateException(
          "smo1.shutdown.drain-delay ("
              + drain
              + ") must be shorter than the before-service-unbind phase ("
              + phase
              + ")");
    }
    CoordinatedShutdown.get(node.system())
        .addTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind(),
            "report-not-ready",
            () -> {
              readiness.shuttingDown();
              log.info("shutting down: reporting not ready, draining for {}", drain);
              return CompletableFuture.supplyAsync(
                  Done::getInstance,
                  CompletableFuture.delayedExecutor(drain.toMillis(), TimeUnit.MILLISECONDS));
            });
  }
}
