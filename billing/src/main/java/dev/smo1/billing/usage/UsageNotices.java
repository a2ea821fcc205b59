package dev.smo1.billing.usage;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.mail.Email;
import dev.smo1.accounts.workspace.LinkQuota;
import dev.smo1.accounts.workspace.QuotaReply;
import dev.smo1.accounts.workspace.WorkspaceLinkSlots;
import dev.smo1.accounts.workspace.WorkspaceService;
import dev.smo1.billing.mail.BillingEmails;
import dev.smo1.billing.notice.BillingNotices;
import dev.smo1.billing.plan.Plan;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.usage.UsageThresholds.Resource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails a workspace's owners and billing members when its links or tracked clicks of the month
 * reach 80 % and 100 % of the plan's limit: once per period per threshold across the cluster (each
 * notice is recorded in {@code billing_notices} before it is sent; a node that finds it recorded
 * sends nothing). Links are looked at when a create takes a slot ({@link #granted}); tracked clicks
 * by the {@link UsageNoticeSweep}. When both thresholds are reached at once, one email says the
 * higher and both are recorded.
 *
 * <p>Each node remembers which of this period's notices it knows to be recorded, so a workspace
 * past a threshold costs no further look-up on that node.
 */
public final class UsageNotices implements WorkspaceLinkSlots.Grants {
  private static final Logger log = LoggerFactory.getLogger(UsageNotices.class);
  static final String KIND = "USAGE";

  private final Jdbc jdbc;
  private final BillingNotices notices;
  private final WorkspaceService workspaces;
  private final PlanCatalog plans;
  private final BillingEmails emails;
  private final Clock clock;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private volatile Instant knownPeriod = Instant.EPOCH;

  public UsageNotices(
      Jdbc jdbc,
      BillingNotices notices,
      WorkspaceService workspaces,
      PlanCatalog plans,
      BillingEmails emails,
      Clock clock) {
    this.jdbc = jdbc;
    this.notices = notices;
    this.workspaces = workspaces;
    this.plans = plans;
    this.emails = emails;
    this.clock = clock;
  }

  /** A create took a slot: {@code used} of {@code limit} links this period. Never throws. */
  @Override
  public void granted(String workspace, long used, long limit) {
    try {
      if (allKnown(workspace, Resource.LINKS, used, limit)) {
        return;
      }
      workspaces
          .quota(workspace)
          .thenCompose(
              quota ->
                  notice(
                      workspace,
                      Resource.LINKS,
                      quota.linksCreated(),
                      quota.limits().linksPerMonth(),
                      quota))
          .whenComplete((sent, error) -> logFailure(workspace, Resource.LINKS, error));
    } catch (RuntimeException e) {
      logFailure(workspace, Resource.LINKS, e);
    }
  }

  /**
   * The sweep counted {@code tracked} clicks of the workspace this period: emails the thresholds
   * reached and not noticed yet. Completes with the emails sent.
   */
  public CompletionStage<Integer> trackedClicks(String workspace, long tracked) {
    return workspaces
        .quota(workspace)
        .thenCompose(
            quota ->
                notice(
                    workspace,
                    Resource.TRACKED_CLICKS,
                    tracked,
                    quota.limits().trackedClicksPerMonth(),
                    quota));
  }

  /** Whether every threshold {@code used} of {@code limit} reached is known to be recorded. */
  boolean allKnown(String workspace, Resource resource, long used, long limit) {
    Instant period = periodStart();
    for (int percent : UsageThresholds.reached(used, limit)) {
      if (!known.contains(knownKey(workspace, resource, percent, period))) {
        return false;
      }
    }
    return true;
  }

  private CompletionStage<Integer> notice(
      String workspace, Resource resource, long used, Long limit, QuotaReply.Quota quota) {
    if (limit == null) {
      return CompletableFuture.completedFuture(0);
    }
    Instant period = quota.periodStart();
    var reached =
        UsageThresholds.reached(used, limit).stream()
            .filter(percent -> !known.contains(knownKey(workspace, resource, percent, period)))
            .toList();
    if (reached.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    String planName = plans.plan(quota.plan().plan()).map(Plan::name).orElse(quota.plan().plan());
    return jdbc.transaction(
            connection -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
              int highest = 0;
              for (int percent : reached) {
                if (notices.record(
                    connection,
                    workspace,
                    KIND,
                    UsageThresholds.key(resource, percent, period),
                    now)) {
                  highest = percent;
                }
              }
              var toSend = new ArrayList<Email>();
              if (highest > 0) {
                var notice =
                    new BillingEmails.UsageNotice(
                        resource, highest, used, limit, planName, quota.periodEnd());
                for (String to : notices.recipients(connection, workspace)) {
                  toSend.add(emails.usage(to, workspace, notice));
                }
                log.info(
                    "usage notice {} {} % for workspace {} ({} of {}) to {} recipients",
                    resource.wireName(), highest, workspace, used, limit, toSend.size());
              }
              return toSend;
            })
        .thenApply(
            toSend -> {
              remember(workspace, resource, reached, period);
              notices.send(toSend);
              return toSend.size();
            });
  }

  private void remember(
      String workspace, Resource resource, List<Integer> percents, Instant period) {
    if (!period.equals(knownPeriod)) {
      // a new month: last month's notices are never looked at again
      known.clear();
      knownPeriod = period;
    }
    percents.forEach(percent -> known.add(knownKey(workspace, resource, percent, period)));
  }

  private Instant periodStart() {
    return LinkQuota.start(LinkQuota.periodOf(clock.instant()));
  }

  private static String knownKey(String workspace, Resource resource, int percent, Instant period) {
    return workspace + "\n" + UsageThresholds.key(resource, percent, period);
  }

  private static void logFailure(String workspace, Resource resource, Throwable error) {
    if (error != null) {
      log.warn(
          "usage notice of {} for workspace {} not decided: {}",
          resource.wireName(),
          workspace,
          error.toString());
    }
  }
}
