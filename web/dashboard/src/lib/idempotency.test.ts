import { describe, expect, it } from "vitest";
import { IdempotencyKeys, newIdempotencyKey } from "./idempotency";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("Idempotency-Key of the create form", () => {
  it("is a version 4 UUID, also where crypto.randomUUID is missing (plain HTTP)", () => {
    expect(newIdempotencyKey()).toMatch(UUID_V4);
    const withoutRandomUuid = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as Crypto;
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey(withoutRandomUuid)));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });

  it("stays the same while the same request is sent again, and changes with the request", () => {
    let made = 0;
    const keys = new IdempotencyKeys(() => `key-${++made}`);
    const request = { workspace: "acme", body: { target: "https://example.com/", forwardQuery: false } };

    expect(keys.keyFor(request)).toBe("key-1");
    expect(keys.keyFor({ ...request, body: { ...request.body } })).toBe("key-1");
    expect(keys.keyFor({ ...request, body: { ...request.body, alias: "docs" } })).toBe("key-2");
    expect(keys.keyFor({ ...request, workspace: "globex" })).toBe("key-3");
    expect(keys.keyFor(request)).toBe("key-4");
  });
});
