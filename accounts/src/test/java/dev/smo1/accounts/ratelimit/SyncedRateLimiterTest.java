package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot-path limiter against a real Redis: exact on one node (the contract), and one budget for
 * the cluster once the nodes have synced — overrun by at most what they allowed between syncs.
 */
class SyncedRateLimiterTest extends RateLimiterContract {
  private static final Duration NEVER = Duration.ofHours(1); // syncs only when the test says

  private static LocalRedis redis;
  private static RedisClient admin;
  private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
    admin = RedisClient.create(redis.url());
  }

  @AfterAll
  static void stopRedis() {
    admin.shutdown();
    redis.close();
  }

  @BeforeEach
  void flush() {
    try (var connection = admin.connect()) {
      connection.sync().flushall();
    }
  }

  @AfterEach
  void closeLimiters() throws Exception {
    for (AutoCloseable closeable : opened.reversed()) {
      closeable.close();
    }
  }

  @Override
  RateLimiter limiter(Clock clock) {
    return node(clock);
  }

  private SyncedRateLimiter node(Clock clock) {
    RedisClient client = RedisClient.create(redis.url());
    opened.add(client::shutdown);
    var limiter = new SyncedRateLimiter(client, NEVER, clock, 1_000);
    opened.add(limiter);
    return limiter;
  }

  @Test
  void nodesLearnEachOthersCountsAtTheirNextSync() throws Exception {
    var limit = RateLimit.perMinute("unknown-codes", 100);
    var first = node(clock);
    var second = node(clock);

    assertThat(allowed(first, limit, 60)).isEqualTo(60);
    assertThat(allowed(second, limit, 60))
        .as("before any sync each node knows its own")
        .isEqualTo(60);
    first.sync().toCompletableFuture().get();
    second.sync().toCompletableFuture().get();
    first.sync().toCompletableFuture().get();

    assertThat(allowed(first, limit, 10)).as("120 of 100 spent in the cluster").isZero();
    assertThat(allowed(second, limit, 10)).isZero();
    try (var connection = admin.connect()) {
      var keys = connection.sync().keys("smo1:rl:unknown-codes:*");
      assertThat(keys).hasSize(1);
      assertThat(connection.sync().get(keys.getFirst())).isEqualTo("120");
      assertThat(connection.sync().pttl(keys.getFirst()))
          .as("expires after its window")
          .isPositive();
    }

    clock.set(Instant.parse("2030-01-01T00:01:00Z"));
    assertThat(allowed(first, limit, 10)).as("a new window").isEqualTo(10);
  }

  @Test
  void withoutRedisDecisionsGoOnFromWhatTheNodeCounted() throws Exception {
    var limit = RateLimit.perMinute("unknown-codes", 5);
    var stopped = RedisClient.create("redis://127.0.0.1:1");
    opened.add(stopped::shutdown);
    SyncedRateLimiter alone;
    try {
      alone = new SyncedRateLimiter(stopped, NEVER, clock, 1_000);
    } catch (io.lettuce.core.RedisConnectionException refused) {
      // the node could not connect at start: it counts in memory alone
      alone = new SyncedRateLimiter(null, NEVER, clock, 1_000);
    }
    opened.add(alone);
    assertThat(allowed(alone, limit, 10)).isEqualTo(5);
  }

  private static int allowed(RateLimiter limiter, RateLimit limit, int requests) throws Exception {
    int allowed = 0;
    for (int i = 0; i < requests; i++) {
      if (await(limiter.consume(limit, "203.0.113.7")).allowed()) {
        allowed++;
      }
    }
    return allowed;
  }
}
