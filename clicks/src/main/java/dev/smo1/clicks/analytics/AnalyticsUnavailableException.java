package dev.smo1.clicks.analytics;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An analytics query cannot be answered now: it took longer than allowed ({@link Reason#TIMEOUT}),
 * the server was unreachable or overloaded ({@link Reason#UNAVAILABLE}), both answered 503, or the
 * workspace has as many reports under way as it may ({@link Reason#BUSY}, answered 429). A retry,
 * or a narrower query, may succeed. {@link ClickHouseErrors} tells which ClickHouse failures are
 * these.
 */
public final class AnalyticsUnavailableException extends RuntimeException {
  /** Why the query did not complete. */
  public enum Reason {
    TIMEOUT,
    UNAVAILABLE,
    BUSY
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
