package dev.smo1.accounts.workspace;

import dev.smo1.serialization.CborSerializable;
import java.time.Instant;

/**
 * The plan a workspace is on since {@code since}; {@code customLimits} only for {@code enterprise}
 * (null: the plan's own limits). A workspace that never changed plan is on {@code free} since its
 * creation.
 */
public record WorkspacePlan(String plan, WorkspaceLimits customLimits, Instant since)
    implements CborSerializable {

  public static WorkspacePlan free(Instant since) {
    return new WorkspacePlan(PlanBook.FREE, null, since);
  }

  /**
   * The limits in force: the custom ones, else the plan's; a plan the book no longer has is held to
   * the free plan's limits (never to none), and without those to no limit.
   */
  public WorkspaceLimits limits(PlanBook book) {
    if (customLimits != null) {
      return customLimits;
    }
    return book.limitsOf(plan)
        .or(() -> book.limitsOf(PlanBook.FREE))
        .orElse(WorkspaceLimits.UNLIMITED);
  }
}
