import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import schema from "@smo1/kv-record/schema.json";
import schemaV2 from "@smo1/kv-record/schema-v2.json";
import fixtures from "@smo1/kv-record/fixtures.json";
import { locationFor, readRecord, recordKey } from "@smo1/kv-record";
import { route } from "@smo1/kv-record/rules";

const now = Date.parse(fixtures.now);
const ajv = new Ajv2020({ strict: true, allErrors: true });
// "format": "date-time" is an annotation here; the reader checks the instant itself
ajv.addFormat("date-time", true);
const validateV1 = ajv.compile(schema);
const validateV2 = ajv.compile(schemaV2);

/** The value against the schema of its own format (none for a format this side does not know). */
function validate(record: unknown): boolean {
  const format = (record as { format?: unknown }).format;
  return format === 1 ? validateV1(record) : format === 2 ? validateV2(record) : false;
}

function errors(): string {
  return JSON.stringify(validateV1.errors ?? validateV2.errors);
}

type Read =
  | { kind: "redirect"; status: number; location: string }
  | { kind: "gone"; reason: "disabled" | "expired" }
  | { kind: "fallback"; reason: "disabled" | "expired"; location: string }
  | { kind: "blocked" }
  | { kind: "origin" }
  | { kind: "unreadable" };

/** What the Worker does with a KV value, as the fixtures state it. */
function decide(value: string, request: string): Read {
  const record = readRecord(value);
  if (record === null) return { kind: "unreadable" };
  if (record.status === "blocked") return { kind: "blocked" };
  const gone = (reason: "disabled" | "expired"): Read =>
    record.expiredUrl === null
      ? { kind: "gone", reason }
      : { kind: "fallback", reason, location: record.expiredUrl };
  if (record.status === "disabled") return gone("disabled");
  if (record.expiresAt !== null && now >= record.expiresAt) return gone("expired");
  // no access cookie in these requests: a protected link's visitor is asked for the password there
  if (record.originOnly || record.passwordSince !== null) return { kind: "origin" };
  const url = new URL(request, "https://sho.rt");
  // a routed link's visit as the request line alone tells it: no headers, no cookie, no country
  const target =
    record.routing === null
      ? record.target
      : route(
          record.target,
          record.routing,
          {
            device: null,
            os: null,
            browser: null,
            country: null,
            acceptLanguage: null,
            query: url.search,
            referrer: null,
            at: now,
            variantCookie: null,
          },
          0.5,
        ).target;
  return { kind: "redirect", status: record.redirectType, location: locationFor({ ...record, target }, url.search) };
}

describe("KV link record, formats 1 and 2 (shared fixtures)", () => {
  for (const c of fixtures.written) {
    it(`reads the Java writer's value: ${c.name}`, () => {
      expect(recordKey(c.link.domain, c.link.code)).toBe(c.key);
      expect(decide(c.value, c.request)).toEqual(c.read);
    });
    it(`the written value matches the schema: ${c.name}`, () => {
      expect(validate(JSON.parse(c.value)), errors()).toBe(true);
    });
  }
  for (const c of fixtures.readOnly) {
    it(`refuses or reads as stated: ${c.name}`, () => {
      expect(decide(c.value, "/x")).toEqual(c.read);
    });
    it(`the schema agrees with the reader: ${c.name}`, () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(c.value);
      } catch {
        // not JSON: neither accepts it
      }
      const schemaAccepts = parsed !== null && validate(parsed) && isInstant(parsed);
      expect(schemaAccepts).toBe(c.read.kind !== "unreadable");
    });
  }
});

/** "date-time" is an annotation for ajv here: the instants the reader checks itself. */
function isInstant(record: unknown): boolean {
  const { expiresAt, variantsUntil, passwordSince } = record as {
    expiresAt?: unknown;
    variantsUntil?: unknown;
    passwordSince?: unknown;
  };
  return [expiresAt, variantsUntil, passwordSince].every(
    (value) => value === undefined || value === null || !Number.isNaN(Date.parse(String(value))),
  );
}

describe("query forwarding", () => {
  const target = (t: string) => ({ target: t, forwardQuery: true });
  it("leaves the target alone when the link does not ask for it", () => {
    expect(locationFor({ target: "https://e.com/a", forwardQuery: false }, "?x=1")).toBe("https://e.com/a");
  });
  it("leaves the target alone without a query", () => {
    expect(locationFor(target("https://e.com/a"), "")).toBe("https://e.com/a");
    expect(locationFor(target("https://e.com/a"), "?")).toBe("https://e.com/a");
  });
  it("joins onto a target ending in ? or &", () => {
    expect(locationFor(target("https://e.com/a?"), "?x=1")).toBe("https://e.com/a?x=1");
    expect(locationFor(target("https://e.com/a?k=v&"), "?x=1")).toBe("https://e.com/a?k=v&x=1");
  });
});
