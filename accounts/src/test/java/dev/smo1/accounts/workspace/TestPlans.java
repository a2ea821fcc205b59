package dev.smo1.accounts.workspace;

import java.util.Map;
import java.util.Optional;

/**
 * Plans for the accounts module's tests (the real ones come from the plans file, read by the
 * billing module): {@code free} limits only links, so the member tests keep their own limits;
 * {@code small} limits links and members tightly; {@code enterprise} limits nothing.
 */
public final class TestPlans {
  public static final String SMALL = "small";

  public static final WorkspaceLimits FREE_LIMITS =
      new WorkspaceLimits(50L, 1_000L, null, null, null, null, 30);
  public static final WorkspaceLimits SMALL_LIMITS = new WorkspaceLimits(3L, 100L, 1, 4, 2, 60, 30);

  public static final PlanBook BOOK =
      planId ->
          Optional.ofNullable(
              Map.of(
                      PlanBook.FREE,
                      FREE_LIMITS,
                      SMALL,
                      SMALL_LIMITS,
                      PlanBook.ENTERPRISE,
                      WorkspaceLimits.UNLIMITED)
                  .get(planId));

  private TestPlans() {}
}
