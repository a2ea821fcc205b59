package dev.smo1.accounts.workspace;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A workspace's plan and limits, for the limits that services other than the workspace entity
 * enforce on what a workspace holds (custom domains, API keys). Empty: no plan to hold it to (a
 * workspace of a key from before workspaces, not adopted yet).
 */
@FunctionalInterface
public interface PlanQuotas {

  /** Nothing limited (the services' own tests, and nodes without plans). */
  PlanQuotas NONE = workspace -> CompletableFuture.completedFuture(Optional.empty());

  CompletionStage<Optional<QuotaReply.Quota>> of(String workspace);

  /** From the workspace entities, asked each time (the plan changes at once everywhere). */
  static PlanQuotas of(WorkspaceService workspaces) {
    return workspace ->
        workspaces
            .quota(workspace)
            .thenApply(Optional::of)
            .exceptionally(
                error -> {
                  Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                  if (cause instanceof AccountException refused
                      && refused.error() == AccountError.NOT_FOUND) {
                    return Optional.empty();
                  }
                  throw error instanceof CompletionException completion
                      ? completion
                      : new CompletionException(error);
                });
  }

  /**
   * Refuses with {@code quota_exceeded} when one more of {@code resource} than {@code held} would
   * pass the plan's {@code limit}.
   */
  static void allowOneMore(
      Optional<QuotaReply.Quota> quota,
      String workspace,
      String resource,
      Function<WorkspaceLimits, Integer> limit,
      long held) {
    if (quota.isEmpty()) {
      return;
    }
    Integer allowed = limit.apply(quota.get().limits());
    if (!WorkspaceLimits.allows(allowed, held, 1)) {
      throw AccountException.of(
          new QuotaExceeded(workspace, resource, allowed, held, quota.get().plan().plan()));
    }
  }
}
