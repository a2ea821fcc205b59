import { describe, expect, it } from "vitest";
import vectors from "@smo1/kv-record/link-rules.json";
import { type Routing, type Visit, route } from "@smo1/kv-record/rules";

/**
 * The shared test vectors of link routing, run in workerd: the node's LinkRouting (Java) runs the
 * same file (link-domain's LinkRoutingVectorsTest), so both sides route every case alike.
 */
type Case = {
  name: string;
  routing: Routing;
  visit: Partial<Omit<Visit, "at">> & { at?: string };
  random: number;
  expect: { target: string; rule: number | null; variant: number | null; setVariantCookie: boolean };
};

const cases = vectors.cases as unknown as Case[];

describe("link routing (shared vectors with LinkRouting in link-domain)", () => {
  it("has at least eighty cases with distinct names", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(c.name, () => {
      const merged = { ...vectors.defaults.visit, ...c.visit };
      const visit: Visit = { ...merged, at: Date.parse(merged.at) } as Visit;
      expect(route(vectors.defaults.target, c.routing, visit, c.random)).toEqual(c.expect);
    });
  }
});
