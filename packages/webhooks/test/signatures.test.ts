import { afterEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import fixtures from "../contract/signatures.json";

type Case = { name: string; secret: string; id: string; timestamp: number; body: string; signature: string };

const cases = (fixtures as { cases: Case[] }).cases;

function headers(c: Case, signature = c.signature): Record<string, string> {
  return { "webhook-id": c.id, "webhook-timestamp": String(c.timestamp), "webhook-signature": signature };
}

describe("the node's webhook signatures, checked by the Standard Webhooks reference implementation", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(cases.map((c) => [c.name, c] as const))("verifies %s", (_name, c) => {
    // the reference refuses messages older than five minutes: verify at the message's own time
    vi.useFakeTimers({ now: c.timestamp * 1000 });
    const webhook = new Webhook(c.secret);
    expect(webhook.verify(c.body, headers(c))).toEqual(JSON.parse(c.body));
    // and signs alike
    expect(webhook.sign(c.id, new Date(c.timestamp * 1000), c.body)).toBe(c.signature);
  });

  it("refuses a changed body, another secret and a stale timestamp", () => {
    const c = cases[0]!;
    vi.useFakeTimers({ now: c.timestamp * 1000 });
    const webhook = new Webhook(c.secret);
    expect(() => webhook.verify(`${c.body} `, headers(c))).toThrow();
    expect(() => new Webhook(cases[1]!.secret).verify(c.body, headers(c))).toThrow();
    vi.setSystemTime((c.timestamp + 600) * 1000);
    expect(() => webhook.verify(c.body, headers(c))).toThrow();
  });
});
