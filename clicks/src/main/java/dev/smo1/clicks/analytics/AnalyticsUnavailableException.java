package dev.smo1.clicks.analytics;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * ClickHouse could not answer an analytics query now: it took longer than allowed ({@link
 * Reason#TIMEOUT}) or the server was unreachable or overloaded ({@link Reason#UNAVAILABLE}). A
 * retry, or a narrower query, may succeed; the API answers 503. {@link ClickHouseErrors} tells
 * which failures are these.
 */
public final class AnalyticsUnavailableException extends RuntimeException {
  /** Why the query did not complete. */
  public enum Reason {
    TIMEOUT,
    UNAVAILABLE
  }

  private final Reason reason;

  public AnalyticsUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The one {@code error} is or wraps (a failed stage wraps it), if any. */
  public static Optional<AnalyticsUnavailableException> in(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof AnalyticsUnavailableException unavailable
        ? Optional.of(unavailable)
        : Optional.empty();
  }
}
