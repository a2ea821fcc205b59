import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import schema from "@smo1/kv-record/schema.json";
import fixtures from "@smo1/kv-record/fixtures.json";
import { locationFor, readRecord, recordKey } from "@smo1/kv-record";

const now = Date.parse(fixtures.now);
const ajv = new Ajv2020({ strict: true, allErrors: true });
// "format": "date-time" is an annotation here; the reader checks the instant itself
ajv.addFormat("date-time", true);
const validate = ajv.compile(schema);

type Read =
  | { kind: "redirect"; status: number; location: string }
  | { kind: "gone"; reason: "disabled" | "expired" }
  | { kind: "unreadable" };

/** What the Worker does with a KV value, as the fixtures state it. */
function decide(value: string, request: string): Read {
  const record = readRecord(value);
  if (record === null) return { kind: "unreadable" };
  if (record.status === "disabled") return { kind: "gone", reason: "disabled" };
  if (record.expiresAt !== null && now >= record.expiresAt) return { kind: "gone", reason: "expired" };
  const url = new URL(request, "https://sho.rt");
  return { kind: "redirect", status: record.redirectType, location: locationFor(record, url.search) };
}

describe("KV link record, format 1 (shared fixtures)", () => {
  for (const c of fixtures.written) {
    it(`reads the Java writer's value: ${c.name}`, () => {
      expect(recordKey(c.link.domain, c.link.code)).toBe(c.key);
      expect(decide(c.value, c.request)).toEqual(c.read);
    });
    it(`the written value matches the schema: ${c.name}`, () => {
      expect(validate(JSON.parse(c.value)), JSON.stringify(validate.errors)).toBe(true);
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

function isInstant(record: unknown): boolean {
  const expiresAt = (record as { expiresAt?: unknown }).expiresAt;
  return expiresAt === undefined || expiresAt === null || !Number.isNaN(Date.parse(String(expiresAt)));
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
