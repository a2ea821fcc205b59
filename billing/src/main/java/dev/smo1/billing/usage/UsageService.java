package dev.smo1.billing.usage;

import dev.smo1.accounts.workspace.QuotaReply;
import dev.smo1.accounts.workspace.WorkspaceService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/workspaces/{slug}/usage}: the plan, the month and each figure with its limit,
 * counted where SMO1 keeps it.
 *
 * <ul>
 *   <li>links created this month: the workspace entity's count of the month's link slots when the
 *       plan limits links (the figure creates are refused at); otherwise the read model's links
 *       created this month, deleted ones included;
 *   <li>tracked clicks: ClickHouse's hourly rollup, bots apart, exact; beyond the plan's volume,
 *       how many are over it and when the first of them happened (rollup, then raw rows);
 *   <li>members (with pending invitations): the workspace entity; custom domains and API keys:
 *       those held now.
 * </ul>
 */
public final class UsageService {
  private final WorkspaceService workspaces;
  private final UsageCounts counts;

  public UsageService(WorkspaceService workspaces, UsageCounts counts) {
    this.workspaces = workspaces;
    this.counts = counts;
  }

  public CompletionStage<Usage> usage(String workspace) {
    return workspaces.quota(workspace).thenCompose(quota -> usage(workspace, quota));
  }

  private CompletionStage<Usage> usage(String workspace, QuotaReply.Quota quota) {
    var limits = quota.limits();
    CompletableFuture<Long> links =
        limits.linksPerMonth() != null
            ? CompletableFuture.completedFuture(quota.linksCreated())
            : counts
                .linksCreated(workspace, quota.periodStart(), quota.periodEnd())
                .toCompletableFuture();
    Long volume = limits.trackedClicksPerMonth();
    CompletableFuture<Optional<UsageCounts.TrackedClicks>> clicks =
        counts
            .trackedClicks(workspace, quota.periodStart(), quota.periodEnd(), volume)
            .map(stage -> stage.toCompletableFuture().thenApply(Optional::of))
            .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    CompletableFuture<Integer> domains = counts.customDomains(workspace).toCompletableFuture();
    CompletableFuture<Integer> keys = counts.apiKeys(workspace).toCompletableFuture();
    return CompletableFuture.allOf(links, clicks, domains, keys)
        .thenApply(
            done ->
                new Usage(
                    workspace,
                    quota.plan().plan(),
                    quota.periodStart(),
                    quota.periodEnd(),
                    Usage.Meter.of(links.join(), limits.linksPerMonth()),
                    Usage.ClickMeter.of(
                        clicks.join().map(UsageCounts.TrackedClicks::count).orElse(null),
                        limits.trackedClicksPerMonth(),
                        clicks.join().map(UsageCounts.TrackedClicks::firstOverVolume).orElse(null)),
                    Usage.Meter.of((long) domains.join(), limits.customDomains()),
                    Usage.Meter.of(
                        (long) quota.members() + quota.pendingInvitations(), limits.members()),
                    Usage.Meter.of((long) keys.join(), limits.apiKeys())));
  }
}
