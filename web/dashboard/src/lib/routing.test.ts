import type { Link } from "@smo1/api-types";
import { describe, expect, it } from "vitest";
import { instantToLocal } from "./link-fields";
import {
  describeConditions,
  emptyRule,
  emptyVariant,
  moved,
  parseList,
  routingFields,
  rulesFormFrom,
  rulesOf,
  sameRules,
  shares,
  validateRouting,
  variantsFormFrom,
  type RoutingValues,
  type RuleForm,
} from "./routing";
import { createLinkBody, emptyLinkForm, linkFormFrom, updateLinkBody, validateLinkForm } from "./validation";

const now = new Date("2026-12-01T12:00:00Z");
const rule = (fields: Partial<RuleForm>): RuleForm => ({ ...emptyRule(), target: "https://e.com/a", ...fields });
const routing = (fields: Partial<RoutingValues>): RoutingValues => ({ rules: [], variants: [], variantsUntil: "", ...fields });
const variant = (target: string, weight: string) => ({ ...emptyVariant(weight), target });

describe("targeting rules", () => {
  it("sends each condition set, normalised as the API stores it, and leaves out the empty ones", () => {
    const from = instantToLocal("2027-01-01T08:00:00Z");
    const rules = rulesOf([
      rule({
        target: " https://e.com/de ",
        device: ["tablet", "mobile"],
        country: "at, de de",
        language: "DE pt-BR",
        referrerHost: "T.co",
        query: [
          { name: " ref ", match: "equals", value: "news" },
          { name: "beta", match: "present", value: "ignored" },
        ],
        from,
      }),
      rule({ os: ["ios"] }),
    ]);
    expect(rules).toEqual([
      {
        target: "https://e.com/de",
        when: {
          device: ["mobile", "tablet"],
          country: ["AT", "DE"],
          language: ["de", "pt-br"],
          query: { ref: "news", beta: null },
          referrerHost: ["t.co"],
          from: "2027-01-01T08:00:00.000Z",
        },
      },
      { target: "https://e.com/a", when: { os: ["ios"] } },
    ]);
  });

  it("loads a link's rules into the editor and back unchanged", () => {
    const api = [
      {
        when: { browser: ["firefox" as const], query: { ref: "", beta: null }, until: "2027-02-01T00:00:00Z" },
        target: "https://e.com/b",
      },
    ];
    const form = rulesFormFrom(api);
    expect(form[0]).toMatchObject({
      browser: ["firefox"],
      query: [
        { name: "ref", match: "equals", value: "" },
        { name: "beta", match: "present", value: "" },
      ],
      until: instantToLocal("2027-02-01T00:00:00Z"),
    });
    expect(rulesOf(form)).toEqual([
      { when: { browser: ["firefox"], query: { ref: "", beta: null }, until: "2027-02-01T00:00:00.000Z" }, target: "https://e.com/b" },
    ]);
  });

  it("tells rules apart by what they say, not how it is typed", () => {
    expect(sameRules([rule({ country: "de,at" })], [rule({ country: "AT DE" })])).toBe(true);
    expect(sameRules([rule({ country: "de" })], [rule({ country: "at" })])).toBe(false);
    expect(sameRules([rule({ os: ["ios"] }), rule({})], [rule({}), rule({ os: ["ios"] })])).toBe(false);
  });

  it("refuses what the API refuses, naming the field it would name", () => {
    const errors = validateRouting(
      routing({
        rules: [
          rule({}),
          rule({
            target: "ftp://e.com",
            country: "DE, Germany",
            language: "de_DE",
            referrerHost: "https://t.co/x",
            from: "2027-01-02T00:00",
            until: "2027-01-01T00:00",
          }),
          rule({
            query: [
              { name: "ref", match: "equals", value: "x".repeat(257) },
              { name: "", match: "present", value: "" },
              { name: "ref", match: "present", value: "" },
            ],
          }),
        ],
      }),
      now,
    );
    expect(errors).toEqual({
      "rules[1].target": expect.any(String),
      "rules[1].when.country": "“GERMANY” is not valid: use two-letter country codes such as DE or US.",
      "rules[1].when.language": expect.any(String),
      "rules[1].when.referrerHost": expect.any(String),
      "rules[1].when.until": "Choose a time after “From”.",
      "rules[2].when.query[0].value": expect.any(String),
      "rules[2].when.query[1].name": "Enter the parameter's name.",
      "rules[2].when.query[2].name": "This rule asks for “ref” twice: keep one.",
    });
    expect(validateRouting(routing({ rules: [rule({ target: "" })] }), now)).toEqual({
      "rules[0].target": "Enter the URL this rule sends visitors to.",
    });
    expect(validateRouting(routing({ rules: [rule({ referrerHost: "news.ycombinator.com [::1]", language: "pt-br" })] }), now)).toEqual({});
    expect(validateRouting(routing({ rules: Array.from({ length: 11 }, () => rule({})) }), now).rules).toBeDefined();
  });

  it("moves a rule up or down", () => {
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
  });

  it("reads lists separated by commas, semicolons or spaces", () => {
    expect(parseList(" de, at;ch  de ")).toEqual(["de", "at", "ch"]);
  });

  it("maps the API's query fields onto the editor's rows", () => {
    const { fields, aliases } = routingFields(
      routing({ rules: [rule({}), rule({ query: [{ name: "a", match: "present", value: "" }, { name: "ref", match: "equals", value: "x" }] })] }),
    );
    expect(fields).toContain("rules[0].when.country");
    expect(fields).toContain("rules[1].when.query[1].value");
    expect(aliases["rules[1].when.query.ref"]).toBe("rules[1].when.query[1].value");
    expect(aliases["rules[1].when.query"]).toBe("rules[1].when.query[0].name");
  });

  it("says each rule in words", () => {
    const at = (instant: string) => `<${instant}>`;
    expect(describeConditions({ device: ["mobile"], country: ["DE"] }, at)).toBe("Device is mobile and country is DE");
    expect(
      describeConditions(
        {
          os: ["ios", "android", "macos"],
          browser: ["samsung"],
          language: ["de"],
          query: { ref: "news", beta: null },
          referrerHost: ["t.co"],
          from: "A",
          until: "B",
        },
        at,
      ),
    ).toBe(
      "OS is iOS, Android or macOS and browser is Samsung Internet and language is de and query has ref=news and query has beta and referrer is t.co (or a subdomain) and from <A> and before <B>",
    );
    expect(describeConditions({}, at)).toBe("Every visit");
  });
});

