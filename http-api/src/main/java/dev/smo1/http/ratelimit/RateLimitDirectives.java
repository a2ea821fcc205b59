package dev.smo1.http.ratelimit;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import dev.smo1.accounts.ratelimit.RateDecision;
import dev.smo1.accounts.ratelimit.RateLimit;
import dev.smo1.accounts.ratelimit.RateLimiter;
import dev.smo1.accounts.ratelimit.RateLimiterUnavailableException;
import dev.smo1.http.client.ClientAddresses;
import dev.smo1.http.json.ApiError;
import dev.smo1.http.json.HttpErrorCodes;
import dev.smo1.http.json.Json;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits as routes, on a {@link RateLimiter}.
 *
 * <ul>
 *   <li>{@link #limited}: one token per request. Allowed: the inner route, its response with {@code
 *       RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until
 *       the window ends). Denied: 429 {@code rate_limited} with {@code Retry-After} and the same
 *       headers; the inner route does not run.
 *   <li>{@link #throttledOnFailures} and {@link #recordFailure}: a budget of failures (login). The
 *       route peeks, taking nothing, and answers 429 while any throttle is spent; the inner route
 *       records a failure when there is one.
 *   <li>Limiter unavailable: {@link FailureMode#OPEN} runs the inner route without headers, {@link
 *       FailureMode#CLOSED} answers 503 {@code unavailable} with {@code Retry-After: 1}.
 * </ul>
 *
 * Exempt workspaces ({@code RateLimitSettings.exempt}) are the caller's to skip: it knows the
 * workspace.
 */
public final class RateLimitDirectives {
  private static final Logger log = LoggerFactory.getLogger(RateLimitDirectives.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One failure budget of a {@link #throttledOnFailures} route: a limit and the key it counts. */
  public record Throttle(RateLimit limit, String key) {}

  /** A limiter's answer, or its absence. */
  private sealed interface Outcome {
    record Decided(RateDecision decision) implements Outcome {}

    record Unavailable(RateLimiterUnavailableException cause) implements Outcome {}
  }

  private final Optional<RateLimiter> limiter;
  private final AtomicLong lastUnavailableLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  public RateLimitDirectives(RateLimiter limiter) {
    this.limiter = Optional.of(limiter);
  }

  private RateLimitDirectives() {
    this.limiter = Optional.empty();
  }

  /** Rate limits off ({@code smo1.rate-limits.enabled = false}): every route runs unlimited. */
  public static RateLimitDirectives disabled() {
    return new RateLimitDirectives();
  }

  /** Takes one token of {@code limit} for {@code key}, then runs {@code inner} or answers 429. */
  public Route limited(RateLimit limit, String key, FailureMode mode, Supplier<Route> inner) {
    if (limiter.isEmpty()) {
      return inner.get();
    }
    return onSuccess(
        () -> outcome(limiter.get().consume(limit, key)),
        outcome ->
            switch (outcome) {
              case Outcome.Decided(RateDecision decision) when decision.allowed() ->
                  respondWithHeaders(headers(decision), inner);
              case Outcome.Decided(RateDecision decision) -> complete(tooManyRequests(decision));
              case Outcome.Unavailable(RateLimiterUnavailableException cause) ->
                  unavailable(cause, mode, inner);
            });
  }

  /**
   * Runs {@code inner} while every throttle has a failure left, else answers 429 (the longest wait
   * of the spent ones); takes nothing. {@code inner} calls {@link #recordFailure} with the same
   * throttles when the attempt fails, so the next request sees it:
   *
   * <pre>{@code
   * var throttles = List.of(new Throttle(settings.loginFailuresPerEmail(), email),
   *     new Throttle(settings.loginFailuresPerIp(), address));
   * return limits.throttledOnFailures(throttles, FailureMode.CLOSED, () ->
   *     onSuccess(users.login(email, password), result -> result.ok()
   *         ? complete(session(result))
   *         : onSuccess(limits.recordFailure(throttles), done -> complete(unauthorized()))));
   * }</pre>
   *
   * No RateLimit headers on allowed answers: the budget counts failures, not requests.
   */
  public Route throttledOnFailures(
      List<Throttle> throttles, FailureMode mode, Supplier<Route> inner) {
    if (limiter.isEmpty() || throttles.isEmpty()) {
      return inner.get();
    }
    return onSuccess(
        () -> all(throttles.stream().map(t -> outcome(limiter.get().peek(t.limit(), t.key())))),
        outcomes -> {
          for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Unavailable(RateLimiterUnavailableException cause)) {
              return unavailable(cause, mode, inner);
            }
          }
          Optional<RateDecision> spent =
              outcomes.stream()
                  .map(outcome -> ((Outcome.Decided) outcome).decision())
                  .filter(decision -> !decision.allowed())
                  .max(Comparator.comparing(RateDecision::resetAfter));
          return spent.map(decision -> complete(tooManyRequests(decision))).orElseGet(inner);
        });
  }

  /**
   * Counts one failure against each throttle. Completes when they are counted, never exceptionally:
   * the answer to this request is already decided, so a store that is down costs only this count
   * (and is logged).
   */
  public CompletionStage<Void> recordFailure(List<Throttle> throttles) {
    if (limiter.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return all(throttles.stream().map(t -> outcome(limiter.get().consume(t.limit(), t.key()))))
        .thenAccept(
            outcomes ->
                outcomes.stream()
                    .filter(outcome -> outcome instanceof Outcome.Unavailable)
                    .findFirst()
                    .ifPresent(
                        outcome -> logUnavailable(((Outcome.Unavailable) outcome).cause(), "")));
  }

  /** The 429 answer for a denied decision: the API's error body, Retry-After and RateLimit-*. */
  public static HttpResponse tooManyRequests(RateDecision decision) {
    return Json.response(
            StatusCodes.TOO_MANY_REQUESTS,
            ApiError.of(
                HttpErrorCodes.RATE_LIMITED,
                "too many requests; try again in " + decision.retryAfter() + " s"))
        .addHeader(RetryAfter.create(decision.retryAfter()))
        .addHeaders(headers(decision));
  }

  /** {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} (seconds). */
  public static List<HttpHeader> headers(RateDecision decision) {
    return List.of(
        RawHeader.create("RateLimit-Limit", Long.toString(decision.limit())),
        RawHeader.create("RateLimit-Remaining", Long.toString(decision.remaining())),
        RawHeader.create("RateLimit-Reset", Long.toString(decision.resetSeconds())));
  }

  /**
   * The address per-IP limits count: the request's client ({@link ClientAddresses}: the
   * connection's address, or the visitor's as a trusted proxy reports it), so traffic through the
   * edge Worker or a load balancer counts per visitor, not per proxy. The server must run with
   * {@code pekko.http.server.remote-address-attribute = on}, as the node's http.conf sets; without
   * it this fails the request rather than put every client in one bucket. IPv6 clients count by
   * their /64 network ({@code 2001:db8:1:2::/64}), the block one subscriber usually holds.
   *
   * <p>Not pekko-http's {@code extractClientIP}: it believes {@code X-Forwarded-For} and {@code
   * X-Real-IP} from anyone, so a client could pick its own bucket.
   */
  public static Route clientAddress(Function<String, Route> inner) {
    return extractRequest(
        request ->
            inner.apply(
                ClientAddresses.of(request)
                    .map(client -> addressKey(client.address()))
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "no remote address: per-IP rate limits need"
                                    + " pekko.http.server.remote-address-attribute = on"))));
  }

  static String addressKey(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] bytes = address.getAddress();
      int[] network = new int[4];
      for (int group = 0; group < 4; group++) {
        network[group] = ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff);
      }
      return String.format("%x:%x:%x:%x::/64", network[0], network[1], network[2], network[3]);
    }
    return address.getHostAddress();
  }

  private Route unavailable(
      RateLimiterUnavailableException cause, FailureMode mode, Supplier<Route> inner) {
    logUnavailable(cause, " mode=" + mode);
    return switch (mode) {
      case OPEN -> inner.get();
      case CLOSED ->
          complete(
              Json.response(
                      StatusCodes.SERVICE_UNAVAILABLE,
                      ApiError.of(
                          HttpErrorCodes.UNAVAILABLE,
                          "rate limiting is unavailable; try again shortly"))
                  .addHeader(RetryAfter.create(1L)));
    };
  }

  /** At most once per ten seconds: while Redis is down every limited request gets here. */
  private void logUnavailable(RateLimiterUnavailableException cause, String detail) {
    long now = System.nanoTime();
    long last = lastUnavailableLog.get();
    if (now - last >= LOG_EVERY_NANOS && lastUnavailableLog.compareAndSet(last, now)) {
      log.warn(
          "rate limiter unavailable{} error={} (logged at most every 10 s)",
          detail,
          cause.getMessage() + (cause.getCause() == null ? "" : ": " + cause.getCause()));
    }
  }

  private static CompletionStage<Outcome> outcome(CompletionStage<RateDecision> stage) {
    return stage.handle(
        (decision, error) -> {
          if (error == null) {
            return new Outcome.Decided(decision);
          }
          Throwable cause = error;
          while ((cause instanceof CompletionException || cause instanceof ExecutionException)
              && cause.getCause() != null) {
            cause = cause.getCause();
          }
          if (cause instanceof RateLimiterUnavailableException unavailable) {
            return new Outcome.Unavailable(unavailable);
          }
          // not the store: a bug, for the API's exception handler (500)
          throw new CompletionException(cause);
        });
  }

  private static CompletionStage<List<Outcome>> all(Stream<CompletionStage<Outcome>> stages) {
    List<CompletableFuture<Outcome>> futures =
        stages.map(CompletionStage::toCompletableFuture).toList();
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }
}
