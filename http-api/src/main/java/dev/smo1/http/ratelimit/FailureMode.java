package dev.smo1.http.ratelimit;

/** What a limited route does while its {@link dev.smo1.accounts.ratelimit.RateLimiter} is down. */
public enum FailureMode {
  /** Serve the request unlimited (and without RateLimit headers): redirects, the API. */
  OPEN,
  /** Answer 503 {@code unavailable} with {@code Retry-After: 1}: sign-up, login, resets. */
  CLOSED
}
