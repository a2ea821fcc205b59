package dev.smo1.billing.usage;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What usage reads from the stores the other modules keep (wired in the node): each figure where
 * SMO1 already has it exactly.
 */
public interface UsageCounts {

  /** Links the workspace created in {@code [from, to)}, deleted ones included (read model). */
  CompletionStage<Long> linksCreated(String workspace, Instant from, Instant to);

  /**
   * Clicks from people in {@code [from, to)} (ClickHouse's rollup); with a {@code volume} (null:
   * none) and more clicks than it, also when the first click beyond it happened. Empty without
   * ClickHouse.
   */
  Optional<CompletionStage<TrackedClicks>> trackedClicks(
      String workspace, Instant from, Instant to, Long volume);

  /**
   * The workspaces with at least {@code floor} clicks from people in {@code [from, to)}, with
   * theirs; empty without ClickHouse.
   */
  Optional<CompletionStage<java.util.Map<String, Long>>> workspacesWithTrackedClicks(
      Instant from, Instant to, long floor);

  /**
   * A period's tracked clicks, and when the first beyond the plan's volume happened (null: none
   * is).
   */
  record TrackedClicks(long count, Instant firstOverVolume) {}

  /** Custom domains held now (not removed). */
  CompletionStage<Integer> customDomains(String workspace);

  /** API keys held now (not revoked). */
  CompletionStage<Integer> apiKeys(String workspace);
}
