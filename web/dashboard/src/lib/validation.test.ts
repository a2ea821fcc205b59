import type { Link } from "@smo1/api-types";
import { describe, expect, it } from "vitest";
import {
  checkNewPassword,
  checkSlug,
  checkTarget,
  createLinkBody,
  emptyLinkForm,
  linkFormFrom,
  parseTags,
  slugFrom,
  updateLinkBody,
  validateLinkForm,
  validateSignUp,
} from "./validation";

const now = new Date("2026-12-01T12:00:00Z");

describe("account rules (as the API's)", () => {
  it("wants passwords of 10 to 256 characters that are not the email", () => {
    expect(checkNewPassword("short")).toBeDefined();
    expect(checkNewPassword("x".repeat(257))).toBeDefined();
    expect(checkNewPassword("correct horse battery")).toBeUndefined();
    expect(checkNewPassword("ada.lovelace", "Ada.Lovelace@example.com")).toBeDefined();
    expect(checkNewPassword("ada.lovelace@example.com", "ada.lovelace@example.com")).toBeDefined();
  });

  it("checks every sign-up field", () => {
    expect(Object.keys(validateSignUp({ name: "", email: "nope", password: "short" }))).toEqual(["name", "email", "password"]);
    expect(validateSignUp({ name: "Ada", email: "ada@example.com", password: "correct horse battery" })).toEqual({});
  });

  it("wants slugs of 3 to 48 lowercase letters, digits and single inner hyphens", () => {
    expect(checkSlug("ada-co")).toBeUndefined();
    for (const bad of ["ab", "Ada", "ada--co", "-ada", "ada-", "a".repeat(49), "ada_co"]) {
      expect(checkSlug(bad), bad).toBeDefined();
    }
  });

  it("suggests a slug from a name", () => {
    expect(slugFrom("Ada & Co")).toBe("ada-co");
    expect(slugFrom("  Café Überall! ")).toBe("cafe-uberall");
  });
});

describe("link form", () => {
  it("accepts http and https targets only, without user info or spaces", () => {
    expect(checkTarget("https://example.com/a?b=c")).toBeUndefined();
    expect(checkTarget("javascript:alert(1)")).toBeDefined();
    expect(checkTarget("ftp://example.com")).toBeDefined();
    expect(checkTarget("https://user:pw@example.com")).toBeDefined();
    expect(checkTarget("https://exa mple.com")).toBeDefined();
    expect(checkTarget("example.com")).toBeDefined();
    expect(checkTarget("https://example.com/" + "a".repeat(2048))).toBeDefined();
    expect(checkTarget("https://example.com/%zz")).toBeDefined();
    expect(checkTarget("https://example.com/?off=100%")).toBeDefined();
    expect(checkTarget("https://example.com/caf%C3%A9?q=%2f")).toBeUndefined();
    expect(checkTarget("https://faß.de/café")).toBeUndefined();
  });

  it("reports each invalid field", () => {
    const errors = validateLinkForm(
      { ...emptyLinkForm, target: "nope", alias: "a b", title: "x".repeat(257), tags: "ok bad/tag", expiresAt: "2020-01-01T00:00" },
      now,
      true,
    );
    expect(Object.keys(errors).sort()).toEqual(["alias", "expiresAt", "tags", "target", "title"]);
  });

  it("allows at most 20 tags of letters, digits and _ - . :", () => {
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(",");
    expect(validateLinkForm({ ...emptyLinkForm, target: "https://e.com", tags: many }, now, true).tags).toBeDefined();
    expect(validateLinkForm({ ...emptyLinkForm, target: "https://e.com", tags: "ref, v1.2 scope:x été" }, now, true)).toEqual({});
  });

  it("parses tags separated by commas or spaces, without duplicates", () => {
    expect(parseTags(" a, b  c,,a ")).toEqual(["a", "b", "c"]);
  });

  it("sends only what was filled in on create", () => {
    expect(createLinkBody({ ...emptyLinkForm, target: " https://e.com ", tags: "x y" })).toEqual({
      target: "https://e.com",
      redirectType: 302,
      forwardQuery: false,
      tags: ["x", "y"],
    });
  });

  it("names a custom domain only when one is chosen", () => {
    expect(createLinkBody({ ...emptyLinkForm, target: "https://e.com" })).not.toHaveProperty("domain");
    expect(createLinkBody({ ...emptyLinkForm, target: "https://e.com", domain: "go.shop.test" }).domain).toBe("go.shop.test");
  });

  const link: Link = {
    code: "docs",
    domain: "s.example",
    shortUrl: "https://s.example/docs",
    target: "https://example.com/",
    redirectType: 302,
    expiresAt: "2030-01-01T00:00:00Z",
    title: "Docs",
    tags: ["ref"],
    forwardQuery: false,
    rules: [],
    variants: [],
    variantsUntil: null,
    utm: null,
    expiredUrl: null,
    preview: null,
    maxVisits: null,
    visits: 0,
    passwordProtected: false,
    status: "active",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };

  it("patches only the fields that changed on edit", () => {
    const values = linkFormFrom(link);
    expect(updateLinkBody(link, values)).toEqual({});
    expect(updateLinkBody(link, { ...values, target: "https://example.org/", redirectType: "301" })).toEqual({
      target: "https://example.org/",
      redirectType: 301,
    });
  });

  it("clears title, tags and expiry with null", () => {
    const values = linkFormFrom(link);
    expect(updateLinkBody(link, { ...values, title: " ", tags: "", expiresAt: "" })).toEqual({
      title: null,
      tags: null,
      expiresAt: null,
    });
  });

  it("sends UTM, fallback, preview, max visits and a password when filled in", () => {
    const values = {
      ...emptyLinkForm,
      target: "https://e.com",
      utmSource: " news ",
      utmCampaign: "q4",
      expiredUrl: "https://e.com/over",
      previewTitle: "Card",
      maxVisits: "100",
      password: "open sesame",
    };
    expect(validateLinkForm(values, new Date(), true)).toEqual({});
    expect(createLinkBody(values)).toEqual({
      target: "https://e.com",
      redirectType: 302,
      forwardQuery: false,
      utm: { source: "news", campaign: "q4" },
      expiredUrl: "https://e.com/over",
      preview: { title: "Card", description: null, image: null },
      maxVisits: 100,
      password: "open sesame",
    });
  });

  it("names the option fields the API would refuse", () => {
    const errors = validateLinkForm(
      {
        ...emptyLinkForm,
        target: "https://e.com",
        utmTerm: "t".repeat(257),
        expiredUrl: "ftp://e.com",
        previewDescription: "no title",
        maxVisits: "0",
        password: "12345",
      },
      new Date(),
      true,
    );
    expect(Object.keys(errors).sort()).toEqual(["expiredUrl", "maxVisits", "password", "preview.title", "utm.term"]);
  });

  it("patches options that changed, clears them with null and never resends a kept password", () => {
    const protectedLink: Link = {
      ...link,
      utm: { source: "a" },
      maxVisits: 5,
      preview: { title: "T", description: null, image: null },
      passwordProtected: true,
    };
    const values = linkFormFrom(protectedLink);
    expect(values.password).toBe("");
    expect(updateLinkBody(protectedLink, values)).toEqual({});
    expect(
      updateLinkBody(protectedLink, { ...values, utmSource: "", maxVisits: "", previewTitle: "", removePassword: true }),
    ).toEqual({ utm: null, maxVisits: null, preview: null, password: null });
    expect(updateLinkBody(protectedLink, { ...values, password: "a new one" })).toEqual({ password: "a new one" });
  });
});
