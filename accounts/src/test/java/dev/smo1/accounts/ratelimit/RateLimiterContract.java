package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smo1.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} does for one node: fixed windows aligned to the epoch, exact
 * counts, peeks that take nothing. Time stands still on a {@link MutableClock} unless a test says
 * otherwise, so a window ends only when the test moves the clock.
 */
abstract class RateLimiterContract {
  /** Ten seconds into a minute: fifty seconds left in the minute's window. */
  static final Instant T0 = Instant.parse("2030-01-01T00:00:10Z");

  static final RateLimit FIVE_PER_MINUTE = RateLimit.perMinute("contract", 5);

  final MutableClock clock = new MutableClock(T0);

  /** A limiter on this clock, closed by the subclass after the test. */
  abstract RateLimiter limiter(Clock clock);

  static RateDecision await(CompletionStage<RateDecision> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void capacityIsAllowedThenDeniedUntilTheWindowEnds() throws Exception {
    var limiter = limiter(clock);

    for (int i = 1; i <= 5; i++) {
      assertThat(await(limiter.consume(FIVE_PER_MINUTE, "exact")))
          .isEqualTo(new RateDecision(true, 5, 5 - i, Duration.ofSeconds(50)));
    }
    RateDecision denied = await(limiter.consume(FIVE_PER_MINUTE, "exact"));
    clock.set(Instant.parse("2030-01-01T00:00:59.999Z"));
    RateDecision stillDenied = await(limiter.consume(FIVE_PER_MINUTE, "exact"));

    assertThat(denied).isEqualTo(new RateDecision(false, 5, 0, Duration.ofSeconds(50)));
    assertThat(denied.retryAfter()).isEqualTo(50);
    assertThat(denied.resetSeconds()).isEqualTo(50);
    assertThat(stillDenied.allowed()).isFalse();
    assertThat(stillDenied.retryAfter()).isEqualTo(1);
  }

  @Test
  void theNextWindowRefillsTheWholeBudget() throws Exception {
    var limiter = limiter(clock);
    for (int i = 0; i < 6; i++) {
      limiter.consume(FIVE_PER_MINUTE, "refill").toCompletableFuture().get();
    }

    clock.set(Instant.parse("2030-01-01T00:01:00Z"));
    RateDecision first = await(limiter.consume(FIVE_PER_MINUTE, "refill"));
    clock.set(Instant.parse("2030-01-01T00:03:30Z"));
    RateDecision later = await(limiter.consume(FIVE_PER_MINUTE, "refill"));

    assertThat(first).isEqualTo(new RateDecision(true, 5, 4, Duration.ofSeconds(60)));
    assertThat(later).isEqualTo(new RateDecision(true, 5, 4, Duration.ofSeconds(30)));
  }

  @Test
  void windowsAreAlignedToTheEpochNotToTheFirstRequest() throws Exception {
    var limiter = limiter(clock);
    var quarterHour = new RateLimit("quarter", 2, Duration.ofMinutes(15));
    clock.set(Instant.parse("2030-01-01T00:14:50Z"));
    await(limiter.consume(quarterHour, "aligned"));
    await(limiter.consume(quarterHour, "aligned"));
    RateDecision denied = await(limiter.consume(quarterHour, "aligned"));

    clock.set(Instant.parse("2030-01-01T00:15:00Z"));
    RateDecision tenSecondsLater = await(limiter.consume(quarterHour, "aligned"));

    assertThat(denied.retryAfter()).isEqualTo(10);
    assertThat(tenSecondsLater).isEqualTo(new RateDecision(true, 2, 1, Duration.ofMinutes(15)));
  }

  @Test
  void peekTakesNothing() throws Exception {
    var limiter = limiter(clock);

    RateDecision fresh = await(limiter.peek(FIVE_PER_MINUTE, "peek"));
    await(limiter.peek(FIVE_PER_MINUTE, "peek"));
    await(limiter.consume(FIVE_PER_MINUTE, "peek"));
    RateDecision afterOne = await(limiter.peek(FIVE_PER_MINUTE, "peek"));
    for (int i = 0; i < 4; i++) {
      await(limiter.consume(FIVE_PER_MINUTE, "peek"));
    }
    RateDecision exhausted = await(limiter.peek(FIVE_PER_MINUTE, "peek"));

    assertThat(fresh).isEqualTo(new RateDecision(true, 5, 5, Duration.ofSeconds(50)));
    assertThat(afterOne).isEqualTo(new RateDecision(true, 5, 4, Duration.ofSeconds(50)));
    assertThat(exhausted).isEqualTo(new RateDecision(false, 5, 0, Duration.ofSeconds(50)));
    assertThat(exhausted.retryAfter()).isEqualTo(50);
  }

  /** The login throttle: peek before checking the password, consume on a failure only. */
  @Test
  void failureThrottleBlocksAfterFiveFailuresUntilTheWindowPasses() throws Exception {
    var limiter = limiter(clock);
    var failures = new RateLimit("failures", 5, Duration.ofMinutes(15));
    List<Boolean> peeks = new ArrayList<>();
    for (int attempt = 0; attempt < 6; attempt++) {
      RateDecision before = await(limiter.peek(failures, "alice@example.com"));
      peeks.add(before.allowed());
      if (before.allowed()) {
        await(limiter.consume(failures, "alice@example.com")); // the password was wrong
      }
    }
    RateDecision otherEmail = await(limiter.peek(failures, "bob@example.com"));
    clock.set(Instant.parse("2030-01-01T00:15:00Z"));
    RateDecision nextWindow = await(limiter.peek(failures, "alice@example.com"));

    assertThat(peeks).containsExactly(true, true, true, true, true, false);
    assertThat(otherEmail.allowed()).isTrue();
    assertThat(nextWindow).isEqualTo(new RateDecision(true, 5, 5, Duration.ofMinutes(15)));
  }

  @Test
  void keysAndLimitsCountApart() throws Exception {
    var limiter = limiter(clock);
    var other = RateLimit.perMinute("other", 5);
    for (int i = 0; i < 5; i++) {
      await(limiter.consume(FIVE_PER_MINUTE, "apart"));
    }

    assertThat(await(limiter.consume(FIVE_PER_MINUTE, "apart")).allowed()).isFalse();
    assertThat(await(limiter.consume(FIVE_PER_MINUTE, "apart-2")).remaining()).isEqualTo(4);
    assertThat(await(limiter.consume(other, "apart")).remaining()).isEqualTo(4);
  }

  @Test
  void longKeysAreAccepted() throws Exception {
    var limiter = limiter(clock);
    String huge = "x".repeat(100_000) + "@example.com";

    assertThat(await(limiter.consume(FIVE_PER_MINUTE, huge)).remaining()).isEqualTo(4);
    assertThat(await(limiter.consume(FIVE_PER_MINUTE, huge)).remaining()).isEqualTo(3);
  }

  /** On the real clock: a one-second window refills at its boundary, observed by peeking. */
  @Test
  void aShortWindowRefillsAtItsBoundaryOnTheRealClock() throws Exception {
    var limiter = limiter(Clock.systemUTC());
    var perSecond = new RateLimit("per-second", 3, Duration.ofSeconds(1));
    awaitEarlyInWindow(perSecond);
    Instant windowEnd = perSecond.windowStart(Instant.now()).plus(perSecond.window());

    for (int i = 0; i < 3; i++) {
      assertThat(await(limiter.consume(perSecond, "tick")).allowed()).isTrue();
    }
    RateDecision denied = await(limiter.consume(perSecond, "tick"));
    RateDecision refilled = awaitAllowed(limiter, perSecond, "tick", Duration.ofSeconds(3));

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.retryAfter()).isEqualTo(1);
    assertThat(Instant.now()).isAfterOrEqualTo(windowEnd);
    assertThat(refilled.remaining()).isEqualTo(3);
  }

  /** Waits (on the clock) until at least 600 ms are left in the current window. */
  static void awaitEarlyInWindow(RateLimit limit) {
    while (limit.resetAfter(Instant.now()).compareTo(Duration.ofMillis(600)) < 0) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  static RateDecision awaitAllowed(RateLimiter limiter, RateLimit limit, String key, Duration max)
      throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      RateDecision decision = await(limiter.peek(limit, key));
      if (decision.allowed() || System.nanoTime() > deadline) {
        return decision;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
