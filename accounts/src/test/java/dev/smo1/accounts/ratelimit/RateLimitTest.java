package dev.smo1.accounts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Windows aligned to the epoch, and what a decision reports. */
class RateLimitTest {

  @Test
  void windowsStartAtMultiplesOfTheirLengthSinceTheEpoch() {
    var quarterHour = new RateLimit("q", 5, Duration.ofMinutes(15));
    var now = Instant.parse("2030-01-01T10:44:59.250Z");

    assertThat(quarterHour.windowStart(now)).isEqualTo(Instant.parse("2030-01-01T10:30:00Z"));
    assertThat(quarterHour.resetAfter(now)).isEqualTo(Duration.ofMillis(750));
    assertThat(quarterHour.resetAfter(Instant.parse("2030-01-01T10:45:00Z")))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void invalidLimitsAreRefused() {
    assertThatThrownBy(() -> new RateLimit("Bad Name", 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit("ok", 0, Duration.ofMinutes(1)))
        .hasMessageContaining("capacity must be at least 1");
    assertThatThrownBy(() -> new RateLimit("ok", 1, Duration.ofNanos(1_500_000)))
        .hasMessageContaining("whole milliseconds");
    assertThatThrownBy(() -> new RateLimit("ok", 1, Duration.ZERO))
        .hasMessageContaining("whole milliseconds");
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOneWhenDenied() {
    assertThat(new RateDecision(false, 5, 0, Duration.ofMillis(1)).retryAfter()).isEqualTo(1);
    assertThat(new RateDecision(false, 5, 0, Duration.ofMillis(1_001)).retryAfter()).isEqualTo(2);
    assertThat(new RateDecision(false, 5, 0, Duration.ofSeconds(50)).retryAfter()).isEqualTo(50);
    assertThat(new RateDecision(true, 5, 4, Duration.ofSeconds(50)).retryAfter()).isZero();
    assertThat(new RateDecision(true, 5, 4, Duration.ofMillis(49_100)).resetSeconds())
        .isEqualTo(50);
  }
}
