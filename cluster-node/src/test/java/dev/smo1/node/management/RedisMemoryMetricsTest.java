package dev.smo1.node.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import dev.smo1.node.config.RedisEndpoint;
import dev.smo1.node.db.Redis;
import io.lettuce.core.RedisClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each Redis' memory, maxmemory and policy, read off real servers by role. */
class RedisMemoryMetricsTest {
  @Test
  void readsUsedMemoryMaxmemoryAndPolicyOfEachRedisByRole() {
    try (LocalRedis cache = TestRedis.start();
        LocalRedis clickStream = TestRedis.start()) {
      configure(cache, "64mb", "allkeys-lru");
      configure(clickStream, "32mb", "noeviction");
      var metrics =
          new RedisMemoryMetrics(
              Map.of(
                  "cache", client(cache),
                  "click-stream", client(clickStream)),
              new PrometheusRegistry());
      try {
        var sample = metrics.sample();
        assertThat(sample.get("cache").maxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(sample.get("cache").policy()).isEqualTo("allkeys-lru");
        assertThat(sample.get("cache").usedBytes()).isPositive();
        assertThat(sample.get("click-stream").maxBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(sample.get("click-stream").policy()).isEqualTo("noeviction");

        // a Redis that stops answering keeps its last reading
        clickStream.close();
        assertThat(metrics.sample().get("click-stream")).isEqualTo(sample.get("click-stream"));
      } finally {
        metrics.close();
      }
    }
  }

  @Test
  void theLocalRedisOfSmo1RunIsBoundedAndNeverEvicts() {
    try (LocalRedis local = TestRedis.start()) {
      var metrics =
          new RedisMemoryMetrics(Map.of("shared", client(local)), new PrometheusRegistry());
      try {
        assertThat(metrics.sample().get("shared"))
            .satisfies(
                memory -> {
                  assertThat(memory.policy()).isEqualTo("noeviction");
                  assertThat(memory.maxBytes()).isEqualTo(1024L * 1024 * 1024);
                });
      } finally {
        metrics.close();
      }
    }
  }

  @Test
  void parsesAnInfoMemoryAnswer() {
    assertThat(
            RedisMemoryMetrics.parse(
                "# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n"
                    + "maxmemory:402653184\r\nmaxmemory_policy:noeviction\r\n"))
        .isEqualTo(new RedisMemoryMetrics.Memory(1_048_576, 402_653_184, "noeviction"));
  }

  /** The node's own client: fails at once while Redis is unreachable. */
  private static RedisClient client(LocalRedis redis) {
    return Redis.client(
        new RedisEndpoint(redis.url(), "", Optional.empty()), Duration.ofSeconds(2));
  }

  private static void configure(LocalRedis redis, String maxmemory, String policy) {
    var client = RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      connection.sync().configSet("maxmemory", maxmemory);
      connection.sync().configSet("maxmemory-policy", policy);
    } finally {
      client.shutdown();
    }
  }
}
