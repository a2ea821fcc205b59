package dev.smo1.accounts.workspace;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The API request budget per key and minute that each workspace's plan sets, asked of its entity
 * and kept on this node for at most {@code fresh} (a second: a plan change reaches every node's
 * limits within it). A workspace the entities do not know, or an answer that does not come, falls
 * back to the configured budget.
 */
public final class PlanRates {

  /**
   * What the plan says: {@code known} false when it could not be asked (use the configured budget);
   * else {@code perMinute}, null for no limit.
   */
  public record Rate(boolean known, Integer perMinute) {
    public static final Rate UNKNOWN = new Rate(false, null);
  }

  private final AsyncLoadingCache<String, Rate> rates;

  public PlanRates(WorkspaceService workspaces, Duration fresh) {
    this.rates =
        Caffeine.newBuilder()
            .expireAfterWrite(fresh)
            .maximumSize(100_000)
            .buildAsync(
                (workspace, executor) ->
                    workspaces
                        .quota(workspace)
                        .thenApply(quota -> new Rate(true, quota.limits().apiRequestsPerMinute()))
                        .exceptionally(failure -> Rate.UNKNOWN)
                        .toCompletableFuture());
  }

  public CompletionStage<Rate> of(String workspace) {
    return rates
        .get(workspace)
        .exceptionallyCompose(failure -> CompletableFuture.completedFuture(Rate.UNKNOWN));
  }
}
