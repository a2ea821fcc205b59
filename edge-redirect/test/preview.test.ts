import { describe, expect, it } from "vitest";
import fixture from "@smo1/kv-record/preview-pages.json";
import { previewPage } from "@smo1/kv-record/preview";

// the node's PreviewPage renders the same cases (PreviewPageTest)
describe("the preview page for link-preview bots, in workerd (shared fixtures with the node)", () => {
  it("has at least five cases", () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(5);
  });
  for (const row of fixture.cases) {
    it(row.name, () => {
      expect(previewPage(row.preview, row.location)).toBe(row.html);
    });
  }
});
