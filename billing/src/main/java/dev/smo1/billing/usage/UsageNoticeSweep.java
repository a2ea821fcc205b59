package dev.smo1.billing.usage;

import dev.smo1.accounts.Jdbc;
import dev.smo1.accounts.workspace.LinkQuota;
import dev.smo1.accounts.workspace.PlanBook;
import dev.smo1.billing.plan.PlanCatalog;
import dev.smo1.billing.usage.UsageThresholds.Resource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every node, on a fixed delay: the month's tracked clicks of every workspace with any (one query
 * on ClickHouse's hourly rollup), and for each that may have reached a threshold the {@link
 * UsageNotices}. A workspace's plan comes from the read model; a workspace below 80 % of its plan's
 * volume is skipped without asking its entity, as is one whose notices this node knows were sent;
 * an enterprise workspace (its own limits) is asked.
 */
public final class UsageNoticeSweep {
  private final UsageCounts counts;
  private final UsageNotices notices;
  private final PlanCatalog plans;
  private final Jdbc jdbc;
  private final Clock clock;

  public UsageNoticeSweep(
      UsageCounts counts, UsageNotices notices, PlanCatalog plans, Jdbc jdbc, Clock clock) {
    this.counts = counts;
    this.notices = notices;
    this.plans = plans;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One round: how many emails were sent. Nothing without ClickHouse. */
  public CompletionStage<Integer> run() {
    var period = LinkQuota.periodOf(clock.instant());
    Instant from = LinkQuota.start(period);
    Instant to = LinkQuota.end(period);
    return counts
        .workspacesWithTrackedClicks(from, to, 1)
        .map(stage -> stage.thenCompose(this::notice))
        .orElseGet(() -> CompletableFuture.completedFuture(0));
  }

  private CompletionStage<Integer> notice(Map<String, Long> tracked) {
    if (tracked.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    return plansOf(tracked.keySet())
        .thenCompose(
            planOf -> {
              var sent = new ArrayList<CompletableFuture<Integer>>();
              tracked.forEach(
                  (workspace, clicks) -> {
                    String plan = planOf.get(workspace);
                    if (plan != null && mayHaveReached(workspace, plan, clicks)) {
                      sent.add(notices.trackedClicks(workspace, clicks).toCompletableFuture());
                    }
                  });
              return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                  .thenApply(done -> sent.stream().mapToInt(CompletableFuture::join).sum());
            });
  }

  private boolean mayHaveReached(String workspace, String plan, long clicks) {
    if (plan.equals(PlanBook.ENTERPRISE)) {
      return true;
    }
    Long volume =
        plans.plan(plan).map(found -> found.limits().trackedClicksPerMonth()).orElse(null);
    return volume != null
        && !UsageThresholds.reached(clicks, volume).isEmpty()
        && !notices.allKnown(workspace, Resource.TRACKED_CLICKS, clicks, volume);
  }

  /** The plan of each workspace that exists (read model). */
  private CompletionStage<Map<String, String>> plansOf(java.util.Collection<String> workspaces) {
    List<String> ids = List.copyOf(workspaces);
    return jdbc.transaction(
        connection -> {
          var planOf = new HashMap<String, String>();
          try (var statement =
              connection.prepareStatement("SELECT id, plan FROM workspaces WHERE id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                planOf.put(rows.getString(1), rows.getString(2));
              }
            }
          }
          return planOf;
        });
  }
}
