package dev.smo1.http.ratelimit;

import static org.apache.pekko.http.javadsl.server.Directives.extractUnmatchedPath;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;

import dev.smo1.accounts.access.Principal;
import dev.smo1.accounts.ratelimit.RateLimit;
import dev.smo1.accounts.ratelimit.RateLimitSettings;
import dev.smo1.accounts.ratelimit.RateLimiter;
import dev.smo1.http.auth.Caller;
import dev.smo1.http.client.ClientAddresses;
import dev.smo1.http.ratelimit.RateLimitDirectives.Throttle;
import dev.smo1.http.redirect.PasswordGate;
import dev.smo1.http.redirect.UnknownCodes;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Which limit applies where, in one place:
 *
 * <ul>
 *   <li>every authenticated API call counts against its API key or session user: analytics queries
 *       against the analytics budget, everything else against the API budget; open when the store
 *       is down (the caller is known; the service stays up). Keys of exempt workspaces are not
 *       counted.
 *   <li>sign-up, password reset and verification resend count per client address and per target
 *       email; login counts failures only (per email and per address); all closed (503) when the
 *       store is down: these are what brute force and spam aim at.
 *   <li>unknown short codes on the redirect path count per client address, decided in memory and
 *       shared through the store every sync interval (so a store outage changes nothing on the
 *       way): beyond the budget an unknown code answers 429 instead of 404 until the window ends.
 *       Known codes always redirect: visitors behind the same address as a prober are not hurt, and
 *       a code's existence is public anyway (it is printed on every shared link).
 * </ul>
 */
public final class RateLimits {
  private final RateLimitDirectives directives;
  private final RateLimitSettings settings;
  private final java.util.Optional<RateLimiter> limiter;
  private final java.util.Optional<RateLimiter> unknownCodesLimiter;
  private final java.util.Optional<dev.smo1.accounts.workspace.PlanRates> planRates;

  public RateLimits(RateLimiter limiter, RateLimitSettings settings) {
    this(limiter, limiter, settings);
  }

  /**
   * @param unknownCodesLimiter counts the redirect path's unknown codes: one that decides without a
   *     store round trip per request ({@code SyncedRateLimiter}), as a 404 must stay cheap
   */
  public RateLimits(
      RateLimiter limiter, RateLimiter unknownCodesLimiter, RateLimitSettings settings) {
    this.directives =
        settings.enabled() ? new RateLimitDirectives(limiter) : RateLimitDirectives.disabled();
    this.settings = settings;
    this.limiter = settings.enabled() ? java.util.Optional.of(limiter) : java.util.Optional.empty();
    this.unknownCodesLimiter =
        settings.enabled()
            ? java.util.Optional.of(unknownCodesLimiter)
            : java.util.Optional.empty();
    this.planRates = java.util.Optional.empty();
  }

  private RateLimits(RateLimits limits, dev.smo1.accounts.workspace.PlanRates planRates) {
    this.directives = limits.directives;
    this.settings = limits.settings;
    this.limiter = limits.limiter;
    this.unknownCodesLimiter = limits.unknownCodesLimiter;
    this.planRates = java.util.Optional.of(planRates);
  }

  /**
   * The same limits, with each API key's budget per minute from its workspace's plan (none: not
   * counted) instead of the configured one; the configured one when the plan cannot be known.
   */
  public RateLimits withPlanRates(dev.smo1.accounts.workspace.PlanRates rates) {
    return new RateLimits(this, rates);
  }

  /** No limits at all: for tests of other things. */
  public static RateLimits none(RateLimitSettings settings) {
    return new RateLimits(null, settings, true);
  }

  private RateLimits(RateLimiter ignored, RateLimitSettings settings, boolean disabled) {
    this.directives = RateLimitDirectives.disabled();
    this.settings = settings;
    this.limiter = java.util.Optional.empty();
    this.unknownCodesLimiter = java.util.Optional.empty();
    this.planRates = java.util.Optional.empty();
  }

