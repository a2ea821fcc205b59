import { describe, expect, it } from "vitest";
import fixture from "@smo1/kv-record/scan-marker.json";
import { withoutScanMarker } from "@smo1/kv-record/scan";

// the node's ScanMarker runs the same cases (ScanMarkerTest)
describe("the QR code scan marker, in workerd (shared fixtures with the node)", () => {
  it("has at least twenty cases", () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const row of fixture.cases) {
    it(row.name, () => {
      for (const search of [row.query === "" ? "" : `?${row.query}`, row.query]) {
        const marked = withoutScanMarker(search);
        expect(marked.trigger).toBe(row.trigger);
        expect(marked.search.replace(/^\?/, "")).toBe(row.rest);
      }
    });
  }
});
