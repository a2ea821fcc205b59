package dev.smo1.accounts.ratelimit;

/** The rate limit store did not answer in time, or failed: the caller fails open or closed. */
public final class RateLimiterUnavailableException extends RuntimeException {
  public RateLimiterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
