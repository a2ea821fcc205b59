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

  it("starts with a free plan", () => {
    expect(plans[0]?.price.monthlyCents).toBe(0);
    expect(plans[0]?.price.yearlyCents).toBe(0);
  });

  it("prices every plan in one currency", () => {
    expect(new Set(plans.map((plan) => plan.price.currency)).size).toBe(1);
  });

  it("never lowers a price from one plan to the next", () => {
    for (let i = 1; i < plans.length; i++) {
      const [previous, next] = [plans[i - 1]!, plans[i]!];
      expect(next.price.monthlyCents, next.id).toBeGreaterThanOrEqual(previous.price.monthlyCents);
      expect(next.price.yearlyCents, next.id).toBeGreaterThanOrEqual(previous.price.yearlyCents);
    }
  });

  it("charges no more for a year than for twelve months, and nothing only for free plans", () => {
    for (const plan of plans) {
      expect(plan.price.yearlyCents, plan.id).toBeLessThanOrEqual(12 * plan.price.monthlyCents);
      expect(plan.price.yearlyCents === 0, plan.id).toBe(plan.price.monthlyCents === 0);
    }
  });

  it("never lowers a limit from one plan to the next", () => {
    for (let i = 1; i < plans.length; i++) {
      const [previous, next] = [plans[i - 1]!, plans[i]!];
      for (const [limit] of limitLabels) {
        expect(next.limits[limit], `${next.id}.${limit}`).toBeGreaterThanOrEqual(
          previous.limits[limit],
        );
      }
    }
  });

  it("has sane limits: at least as many tracked clicks as links, retention within ten years", () => {
    for (const plan of plans) {
      expect(plan.limits.trackedClicksPerMonth).toBeGreaterThanOrEqual(plan.limits.linksPerMonth);
      expect(plan.limits.analyticsRetentionDays).toBeLessThanOrEqual(3650);
      expect(plan.limits.apiKeys).toBeGreaterThanOrEqual(1);
      expect(plan.limits.members).toBeGreaterThanOrEqual(1);
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
  });
});
