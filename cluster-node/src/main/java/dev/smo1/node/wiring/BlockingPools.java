package dev.smo1.node.wiring;

import com.typesafe.config.Config;
import dev.smo1.concurrent.BoundedExecutor;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * The bounded pools blocking work of requests runs on, one per kind, so a flood of one kind fills
 * its own queue and is refused (503) without delaying the others: API-key lookups, the rest of the
 * API's database and CPU work (accounts, workspaces, link lists and searches, link passwords, QR
 * codes), and files of the web apps. Background work (projections, mail, start-up) stays on the
 * {@code smo1.blocking-dispatcher}, and readiness checks reuse one answer per second ({@code
 * NodeReadiness}).
 */
public record BlockingPools(
    BoundedExecutor keyLookups, BoundedExecutor requests, BoundedExecutor files) {

  public static BlockingPools from(Config config) {
    Config pools = config.getConfig("smo1.pools");
    return new BlockingPools(
        pool(pools, "key-lookups"), pool(pools, "requests"), pool(pools, "files"));
  }

  private static BoundedExecutor pool(Config pools, String name) {
    Config pool = pools.getConfig(name);
    return new BoundedExecutor(name, pool.getInt("threads"), pool.getInt("queue"));
  }

  public List<BoundedExecutor> all() {
    return List.of(keyLookups, requests, files);
  }

  /** Queue lengths and refusals per pool on {@code /metrics}. */
  public BlockingPools withMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("smo1_blocking_pool_queued")
        .help("Blocking tasks of requests waiting for a thread, per pool")
        .labelNames("pool")
        .callback(callback -> all().forEach(pool -> callback.call(pool.queued(), pool.name())))
        .register(registry);
    CounterWithCallback.builder()
        .name("smo1_blocking_pool_rejected_total")
        .help("Requests refused with 503 because their pool's queue was full, per pool")
        .labelNames("pool")
        .callback(callback -> all().forEach(pool -> callback.call(pool.rejected(), pool.name())))
        .register(registry);
    return this;
  }

  public void close() {
    all().forEach(BoundedExecutor::close);
  }
}
