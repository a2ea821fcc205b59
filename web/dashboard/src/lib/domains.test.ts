import type { Domain } from "@smo1/api-types";
import { describe, expect, it } from "vitest";
import {
  checkDomain,
  linkDomains,
  settingsBody,
  settingsFormFrom,
  shownRecords,
  validateDomainSettings,
  withDomain,
} from "./domains";

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

describe("domain names (as the API's DomainNames)", () => {
  it("takes a host name in its stored form: lower case, no trailing dot, internationalised as xn--", () => {
    expect(checkDomain(" Go.Shop.test. ")).toEqual({ domain: "go.shop.test" });
    expect(checkDomain("bücher.example")).toEqual({ domain: "xn--bcher-kva.example" });
    expect(checkDomain("a-b.c-d.example")).toEqual({ domain: "a-b.c-d.example" });
  });

  it("refuses what is no public host name", () => {
    for (const bad of [
      "",
      "https://go.example.com",
      "go.example.com/path",
      "go.example.com:8080",
      "go example.com",
      "example",
      "-go.example.com",
      "go-.example.com",
      "go_x.example.com",
      `${"a".repeat(64)}.example.com`,
      `${"a.".repeat(127)}com`,
      "192.168.1.1",
      "localhost",
      "app.localhost",
      "printer.local",
      "db.internal",
      "1.0.0.127.in-addr.arpa",
      "x.invalid",
    ]) {
      expect(checkDomain(bad), bad).toHaveProperty("error");
    }
  });
});

describe("DNS records shown", () => {
  const records = [
    { type: "TXT" as const, name: "_smo1-challenge.go.shop.test", value: null, purpose: "proves" },
    { type: "CNAME" as const, name: "go.shop.test", value: "cname.smo1.test", purpose: "points" },
  ];

  it("fills the TXT value in from the token the page kept, and tells the records apart", () => {
    expect(shownRecords(records, "smo1-verify=abc")).toEqual([
      { ...records[0], value: "smo1-verify=abc", label: "TXT record" },
      { ...records[1], label: "CNAME record" },
    ]);
    expect(shownRecords(records, undefined)[0]?.value).toBeNull();
  });

  it("keeps a token the answer holds, and numbers records of a type that repeats", () => {
    const addresses = [
      { type: "TXT" as const, name: "_smo1-challenge.shop.test", value: "smo1-verify=new", purpose: "proves" },
      { type: "A" as const, name: "shop.test", value: "192.0.2.1", purpose: "points" },
      { type: "A" as const, name: "shop.test", value: "192.0.2.2", purpose: "points" },
      { type: "AAAA" as const, name: "shop.test", value: "2001:db8::1", purpose: "points" },
    ];
    expect(shownRecords(addresses, "smo1-verify=old").map((r) => [r.label, r.value])).toEqual([
      ["TXT record", "smo1-verify=new"],
      ["A record 1", "192.0.2.1"],
      ["A record 2", "192.0.2.2"],
      ["AAAA record", "2001:db8::1"],
    ]);
  });
});

describe("domain settings", () => {
  const current = { rootUrl: "https://shop.example/", notFoundUrl: null, expiredUrl: "https://shop.example/over" };

  it("sends only what changed, an emptied URL as null", () => {
    const values = settingsFormFrom(current);
    expect(values).toEqual({ rootUrl: "https://shop.example/", notFoundUrl: "", expiredUrl: "https://shop.example/over" });
    expect(settingsBody(current, values)).toEqual({});
    expect(settingsBody(current, { ...values, notFoundUrl: " https://shop.example/404 ", expiredUrl: "" })).toEqual({
      notFoundUrl: "https://shop.example/404",
      expiredUrl: null,
    });
    expect(settingsBody({}, { rootUrl: "", notFoundUrl: "", expiredUrl: "" })).toEqual({});
  });

  it("checks each URL given as a link's target", () => {
    expect(validateDomainSettings({ rootUrl: "shop.example", notFoundUrl: "", expiredUrl: "ftp://shop.example/" })).toEqual({
      rootUrl: expect.any(String),
      expiredUrl: expect.any(String),
    });
    expect(validateDomainSettings({ rootUrl: "", notFoundUrl: "https://shop.example/404", expiredUrl: "" })).toEqual({});
  });
});

describe("domains a new link may go on", () => {
  it("are the verified and the failing ones, by name; never a pending one", () => {
    const names = linkDomains([domain("z.shop.test", "verified"), domain("new.test", "pending"), domain("a.shop.test", "failing")]).map(
      (d) => d.domain,
    );
    expect(names).toEqual(["a.shop.test", "z.shop.test"]);
  });
});

describe("the list after a change", () => {
  it("replaces the domain of the same name, or adds it in name order", () => {
    const list = [domain("a.test", "verified"), domain("c.test", "pending")];
    expect(withDomain(list, domain("b.test", "pending")).map((d) => d.domain)).toEqual(["a.test", "b.test", "c.test"]);
    const checked = withDomain(list, domain("c.test", "verified"));
    expect(checked.map((d) => [d.domain, d.status])).toEqual([
      ["a.test", "verified"],
      ["c.test", "verified"],
    ]);
  });
});
