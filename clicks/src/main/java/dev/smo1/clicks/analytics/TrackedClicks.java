package dev.smo1.clicks.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The clicks a workspace's plan counts: what usage reports and the monthly volume limits. Every
 * range is on whole UTC hours. Failures as {@link AnalyticsUnavailableException}.
 */
public interface TrackedClicks {

  /**
   * Clicks of {@code owner}'s links from people (bots apart) in {@code [from, to)}: exact, from the
   * hourly rollup (every click once: duplicates are kept out before the insert).
   */
  CompletionStage<Long> trackedClicks(String owner, Instant from, Instant to);

  /**
   * The first of {@code owner}'s tracked clicks in {@code [from, to)} beyond the first {@code
   * volume}, the clicks taken in the order they happened ({@code ts}, then {@code event_id}); empty
   * while there are at most {@code volume}. That click and every later one of the range are over
   * the plan's volume (decision 0032): found from the hourly rollup, then within its hour from the
   * raw rows.
   */
  CompletionStage<Optional<OverVolume>> overVolume(
      String owner, Instant from, Instant to, long volume);

  /** The owners with at least {@code floor} tracked clicks in {@code [from, to)}, with theirs. */
  CompletionStage<Map<String, Long>> ownersWithAtLeast(Instant from, Instant to, long floor);

  /** The first click over the volume: when it happened and its event id. */
  record OverVolume(Instant at, String eventId) {}
}
