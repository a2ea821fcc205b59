package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smo1.localstores.LocalRedis;
import dev.smo1.localstores.testing.TestRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped under a connected limiter: every call fails with {@link
 * RateLimiterUnavailableException} within the store timeout, whether the client rejects commands
 * while disconnected (as the node's does) or queues them (Lettuce's default); and the limiter works
 * again once Redis is back.
 */
class RedisRateLimiterOutageTest {
  private static final Duration TIMEOUT = Duration.ofMillis(250);

  /** Scheduling slack on a busy two-core machine, on top of the timeout. */
  private static final Duration SLACK = Duration.ofMillis(250);

  private static final RateLimit LIMIT = RateLimit.perMinute("outage", 10);

  private LocalRedis redis;
  private RedisClient client;
  private RedisRateLimiter limiter;

  @BeforeEach
  void startRedis() {
    redis = TestRedis.start();
  }

  @AfterEach
  void stopRedis() {
    if (limiter != null) {
      limiter.close();
    }
    if (client != null) {
      client.shutdown();
    }
    redis.close();
  }

  @Test
  void aClientThatRejectsWhileDisconnectedFailsFast() throws Exception {
    client = RedisClient.create(redis.url());
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
            .build());
    limiter = new RedisRateLimiter(client, TIMEOUT, Clock.systemUTC(), 100);
    assertThat(limiter.consume(LIMIT, "k").toCompletableFuture().get().allowed()).isTrue();

    redis.stop();

    assertUnavailableWithinTimeout(limiter.consume(LIMIT, "k").toCompletableFuture());
    assertUnavailableWithinTimeout(limiter.peek(LIMIT, "k").toCompletableFuture());
    redis.restart();
    assertThat(awaitAnswer().remaining()).isLessThan(10);
  }

  @Test
  void aClientThatQueuesWhileDisconnectedTimesOut() throws Exception {
    client = RedisClient.create(redis.url());
    limiter = new RedisRateLimiter(client, TIMEOUT, Clock.systemUTC(), 100);
    assertThat(limiter.consume(LIMIT, "k").toCompletableFuture().get().allowed()).isTrue();

    redis.stop();

    var consume = limiter.consume(LIMIT, "k").toCompletableFuture();
    assertUnavailableWithinTimeout(consume);
    assertThatThrownBy(consume::join).hasRootCauseInstanceOf(TimeoutException.class);
    redis.restart();
    assertThat(awaitAnswer().allowed()).isTrue();
  }

  private static void assertUnavailableWithinTimeout(CompletableFuture<RateDecision> call) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> call.get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RateLimiterUnavailableException.class)
        .hasMessageContaining("limit=outage");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plus(SLACK));
  }

  /** The client reconnects by itself: calls answer again within a few seconds. */
  private RateDecision awaitAnswer() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return limiter.consume(LIMIT, "k").toCompletableFuture().get();
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no answer 10 s after Redis came back", e);
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
    }
  }
}
