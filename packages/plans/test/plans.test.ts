import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import schema from "../plans.schema.json";
import raw from "../plans.json";
import { type Limits, limitLabels, planById, plans } from "../src/index";

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);

describe("plans.json", () => {
  it("is valid against plans.schema.json", () => {
    const valid = validate(raw);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("has unique ids", () => {
    const ids = plans.map((plan) => plan.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  const selfServe = plans.filter((plan) => plan.selfServe);
  /** A limit as a number to compare: null (no limit of the plan's own) is above every number. */
  const level = (value: number | null): number => value ?? Number.POSITIVE_INFINITY;

  it("starts with a free plan and ends with enterprise, the only plan not bought in the dashboard", () => {
    expect(plans[0]?.price.monthlyCents).toBe(0);
    expect(plans[0]?.price.yearlyCents).toBe(0);
    expect(plans.at(-1)?.id).toBe("enterprise");
    expect(plans.filter((plan) => !plan.selfServe).map((plan) => plan.id)).toEqual(["enterprise"]);
  });

  it("names Stripe prices for every paid self-serve plan and for no other, each price once", () => {
    for (const plan of plans) {
      const paid = plan.selfServe && (plan.price.monthlyCents ?? 0) > 0;
      expect(plan.stripe !== undefined, plan.id).toBe(paid);
    }
    const ids = plans.flatMap((plan) => (plan.stripe ? [plan.stripe.monthlyPriceId, plan.stripe.yearlyPriceId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("priced per agreement and unlimited only where not self-serve", () => {
    for (const plan of plans) {
      const custom = plan.price.monthlyCents === null || plan.price.yearlyCents === null;
      expect(custom, plan.id).toBe(!plan.selfServe);
      for (const [limit] of limitLabels) {
        expect(plan.limits[limit] === null, `${plan.id}.${limit}`).toBe(!plan.selfServe);
      }
    }
  });

  it("prices every plan in one currency", () => {
    expect(new Set(plans.map((plan) => plan.price.currency)).size).toBe(1);
  });

  it("never lowers a price from one plan to the next", () => {
    for (let i = 1; i < selfServe.length; i++) {
      const [previous, next] = [selfServe[i - 1]!, selfServe[i]!];
      expect(next.price.monthlyCents, next.id).toBeGreaterThanOrEqual(previous.price.monthlyCents!);
      expect(next.price.yearlyCents, next.id).toBeGreaterThanOrEqual(previous.price.yearlyCents!);
    }
  });

  it("charges no more for a year than for twelve months, and nothing only for free plans", () => {
    for (const plan of selfServe) {
      expect(plan.price.yearlyCents, plan.id).toBeLessThanOrEqual(12 * plan.price.monthlyCents!);
      expect(plan.price.yearlyCents === 0, plan.id).toBe(plan.price.monthlyCents === 0);
    }
  });

  it("never lowers a limit from one plan to the next", () => {
    for (let i = 1; i < plans.length; i++) {
      const [previous, next] = [plans[i - 1]!, plans[i]!];
      for (const [limit] of limitLabels) {
        expect(level(next.limits[limit]), `${next.id}.${limit}`).toBeGreaterThanOrEqual(
          level(previous.limits[limit]),
        );
      }
    }
  });

  it("has sane limits: at least as many tracked clicks as links, retention within ten years", () => {
    for (const plan of selfServe) {
      expect(plan.limits.trackedClicksPerMonth).toBeGreaterThanOrEqual(plan.limits.linksPerMonth!);
      expect(plan.limits.analyticsRetentionDays).toBeLessThanOrEqual(3650);
      expect(plan.limits.apiKeys).toBeGreaterThanOrEqual(1);
      expect(plan.limits.members).toBeGreaterThanOrEqual(1);
      expect(plan.limits.apiRequestsPerMinute).toBeGreaterThanOrEqual(10);
    }
  });

  it("labels every limit once", () => {
    const limits = Object.keys(plans[0]!.limits) as (keyof Limits)[];
    expect(limitLabels.map(([limit]) => limit).sort()).toEqual([...limits].sort());
  });

  it("highlights at most one plan", () => {
    expect(plans.filter((plan) => plan.highlighted === true).length).toBeLessThanOrEqual(1);
  });

  it("finds a plan by id", () => {
    expect(planById("free")?.name).toBe("Free");
    expect(planById("nope")).toBeUndefined();
  });

  it("refuses a file with an unknown limit or a negative price", () => {
    const broken = structuredClone(raw) as { plans: Record<string, unknown>[] };
    (broken.plans[0]!.limits as Record<string, unknown>).seats = 3;
    expect(validate(broken)).toBe(false);
    const negative = structuredClone(raw) as { plans: { price: { monthlyCents: number } }[] };
    negative.plans[1]!.price.monthlyCents = -1;
    expect(validate(negative)).toBe(false);
    const noCapabilities = structuredClone(raw) as { plans: Record<string, unknown>[] };
    delete noCapabilities.plans[0]!.capabilities;
    expect(validate(noCapabilities)).toBe(false);
  });
});
