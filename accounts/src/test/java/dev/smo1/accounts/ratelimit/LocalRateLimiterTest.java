package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory limiter keeps the contract on one node. */
class LocalRateLimiterTest extends RateLimiterContract {

  @Override
  RateLimiter limiter(Clock clock) {
    return new LocalRateLimiter(clock, 1_000);
  }

  @Test
  void aChangedCapacityStartsItsOwnCount() throws Exception {
    var limiter = limiter(clock);
    for (int i = 0; i < 5; i++) {
      await(limiter.consume(FIVE_PER_MINUTE, "plan"));
    }

    RateDecision upgraded = await(limiter.consume(FIVE_PER_MINUTE.withCapacity(50), "plan"));

    assertThat(upgraded).isEqualTo(new RateDecision(true, 50, 49, Duration.ofSeconds(50)));
  }
}