describe("A/B test", () => {
  it("gives each variant its share of new visitors", () => {
    expect(shares([50, 50])).toEqual([0.5, 0.5]);
    expect(shares([1, 3, 0])).toEqual([0.25, 0.75, 0]);
    expect(shares([0, 0])).toEqual([null, null]);
    expect(shares([Number.NaN, 10])).toEqual([0, 1]);
  });

  it("has 2 to 5 variants, weights 0 to 1000 of which one above 0, and an end in the future", () => {
    const two = [variant("https://e.com/a", "1"), variant("https://e.com/b", "0")];
    expect(validateRouting(routing({ variants: two }), now)).toEqual({});
    expect(validateRouting(routing({ variants: two.slice(0, 1) }), now).variants).toBeDefined();
    expect(validateRouting(routing({ variants: [...two, ...two, ...two] }), now).variants).toBeDefined();
    expect(validateRouting(routing({ variants: [variant("https://e.com/a", "0"), variant("x", "0")] }), now)).toEqual({
      variants: "Give at least one variant a weight above 0.",
      "variants[1].target": expect.any(String),
    });
    expect(Object.keys(validateRouting(routing({ variants: [variant("https://e.com/a", "1001"), variant("https://e.com/b", "-1")] }), now))).toEqual([
      "variants[0].weight",
      "variants[1].weight",
    ]);
    const past = instantToLocal("2026-11-01T00:00:00Z");
    expect(validateRouting(routing({ variants: two, variantsUntil: past }), now).variantsUntil).toBe("Choose a time in the future.");
    // an end that has passed may stay on the link that has it
    expect(validateRouting(routing({ variants: two, variantsUntil: past }), now, past)).toEqual({});
    // without variants the end is not sent, so not checked
    expect(validateRouting(routing({ variantsUntil: past }), now)).toEqual({});
  });
});

