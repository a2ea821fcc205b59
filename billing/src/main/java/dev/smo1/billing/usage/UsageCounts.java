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

  /** Clicks from people in {@code [from, to)} (ClickHouse's rollup); empty without ClickHouse. */
  Optional<CompletionStage<Long>> trackedClicks(String workspace, Instant from, Instant to);

  /** Custom domains held now (not removed). */
  CompletionStage<Integer> customDomains(String workspace);

  /** API keys held now (not revoked). */
  CompletionStage<Integer> apiKeys(String workspace);
}
