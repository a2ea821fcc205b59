import { describe, expect, it } from "vitest";
import { clicksExportUrl, linksExportUrl } from "./exports";

describe("export links", () => {
  it("carry the workspace, the format and only the filters that are set", () => {
    expect(linksExportUrl("acme", { q: "", tag: "spring sale", status: "active", domain: "" })).toBe(
      "/api/v1/exports/links?workspace=acme&format=csv&tag=spring+sale&status=active",
    );
    expect(linksExportUrl("acme", {}, "json")).toBe("/api/v1/exports/links?workspace=acme&format=json");
  });
  it("name one link's clicks with its domain, or the workspace's", () => {
    const range = { from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" };
    expect(clicksExportUrl("acme", range, { code: "abc", domain: "go.acme.test" })).toBe(
      "/api/v1/exports/clicks?workspace=acme&from=2026-12-01T00%3A00%3A00Z&to=2026-12-08T00%3A00%3A00Z&code=abc&domain=go.acme.test",
    );
    expect(clicksExportUrl("acme", range)).toBe(
      "/api/v1/exports/clicks?workspace=acme&from=2026-12-01T00%3A00%3A00Z&to=2026-12-08T00%3A00%3A00Z",
    );
  });
});
