package dev.smo1.accounts.ratelimit;

import java.time.Duration;

/**
 * The answer of a {@link RateLimiter} for one key: whether the request may go on, and what the
 * {@code RateLimit-*} response headers report.
 *
 * @param allowed a token was taken ({@code consume}), or one is left ({@code peek})
 * @param limit the limit's capacity per window
 * @param remaining tokens left in the current window after this call
 * @param resetAfter time until the current window ends and the budget is full again
 */
public record RateDecision(boolean allowed, long limit, long remaining, Duration resetAfter) {

  public RateDecision {
    if (limit < 1 || remaining < 0 || remaining > limit) {
      throw new IllegalArgumentException(
          "remaining must be between 0 and the limit: " + remaining + " of " + limit);
    }
    if (resetAfter == null || resetAfter.isNegative()) {
      throw new IllegalArgumentException("resetAfter must not be negative: " + resetAfter);
    }
  }

  /** Seconds until the window resets, rounded up (the {@code RateLimit-Reset} header). */
  public long resetSeconds() {
    return Math.max(1, ceilSeconds(resetAfter));
  }

  /**
   * Whole seconds a denied client waits before trying again (the {@code Retry-After} header): the
   * reset rounded up, at least 1; 0 when allowed.
   */
  public long retryAfter() {
    return allowed ? 0 : resetSeconds();
  }

  private static long ceilSeconds(Duration duration) {
    return duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
  }
}