  /** An authenticated call: the analytics or the API budget of its key or user. */
  public Route forCaller(Caller caller, Supplier<Route> inner) {
    String key =
        switch (caller.principal()) {
          case Principal.ApiKey apiKey -> {
            if (settings.exempt(apiKey.workspaceId())) {
              yield null;
            }
            yield "key:" + apiKey.id();
          }
          case Principal.User user -> "user:" + user.id();
        };
    if (key == null) {
      return inner.get();
    }
    return extractUnmatchedPath(
        path -> {
          boolean analytics = path.endsWith("/analytics") || path.equals("analytics");
          if (analytics) {
            return directives.limited(settings.analytics(), key, FailureMode.OPEN, inner);
          }
          if (planRates.isEmpty() || !(caller.principal() instanceof Principal.ApiKey apiKey)) {
            return directives.limited(settings.api(), key, FailureMode.OPEN, inner);
          }
          return onSuccess(
              planRates.get().of(apiKey.workspaceId()),
              rate -> {
                if (!rate.known()) {
                  return directives.limited(settings.api(), key, FailureMode.OPEN, inner);
                }
                if (rate.perMinute() == null) {
                  return inner.get();
                }
                return directives.limited(
                    RateLimit.perMinute(settings.api().name(), rate.perMinute()),
                    key,
                    FailureMode.OPEN,
                    inner);
              });
        });
  }

  public Route signUp(String address, String email, Supplier<Route> inner) {
    return directives.limited(
        settings.signupPerIp(),
        address,
        FailureMode.CLOSED,
        () ->
            directives.limited(
                settings.signupPerEmail(), normalized(email), FailureMode.CLOSED, inner));
  }

  /** Abuse reports: per client address, closed when the limiter cannot count. */
  public Route abuseReport(String address, Supplier<Route> inner) {
    return directives.limited(settings.abuseReportsPerIp(), address, FailureMode.CLOSED, inner);
  }

  public Route passwordReset(String address, String email, Supplier<Route> inner) {
    return directives.limited(
        settings.passwordResetPerIp(),
        address,
        FailureMode.CLOSED,
        () ->
            directives.limited(
                settings.passwordResetPerEmail(), normalized(email), FailureMode.CLOSED, inner));
  }

  public Route verificationResend(String address, String email, Supplier<Route> inner) {
    return directives.limited(
        settings.verificationResendPerIp(),
        address,
        FailureMode.CLOSED,
        () ->
            directives.limited(
                settings.verificationResendPerEmail(),
                normalized(email),
                FailureMode.CLOSED,
                inner));
  }

  /** The failure budgets of a login attempt. */
  public List<Throttle> loginThrottles(String address, String email) {
    return List.of(
        new Throttle(settings.loginFailuresPerEmail(), normalized(email)),
        new Throttle(settings.loginFailuresPerIp(), address));
  }

  /** Login: 429 while a failure budget is spent; the inner route records failures. */
  public Route login(List<Throttle> throttles, Supplier<Route> inner) {
    return directives.throttledOnFailures(throttles, FailureMode.CLOSED, inner);
  }

  public CompletionStage<Void> loginFailed(List<Throttle> throttles) {
    return directives.recordFailure(throttles);
  }

  /**
   * Counts an unknown code against the address; answers {@code notFound} while within budget, 429
   * beyond. Open when the limiter fails.
   */
  public CompletionStage<HttpResponse> unknownCode(String address, HttpResponse notFound) {
    if (unknownCodesLimiter.isEmpty()) {
      return CompletableFuture.completedFuture(notFound);
    }
    return unknownCodesLimiter
        .get()
        .consume(settings.unknownCodesPerIp(), address)
        .handle(
            (decision, error) -> {
              if (error != null || decision.allowed()) {
                return notFound;
              }
              return RateLimitDirectives.tooManyRequests(decision);
            });
  }

  /**
   * The redirect path's unknown codes, counted per client address ({@link ClientAddresses}): per
   * visitor for requests the edge Worker passes on (it sends the visitor's {@code
   * CF-Connecting-IP}), once its address is a trusted proxy.
   */
  public UnknownCodes unknownCodes() {
    return (request, notFound) ->
        ClientAddresses.of(request)
            .map(client -> unknownCode(RateLimitDirectives.addressKey(client.address()), notFound))
            .orElseGet(() -> CompletableFuture.completedFuture(notFound));
  }

  /**
   * Passwords given for protected links: a token per attempt, taken before the password is checked
   * (parallel guesses cannot outrun the count), per link and client address, then per link; 429
   * once either is spent (until the window ends), 503 while the store is down (closed: it is what
   * guessing aims at).
   */
  public PasswordGate.PasswordAttempts linkPasswordAttempts() {
    return (request, linkKey, inner) -> {
      String address =
          ClientAddresses.of(request)
              .map(client -> RateLimitDirectives.addressKey(client.address()))
              .orElse("unknown");
      return directives.limited(
          settings.linkPasswordAttempts(),
          linkKey + " " + address,
          FailureMode.CLOSED,
          () ->
              directives.limited(
                  settings.linkPasswordAttemptsPerLink(), linkKey, FailureMode.CLOSED, inner));
    };
  }

  static String normalized(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}
