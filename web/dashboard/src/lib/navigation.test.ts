import { describe, expect, it } from "vitest";
import { href, loginHref, safeNext } from "./navigation";

describe("safeNext", () => {
  it("keeps a dashboard path with its query", () => {
    expect(safeNext("/links/view/?code=abc&workspace=acme")).toBe("/links/view/?code=abc&workspace=acme");
  });
  it("strips the /app base path of a full dashboard path", () => {
    expect(safeNext("/app/members/?workspace=acme")).toBe("/members/?workspace=acme");
  });
  it("refuses other origins, protocol-relative and backslash tricks", () => {
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", null]) {
      expect(safeNext(bad), String(bad)).toBe("/links/");
    }
  });
  it("does not loop back to the login page", () => {
    expect(safeNext("/login/?next=/x")).toBe("/links/");
  });
});

describe("hrefs", () => {
  it("carry the workspace and drop empty parameters", () => {
    expect(href("/links/view/", "acme", { code: "a b", tag: "" })).toBe("/links/view/?code=a+b&workspace=acme");
    expect(href("/links/", null)).toBe("/links/");
  });
  it("make login links that come back", () => {
    expect(loginHref("/invitations/accept/?token=t")).toBe("/login/?next=%2Finvitations%2Faccept%2F%3Ftoken%3Dt");
  });
});
