package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis limiter against a real Redis: the contract, its keys, and one budget for all nodes. */
class RedisRateLimiterTest extends RateLimiterContract {
  private static final Duration TIMEOUT = Duration.ofMillis(250);

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
    return node(clock, TIMEOUT);
  }

  /** A limiter on its own client and connection, as one node has. */
  private RedisRateLimiter node(Clock clock, Duration timeout) {
    RedisClient client = RedisClient.create(redis.url());
    opened.add(client::shutdown);
    var limiter = new RedisRateLimiter(client, timeout, clock, 1_000);
    opened.add(limiter);
    return limiter;
  }

  @Test
  void keysAreHashedAndExpireWhenTheirWindowEnds() throws Exception {
    var limiter = limiter(clock);
    var perEmail = new RateLimit("login-email", 5, Duration.ofMinutes(15));

    await(limiter.consume(perEmail, "Alice@Example.com"));

    try (var connection = admin.connect()) {
      List<String> keys = connection.sync().keys("*");
      assertThat(keys).hasSize(1);
      assertThat(keys.getFirst()).matches("smo1:rl:login-email:[0-9a-f]{32}");
      assertThat(keys.getFirst()).doesNotContainIgnoringCase("alice");
      // ten seconds into the quarter hour on the test's clock: it expires 14 min 50 s later
      assertThat(connection.sync().pttl(keys.getFirst()))
          .isBetween(
              Duration.ofMinutes(14).plusSeconds(45).toMillis(),
              Duration.ofMinutes(14).plusSeconds(50).toMillis());
    }
  }

  /**
   * Three clients stand for three nodes; every request of all three is in flight at once, within
   * the production timeout (without the per-node batching the swaps of 600 concurrent requests on
   * one key retry past it).
   */
  @Test
  void threeNodesShareOneBudgetExactly() throws Exception {
    var limit = RateLimit.perMinute("shared", 250);
    List<RateLimiter> nodes =
        List.of(node(clock, TIMEOUT), node(clock, TIMEOUT), node(clock, TIMEOUT));

    List<RateDecision> first = burst(nodes, limit, 200);
    clock.set(Instant.parse("2030-01-01T00:01:00Z"));
    List<RateDecision> second = burst(nodes, limit, 200);

    for (List<RateDecision> window : List.of(first, second)) {
      assertThat(window).hasSize(600);
      assertThat(window.stream().filter(RateDecision::allowed)).hasSize(250);
      // every token handed out once: the allowed answers count down 249..0 without a repeat
      assertThat(window.stream().filter(RateDecision::allowed).map(RateDecision::remaining))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 250).boxed().toList());
    }
  }

  private static List<RateDecision> burst(List<RateLimiter> nodes, RateLimit limit, int perNode) {
    List<CompletableFuture<RateDecision>> calls = new ArrayList<>();
    for (int i = 0; i < perNode; i++) {
      for (RateLimiter node : nodes) {
        calls.add(node.consume(limit, "key:shared").toCompletableFuture());
      }
    }
    return calls.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void aChangedLimitKeepsTheStoredBudgetForTheRestOfTheWindow() throws Exception {
    var limiter = limiter(clock);
    await(limiter.consume(FIVE_PER_MINUTE, "plan"));

    RateDecision sameWindow = await(limiter.consume(FIVE_PER_MINUTE.withCapacity(50), "plan"));

    // the stored bucket keeps its five for this window; the decision speaks of the new limit
    assertThat(sameWindow.limit()).isEqualTo(50);
    assertThat(sameWindow.remaining()).isEqualTo(3);
  }

  /** On the real clock: the key goes when its window ends, and a changed limit with it. */
  @Test
  void theKeyExpiresAtTheWindowBoundaryAndAChangedLimitAppliesThen() throws Exception {
    var limiter = limiter(Clock.systemUTC());
    var perSecond = new RateLimit("expiring", 5, Duration.ofSeconds(1));
    awaitEarlyInWindow(perSecond);
    Instant windowEnd = perSecond.windowStart(Instant.now()).plus(perSecond.window());
    await(limiter.consume(perSecond, "plan"));

    try (var connection = admin.connect()) {
      assertThat(connection.sync().keys("smo1:rl:expiring:*")).hasSize(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (!connection.sync().keys("smo1:rl:expiring:*").isEmpty()
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
      assertThat(connection.sync().keys("smo1:rl:expiring:*")).isEmpty();
    }
    assertThat(Instant.now()).isAfterOrEqualTo(windowEnd.minusMillis(5));
    assertThat(await(limiter.consume(perSecond.withCapacity(50), "plan")).remaining())
        .isEqualTo(49);
  }
}