describe("rules and variants in the link's body", () => {
  const link: Link = {
    code: "docs",
    domain: "s.example",
    shortUrl: "https://s.example/docs",
    target: "https://example.com/",
    redirectType: 302,
    expiresAt: null,
    title: null,
    tags: [],
    forwardQuery: false,
    rules: [{ when: { country: ["AT", "DE"], language: ["de"] }, target: "https://example.com/de" }],
    variants: [
      { target: "https://example.com/a", weight: 50 },
      { target: "https://example.com/b", weight: 50 },
    ],
    variantsUntil: "2027-01-01T00:00:00Z",
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

  it("creates a link with rules, variants and the test's end", () => {
    const values = {
      ...emptyLinkForm,
      target: "https://e.com",
      rules: [rule({ language: "de" })],
      variants: [variant("https://e.com/a", "30"), variant("https://e.com/b", "70")],
      variantsUntil: instantToLocal("2027-01-01T00:00:00Z"),
    };
    expect(validateLinkForm(values, now, true)).toEqual({});
    expect(createLinkBody(values)).toMatchObject({
      rules: [{ when: { language: ["de"] }, target: "https://e.com/a" }],
      variants: [
        { target: "https://e.com/a", weight: 30 },
        { target: "https://e.com/b", weight: 70 },
      ],
      variantsUntil: "2027-01-01T00:00:00.000Z",
    });
    expect(createLinkBody({ ...values, variants: [] })).not.toHaveProperty("variantsUntil");
  });

  it("patches nothing of them when the editors were left alone, even with the countries retyped", () => {
    const values = linkFormFrom(link);
    expect(updateLinkBody(link, values)).toEqual({});
    expect(updateLinkBody(link, { ...values, rules: [{ ...values.rules[0]!, country: "de at" }] })).toEqual({});
  });

  it("sends all rules when one changed, and null for none", () => {
    const values = linkFormFrom(link);
    const changed = { ...values, rules: [...values.rules, rule({ device: ["mobile"] })] };
    expect(updateLinkBody(link, changed)).toEqual({
      rules: [
        { when: { country: ["AT", "DE"], language: ["de"] }, target: "https://example.com/de" },
        { when: { device: ["mobile"] }, target: "https://e.com/a" },
      ],
    });
    expect(updateLinkBody(link, { ...values, rules: [] })).toEqual({ rules: null });
  });

  it("ends the A/B test with null, and changes its end alone", () => {
    const values = linkFormFrom(link);
    expect(updateLinkBody(link, { ...values, variants: [], variantsUntil: "" })).toEqual({ variants: null });
    expect(updateLinkBody(link, { ...values, variantsUntil: "" })).toEqual({ variantsUntil: null });
    expect(updateLinkBody(link, { ...values, variants: [values.variants[0]!, { ...values.variants[1]!, weight: "25" }] })).toEqual({
      variants: [
        { target: "https://example.com/a", weight: 50 },
        { target: "https://example.com/b", weight: 25 },
      ],
    });
  });

  it("lets an ended test's end stay while other fields change", () => {
    const ended = { ...link, variantsUntil: "2026-11-01T00:00:00Z" };
    expect(validateLinkForm({ ...linkFormFrom(ended), title: "New" }, now, false, ended)).toEqual({});
  });

  it("keeps the variants as loaded", () => {
    expect(variantsFormFrom(link.variants).map((v) => [v.target, v.weight])).toEqual([
      ["https://example.com/a", "50"],
      ["https://example.com/b", "50"],
    ]);
  });
});
