package dev.smo1.accounts.workspace;

import dev.smo1.serialization.CborSerializable;

/**
 * What a workspace's plan allows; a null limit is no limit (the {@code enterprise} plan, or an
 * enterprise workspace's custom limits). Stored in {@link WorkspaceEvent.PlanChanged} for custom
 * limits: add components only with null as the value a missing one takes.
 *
 * @param linksPerMonth links created per calendar month (UTC); deleting one does not give it back
 * @param trackedClicksPerMonth clicks counted per month; clicks beyond are redirected and stored,
 *     flagged as over quota
 * @param customDomains custom domains held at once
 * @param members members and pending invitations together
 * @param apiKeys API keys held at once
 * @param apiRequestsPerMinute the per-key request budget of the API
 * @param analyticsRetentionDays how far back analytics answer
 */
public record WorkspaceLimits(
    Long linksPerMonth,
    Long trackedClicksPerMonth,
    Integer customDomains,
    Integer members,
    Integer apiKeys,
    Integer apiRequestsPerMinute,
    Integer analyticsRetentionDays)
    implements CborSerializable {

  /** No limit at all. */
  public static final WorkspaceLimits UNLIMITED =
      new WorkspaceLimits(null, null, null, null, null, null, null);

  public WorkspaceLimits {
    requireNotNegative(linksPerMonth, "linksPerMonth");
    requireNotNegative(trackedClicksPerMonth, "trackedClicksPerMonth");
    requireNotNegative(customDomains, "customDomains");
    requireNotNegative(members, "members");
    requireNotNegative(apiKeys, "apiKeys");
    requireNotNegative(apiRequestsPerMinute, "apiRequestsPerMinute");
    requireNotNegative(analyticsRetentionDays, "analyticsRetentionDays");
  }

  private static void requireNotNegative(Number limit, String name) {
    if (limit != null && limit.longValue() < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + limit);
    }
  }

  /** Whether {@code used + wanted} stays within {@code limit} (no limit: always). */
  public static boolean allows(Number limit, long used, long wanted) {
    return limit == null || used + wanted <= limit.longValue();
  }
}
