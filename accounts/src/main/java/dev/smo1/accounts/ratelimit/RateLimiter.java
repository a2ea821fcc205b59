package dev.smo1.accounts.ratelimit;

import java.util.concurrent.CompletionStage;

/**
 * Counts requests per {@link RateLimit} and key in fixed windows aligned to the epoch.
 *
 * <p>A key is any string the caller chooses ({@code "key:<api key id>"}, {@code "user:<id>"}, a
 * client address, a normalised email): implementations hash it before storing, so user input
 * neither grows the store's keys nor appears in them.
 *
 * <p>When the store cannot answer within the limiter's timeout, the stage completes exceptionally
 * with {@link RateLimiterUnavailableException}; the caller decides whether that lets requests
 * through (redirects) or refuses them (sign-up, login).
 */
public interface RateLimiter {

  /** Takes one token: allowed while the window has one left. */
  CompletionStage<RateDecision> consume(RateLimit limit, String key);

  /**
   * Takes nothing: allowed while the window has a token left. For failure-count throttles: login
   * peeks before checking a password and consumes only when it fails.
   */
  CompletionStage<RateDecision> peek(RateLimit limit, String key);
}
