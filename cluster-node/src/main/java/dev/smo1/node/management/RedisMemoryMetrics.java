package dev.smo1.node.management;

import dev.smo1.node.config.RedisEndpoint;
import dev.smo1.node.db.Redis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory of each Redis the node uses, from {@code INFO memory} every {@code interval} on a
 * blocking thread: {@code smo1_redis_used_memory_bytes} and {@code smo1_redis_maxmemory_bytes},
 * labelled with the Redis' role ({@code cache}, {@code click-stream}, or {@code shared} when one
 * Redis is both) and its {@code maxmemory-policy}. A Redis with {@code noeviction} refuses writes
 * once full (the click stream: new clicks); one that evicts is full by design. Names are an
 * interface of the alerts (decision 0011).
 */
public final class RedisMemoryMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisMemoryMetrics.class);

  /** One reading of {@code INFO memory}. */
  public record Memory(long usedBytes, long maxBytes, String policy) {}

  private final Map<String, RedisClient> clients;
  private final Map<String, StatefulRedisConnection<String, String>> connections =
      new ConcurrentHashMap<>();
  private final Map<String, Memory> last = new ConcurrentHashMap<>();
  private final AtomicBoolean sampling = new AtomicBoolean();

  RedisMemoryMetrics(Map<String, RedisClient> clients, PrometheusRegistry registry) {
    this.clients = clients;
    GaugeWithCallback.builder()
        .name("smo1_redis_used_memory_bytes")
        .help("Memory the Redis uses (INFO memory used_memory), by role and maxmemory policy")
        .labelNames("redis", "policy")
        .callback(
            callback ->
                last.forEach(
                    (role, memory) -> callback.call(memory.usedBytes(), role, memory.policy())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("smo1_redis_maxmemory_bytes")
        .help("The Redis' maxmemory (0: unbounded), by role and maxmemory policy")
        .labelNames("redis", "policy")
        .callback(
            callback ->
                last.forEach(
                    (role, memory) -> callback.call(memory.maxBytes(), role, memory.policy())))
        .register(registry);
  }

  /**
   * Samples the cache's and the click stream's Redis every {@code interval} (one Redis once, as
   * {@code shared}, when both are the same); nothing when the node has no Redis.
   */
  public static Optional<RedisMemoryMetrics> start(
      ActorSystem<?> system,
      Optional<RedisEndpoint> cache,
      Optional<RedisEndpoint> clickStream,
      Duration interval,
      Executor blocking,
      PrometheusRegistry registry) {
    Map<String, RedisEndpoint> endpoints = new LinkedHashMap<>();
    if (cache.isPresent() && cache.equals(clickStream)) {
      endpoints.put("shared", cache.get());
    } else {
      cache.ifPresent(endpoint -> endpoints.put("cache", endpoint));
      clickStream.ifPresent(endpoint -> endpoints.put("click-stream", endpoint));
    }
    if (endpoints.isEmpty()) {
      return Optional.empty();
    }
    Map<String, RedisClient> clients = new LinkedHashMap<>();
    endpoints.forEach((role, endpoint) -> clients.put(role, Redis.client(endpoint, system)));
    var metrics = new RedisMemoryMetrics(clients, registry);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            interval,
            () -> {
              if (metrics.sampling.compareAndSet(false, true)) {
                blocking.execute(
                    () -> {
                      try {
                        metrics.sample();
                      } finally {
                        metrics.sampling.set(false);
                      }
                    });
              }
            },
            system.executionContext());
    return Optional.of(metrics);
  }

  /** Reads every Redis once; one that does not answer keeps its last reading. */
  Map<String, Memory> sample() {
    clients.forEach(
        (role, client) -> {
          try {
            var connection = connections.computeIfAbsent(role, unused -> client.connect());
            last.put(role, parse(connection.sync().info("memory")));
          } catch (RuntimeException e) {
            log.warn("reading Redis memory failed redis={} error={}", role, e.toString());
          }
        });
    return Map.copyOf(last);
  }

  /** The used memory, maxmemory and policy of an {@code INFO memory} answer. */
  static Memory parse(String info) {
    long used = 0;
    long max = 0;
    String policy = "unknown";
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String value = line.substring(colon + 1).strip();
      switch (line.substring(0, colon)) {
        case "used_memory" -> used = Long.parseLong(value);
        case "maxmemory" -> max = Long.parseLong(value);
        case "maxmemory_policy" -> policy = value;
        default -> {}
      }
    }
    return new Memory(used, max, policy);
  }

  @Override
  public void close() {
    connections.values().forEach(StatefulRedisConnection::close);
    clients.values().forEach(RedisClient::shutdown);
  }
}
