package dev.smo1.clicks.analytics;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** The clicks a workspace's plan counts: what usage reports and the monthly volume limits. */
public interface TrackedClicks {

  /**
   * Clicks of {@code owner}'s links from people (bots apart) in {@code [from, to)}, both on whole
   * UTC hours: exact, from the hourly rollup (every click once: duplicates are kept out before the
   * insert). Failures as {@link AnalyticsUnavailableException}.
   */
  CompletionStage<Long> trackedClicks(String owner, Instant from, Instant to);
}
