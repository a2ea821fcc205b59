import { describe, expect, it } from "vitest";
import fixture from "@smo1/kv-record/utm.json";
import { locationFor } from "@smo1/kv-record";

// the node's UtmMerge and Resolution.Redirect#location run the same cases (UtmMergeTest)
describe("UTM parameters merged into the location, in workerd (shared fixtures with the node)", () => {
  it("has at least twenty cases", () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const row of fixture.cases) {
    it(row.name, () => {
      const query = row.query === "" ? "" : `?${row.query}`;
      expect(locationFor({ target: row.target, forwardQuery: row.forwardQuery, utm: row.utm }, query)).toBe(
        row.location,
      );
    });
  }
});
