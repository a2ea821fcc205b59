package dev.smo1.node.wiring;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.apikey.ApiKeyStore;
import dev.smo1.accounts.domains.DomainService;
import dev.smo1.billing.usage.UsageCounts;
import dev.smo1.billing.usage.UsageCounts.TrackedClicks;
import dev.smo1.clicks.ClickPipeline;
import dev.smo1.clicks.analytics.TrackedClicks.OverVolume;
import dev.smo1.projection.readmodel.LinkQueries;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Usage's figures from the stores of the modules that keep them. */
public final class NodeUsageCounts {
  private NodeUsageCounts() {}

  public static UsageCounts of(NodeContext node, LinkQueries links, ClickPipeline clicks) {
    var jdbc = new Jdbc(node.dataSource(), node.pools().requests());
    var keys = new ApiKeyStore();
    return new UsageCounts() {
      @Override
      public CompletionStage<Long> linksCreated(String workspace, Instant from, Instant to) {
        return links.countCreated(workspace, from, to);
      }

      @Override
      public Optional<CompletionStage<TrackedClicks>> trackedClicks(
          String workspace, Instant from, Instant to, Long volume) {
        return clicks
            .trackedClicks()
            .map(
                counts ->
                    counts
                        .trackedClicks(workspace, from, to)
                        .thenCompose(
                            tracked ->
                                volume == null || tracked <= volume
                                    ? CompletableFuture.completedFuture(
                                        new TrackedClicks(tracked, null))
                                    : counts
                                        .overVolume(workspace, from, to, volume)
                                        .thenApply(
                                            over ->
                                                new TrackedClicks(
                                                    tracked,
                                                    over.map(OverVolume::at).orElse(null)))));
      }

      @Override
      public Optional<CompletionStage<Map<String, Long>>> workspacesWithTrackedClicks(
          Instant from, Instant to, long floor) {
        return clicks.trackedClicks().map(counts -> counts.ownersWithAtLeast(from, to, floor));
      }

      @Override
      public CompletionStage<Integer> customDomains(String workspace) {
        return jdbc.transaction(connection -> DomainService.held(connection, workspace));
      }

      @Override
      public CompletionStage<Integer> apiKeys(String workspace) {
        return jdbc.transaction(connection -> keys.list(connection, workspace).size());
      }
    };
  }
}
