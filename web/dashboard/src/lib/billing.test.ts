import type { Billing, Plan } from "@smo1/api-types";
import { describe, expect, it } from "vitest";
import { choices, meterText, overQuotaText, planState, share } from "./billing";

const day = (instant: string) => instant.slice(0, 10);

function billing(subscription: Partial<NonNullable<Billing["subscription"]>> | null, plan = "pro"): Billing {
  return {
    workspace: "acme",
    plan,
    limits: {
      linksPerMonth: 2000,
      trackedClicksPerMonth: 200000,
      customDomains: 1,
      members: 5,
      apiKeys: 10,
      apiRequestsPerMinute: 600,
      analyticsRetentionDays: 365,
    },
    customLimits: false,
    purchasable: true,
    subscription:
      subscription === null
        ? null
        : {
            status: "active",
            plan,
            interval: "month",
            currentPeriodEnd: "2030-04-01T00:00:00Z",
            cancelAtPeriodEnd: false,
            pastDueSince: null,
            graceEndsAt: null,
            downgradedAt: null,
            ...subscription,
          },
  };
}

function plan(id: string, monthlyCents: number | null, selfServe = true): Plan {
  return {
    id,
    name: id,
    description: "",
    price: { currency: "USD", monthlyCents, yearlyCents: monthlyCents === null ? null : monthlyCents * 10 },
    limits: billing(null).limits,
    features: [],
    capabilities: { passwordLinks: false, rulesAndVariants: false, webhooks: false },
    selfServe,
    highlighted: false,
  };
}

describe("meters", () => {
  it("share their limit, capped at one, none without a limit", () => {
    expect(share({ used: 40, limit: 50 })).toBe(0.8);
    expect(share({ used: 60, limit: 50 })).toBe(1);
    expect(share({ used: 3, limit: null })).toBeNull();
    expect(share({ used: null, limit: 100 })).toBeNull();
    expect(share({ used: 0, limit: 0 })).toBe(0);
  });
  it("say their figures", () => {
    expect(meterText({ used: 12, limit: 50 }, String)).toBe("12 of 50");
    expect(meterText({ used: 12, limit: null }, String)).toBe("12 (no limit)");
    expect(meterText({ used: null, limit: 50 }, String)).toBe("not counted on this installation");
  });
  it("say the tracked clicks over the plan's volume, and nothing within it", () => {
    expect(overQuotaText({ used: 29, limit: 20, overQuota: 9, overQuotaSince: "2026-12-07T10:00:00Z" }, String, day)).toBe(
      "9 over quota since 2026-12-07: still redirected and recorded, not in the plan's volume.",
    );
    expect(overQuotaText({ used: 20, limit: 20, overQuota: 0, overQuotaSince: null }, String, day)).toBeNull();
    expect(overQuotaText({ used: 20, limit: null, overQuota: null, overQuotaSince: null }, String, day)).toBeNull();
  });
});

describe("the plan's state", () => {
  it("names renewal, cancellation, a failed payment and a downgrade", () => {
    expect(planState(billing(null, "free"), day)).toBe("Free plan, no subscription.");
    expect(planState(billing({}), day)).toBe("Renews on 2030-04-01.");
    expect(planState(billing({ cancelAtPeriodEnd: true }), day)).toContain("ends on 2030-04-01");
    expect(planState(billing({ status: "past_due", pastDueSince: "2030-03-01T00:00:00Z", graceEndsAt: "2030-03-08T00:00:00Z" }), day)).toContain(
      "stays until 2030-03-08",
    );
    expect(planState(billing({ status: "past_due", downgradedAt: "2030-03-08T00:00:00Z" }, "free"), day)).toContain("moved to the free plan");
  });
});

describe("the plans a payer may choose", () => {
  const plans = [plan("free", 0), plan("pro", 1200), plan("business", 4900), plan("enterprise", null, false)];
  it("offers the paid self-serve plans: subscribe without a subscription, switch with one", () => {
    expect(choices(plans, billing(null, "free")).map((c) => [c.plan.id, c.action])).toEqual([
      ["pro", "subscribe"],
      ["business", "subscribe"],
    ]);
    expect(choices(plans, billing({})).map((c) => [c.plan.id, c.action])).toEqual([
      ["pro", "current"],
      ["business", "switch"],
    ]);
    expect(choices(plans, billing({ status: "canceled" }, "free")).map((c) => c.action)).toEqual(["subscribe", "subscribe"]);
  });
});
