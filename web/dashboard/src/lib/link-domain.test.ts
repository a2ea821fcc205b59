import type { Domain } from "@smo1/api-types";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "./errors";
import { domainChoices, domainFrom, linkHref, linkQuery, withDomainExplained } from "./link-domain";

function domain(name: string, status: Domain["status"]): Domain {
  return {
    domain: name,
    status,
    createdAt: "2026-12-01T00:00:00Z",
    verifiedAt: status === "pending" ? null : "2026-12-01T00:01:00Z",
    checkedAt: null,
    nextCheckAt: null,
    problem: null,
    records: [],
    settings: {},
  };
}

describe("a link's domain in the dashboard's URLs and the API's queries", () => {
  it("reads a custom domain from ?domain=, and none (the default domain) when absent or empty", () => {
    expect(domainFrom(new URLSearchParams("code=docs&domain=go.shop.test"))).toBe("go.shop.test");
    expect(domainFrom(new URLSearchParams("code=docs"))).toBeNull();
    expect(domainFrom(new URLSearchParams("code=docs&domain="))).toBeNull();
    expect(domainFrom(new URLSearchParams("domain=%20"))).toBeNull();
  });

  it("names the domain to the API only when it is custom", () => {
    expect(linkQuery("acme", "go.shop.test")).toEqual({ workspace: "acme", domain: "go.shop.test" });
    expect(linkQuery("acme", null)).toEqual({ workspace: "acme" });
    expect(linkQuery("acme", "")).toEqual({ workspace: "acme" });
    expect(linkQuery("acme", undefined)).not.toHaveProperty("domain");
  });

  it("links a page of a custom-domain link with its domain, and a default-domain link's as before", () => {
    expect(linkHref("/links/view/", "acme", "docs", "go.shop.test")).toBe("/links/view/?code=docs&domain=go.shop.test&workspace=acme");
    expect(linkHref("/links/view/", "acme", "docs", null)).toBe("/links/view/?code=docs&workspace=acme");
    expect(linkHref("/links/view/", "acme", "docs", null, { created: 1 })).toBe("/links/view/?code=docs&created=1&workspace=acme");
    expect(linkHref("/links/edit/", "acme", "a b&c", "go.shop.test")).toBe("/links/edit/?code=a+b%26c&domain=go.shop.test&workspace=acme");
  });
});

describe("the domain select over a workspace's links", () => {
  it("offers the default domain first, then every custom domain by name, saying which are not verified", () => {
    const choices = domainChoices([domain("go.shop.test", "verified"), domain("b.example", "failing"), domain("a.example", "pending")], null);
    expect(choices).toEqual([
      { value: "", label: "Default domain" },
      { value: "a.example", label: "a.example (pending)" },
      { value: "b.example", label: "b.example (failing)" },
      { value: "go.shop.test", label: "go.shop.test" },
    ]);
  });

  it("keeps the domain the page shows when the workspace has it no more", () => {
    expect(domainChoices([], "gone.example")).toEqual([
      { value: "", label: "Default domain" },
      { value: "gone.example", label: "gone.example (removed)" },
    ]);
    expect(domainChoices([domain("go.shop.test", "verified")], "go.shop.test")).toHaveLength(2);
  });
});

describe("the refusal of a link whose domain is no verified domain any more", () => {
  it("is said plainly, for the whole form rather than a domain field an existing link's form lacks", () => {
    const refused = new ApiRequestError(422, { code: "invalid_domain", message: "the link's domain is not a verified custom domain of this workspace any more", field: "domain" });
    const explained = withDomainExplained(refused, "go.shop.test");
    expect(explained).toBeInstanceOf(ApiRequestError);
    expect(explained).toMatchObject({ status: 422, code: "invalid_domain", field: null });
    expect((explained as Error).message).toMatch(/^go\.shop\.test is no longer a verified domain/);
  });

  it("leaves every other error as it is", () => {
    const other = new ApiRequestError(422, { code: "invalid_target", message: "bad", field: "target" });
    expect(withDomainExplained(other, "go.shop.test")).toBe(other);
    const plain = new Error("offline");
    expect(withDomainExplained(plain, "go.shop.test")).toBe(plain);
  });
});
