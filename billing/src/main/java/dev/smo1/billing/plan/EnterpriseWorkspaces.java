package dev.smo1.billing.plan;

import dev.smo1.accounts.AccountError;
import dev.smo1.accounts.AccountException;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.accounts.workspace.WorkspaceService;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work: the workspaces {@code smo1.billing.enterprise-workspaces} lists are put on the
 * enterprise plan (nothing persisted for one on it already); one that does not exist is skipped.
 */
public final class EnterpriseWorkspaces {
  private static final Logger log = LoggerFactory.getLogger(EnterpriseWorkspaces.class);
  static final String BY = "config:smo1.billing.enterprise-workspaces";

  private EnterpriseWorkspaces() {}

  /** Blocking, at most {@code wait} per workspace; a failure other than "no such" is thrown. */
  public static void apply(WorkspaceService workspaces, Set<String> ids, Duration wait) {
    for (String id : ids) {
      try {
        workspaces
            .changePlan(id, PlanBook.ENTERPRISE, null, BY)
            .toCompletableFuture()
            .get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        log.info("workspace {} is on the enterprise plan (smo1.billing.enterprise-workspaces)", id);
      } catch (java.util.concurrent.ExecutionException | CompletionException e) {
        if (e.getCause() instanceof AccountException refused
            && refused.error() == AccountError.NOT_FOUND) {
          log.warn("workspace {} of smo1.billing.enterprise-workspaces does not exist", id);
        } else {
          throw new IllegalStateException("putting " + id + " on the enterprise plan failed", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("putting " + id + " on the enterprise plan timed out", e);
      }
    }
  }
}
