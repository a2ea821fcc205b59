// What the billing page shows, computed apart from React so it can be tested alone.
import type { Billing, Meter, Plan, TrackedClicksMeter } from "@smo1/api-types";

/** A meter's share of its limit, 0 to 1 (null: no limit, or nothing counted). */
export function share(meter: Meter): number | null {
  if (meter.limit === null || meter.used === null) return null;
  if (meter.limit === 0) return meter.used > 0 ? 1 : 0;
  return Math.min(1, meter.used / meter.limit);
}

/** "12 of 50", "12 (no limit)", "not counted here". */
export function meterText(meter: Meter, format: (value: number) => string): string {
  if (meter.used === null) return "not counted on this installation";
  if (meter.limit === null) return `${format(meter.used)} (no limit)`;
  return `${format(meter.used)} of ${format(meter.limit)}`;
}

/**
 * Tracked clicks beyond the plan's volume, in words ("9 over quota since …: still redirected and
 * recorded"); null while there are none.
 */
export function overQuotaText(
  meter: TrackedClicksMeter,
  format: (value: number) => string,
  formatInstant: (instant: string) => string,
): string | null {
  if (meter.overQuota === null || meter.overQuota === 0) return null;
  const since = meter.overQuotaSince ? ` since ${formatInstant(meter.overQuotaSince)}` : "";
  return `${format(meter.overQuota)} over quota${since}: still redirected and recorded, not in the plan's volume.`;
}

/** The plan's state in words: what the owner should know first. */
export function planState(billing: Billing, formatDate: (instant: string) => string): string {
  const subscription = billing.subscription;
  if (!subscription) return billing.plan === "free" ? "Free plan, no subscription." : "Set by SMO1 (no subscription).";
  if (subscription.downgradedAt) return "The payment is still missing: the workspace moved to the free plan.";
  if (subscription.pastDueSince && subscription.graceEndsAt) {
    return `A payment failed: the plan stays until ${formatDate(subscription.graceEndsAt)}; update the payment method before then.`;
  }
  if (subscription.status === "canceled") return "The subscription ended.";
  if (subscription.cancelAtPeriodEnd && subscription.currentPeriodEnd) {
    return `Cancelled: the plan ends on ${formatDate(subscription.currentPeriodEnd)}, then the free plan.`;
  }
  if (subscription.currentPeriodEnd) return `Renews on ${formatDate(subscription.currentPeriodEnd)}.`;
  return `Subscription ${subscription.status}.`;
}

/** The paid plans a payer can choose here, with what choosing one does. */
export function choices(plans: readonly Plan[], billing: Billing): { plan: Plan; action: "current" | "subscribe" | "switch" }[] {
  const live = billing.subscription !== null && ["active", "trialing", "past_due", "unpaid"].includes(billing.subscription.status);
  return plans
    .filter((plan) => plan.selfServe && (plan.price.monthlyCents ?? 0) > 0)
    .map((plan) => ({
      plan,
      action: plan.id === billing.plan && live ? "current" : live ? "switch" : "subscribe",
    }));
}
