package dev.smo1.clicks.analytics;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a failed ClickHouse call: whether it stands for a retryable outage of analytics (a query
 * over its time limit, an unreachable or overloaded server) or for a bug (a malformed query, which
 * must not hide as a 503). 18.16 and current servers report errors differently; both are read.
 */
public final class ClickHouseErrors {
  // ClickHouse error codes: TIMEOUT_EXCEEDED, TOO_SLOW, SOCKET_TIMEOUT, NETWORK_ERROR,
  // TOO_MANY_SIMULTANEOUS_QUERIES, MEMORY_LIMIT_EXCEEDED
  private static final int TIMEOUT_EXCEEDED = 159;
  private static final int TOO_SLOW = 160;
  private static final int SOCKET_TIMEOUT = 209;
  private static final int NETWORK_ERROR = 210;
  private static final int TOO_MANY_SIMULTANEOUS_QUERIES = 202;
  private static final int MEMORY_LIMIT_EXCEEDED = 241;

  /** 18.16 sends no error-code header; its body starts {@code Code: 159, ...}. */
  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

  /** The server checks its limit between blocks; allow for the clocks' difference. */
  private static final Duration LIMIT_SLACK = Duration.ofMillis(50);

  private ClickHouseErrors() {}

  /**
   * The retryable failure {@code error} stands for, or empty when it is not one (a malformed query
   * is a bug, not an outage, and must not hide as a 503).
   */
  public static Optional<AnalyticsUnavailableException> unavailable(Throwable error) {
    return unavailable(error, Duration.ZERO, null);
  }

  /**
   * As {@link #unavailable(Throwable)}, for a query that ran {@code elapsed} under the server-side
   * {@code limit} ({@code max_execution_time}; null when unknown). 18.16 sends its error code only
   * in a body the Java client cannot read ({@code Code: 0 ... Unreadable error message}), so a
   * server error that came after the limit had passed is taken for the limit being hit.
   */
  public static Optional<AnalyticsUnavailableException> unavailable(
      Throwable error, Duration elapsed, Duration limit) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof AnalyticsUnavailableException already) {
      return Optional.of(already);
    }
    if (cause instanceof TimeoutException || hasCause(cause, SocketTimeoutException.class)) {
      return Optional.of(
          new AnalyticsUnavailableException(
              AnalyticsUnavailableException.Reason.TIMEOUT,
              "ClickHouse did not answer in time",
              cause));
    }
    if (cause instanceof ServerException server) {
      int code = serverCode(server);
      if (code == ServerException.CODE_UNKNOWN
          && limit != null
          && elapsed.compareTo(limit.minus(LIMIT_SLACK)) >= 0) {
        code = TIMEOUT_EXCEEDED;
      }
      return switch (code) {
        case TIMEOUT_EXCEEDED, TOO_SLOW, SOCKET_TIMEOUT ->
            Optional.of(
                new AnalyticsUnavailableException(
                    AnalyticsUnavailableException.Reason.TIMEOUT,
                    "the analytics query exceeded its time limit",
                    cause));
        case NETWORK_ERROR, TOO_MANY_SIMULTANEOUS_QUERIES, MEMORY_LIMIT_EXCEEDED ->
            Optional.of(
                new AnalyticsUnavailableException(
                    AnalyticsUnavailableException.Reason.UNAVAILABLE,
                    "ClickHouse is overloaded (code " + code + ")",
                    cause));
        default -> Optional.empty();
      };
    }
    if (cause instanceof ClickHouseException || hasCause(cause, IOException.class)) {
      return Optional.of(
          new AnalyticsUnavailableException(
              AnalyticsUnavailableException.Reason.UNAVAILABLE,
              "ClickHouse is unreachable",
              cause));
    }
    return Optional.empty();
  }

  private static int serverCode(ServerException server) {
    if (server.getCode() != ServerException.CODE_UNKNOWN && server.getCode() != 0) {
      return server.getCode();
    }
    Matcher matcher = CODE.matcher(String.valueOf(server.getMessage()));
    int code = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    return code == 0 ? ServerException.CODE_UNKNOWN : code;
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      if (type.isInstance(current)) {
        return true;
      }
      if (current.getCause() == current) {
        return false;
      }
    }
    return false;
  }
}
