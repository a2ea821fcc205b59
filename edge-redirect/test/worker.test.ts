import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import worker, { type Env } from "../src/index";
import { NOT_FOUND_MAX_AGE } from "../src/pages";
import { issueAccess } from "@smo1/kv-record/access";
import {
  type Click,
  type ClickBatch,
  MAX_BATCH_BYTES,
  MAX_QUERY,
  MAX_REFERRER,
  MAX_USER_AGENT,
  batchBodies,
  retryDelaySeconds,
} from "../src/clicks";
import { DEFAULT_CLICK_POST_TIMEOUT_MS, DEFAULT_ORIGIN_TIMEOUT_MS, wholeNumber } from "../src/settings";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureHeaders } from "../src/signature";
import {
  SALT_KEY_PREFIX,
  SALT_RETRY_MS,
  VISITOR_SALT_PATH,
  canonicalAddress,
  forgetSalts,
  importSalt,
  visitorOf,
  visitorPseudonym,
} from "../src/visitor";

const testEnv = env as unknown as Env;
/** workerd's own fetch, before the tests' spy replaces it: for the real origin that never answers. */
const realFetch = globalThis.fetch;
/** A TCP server on 127.0.0.1 that accepts connections and never answers (test/hanging-origin.ts). */
const hangingOrigin = inject("hangingOrigin");

function record(fields: Record<string, unknown>): string {
  return JSON.stringify({ format: 1, version: 1, status: "active", target: "https://example.com/landing", redirectType: 302, expiresAt: null, forwardQuery: false, ...fields });
}

/** The Worker's env with a queue producer that records what it is given. */
function withRecordingQueue(): { env: Env; sent: Click[] } {
  const sent: Click[] = [];
  const queue = {
    send: async (click: Click) => void sent.push(click),
    sendBatch: async (messages: { body: Click }[]) => void sent.push(...messages.map((message) => message.body)),
  };
  return { env: { ...testEnv, CLICKS: queue as unknown as Queue<Click> }, sent };
}

async function request(path: string, init: RequestInit = {}, bindings: Env = withRecordingQueue().env) {
  const ctx = createExecutionContext();
  const url = path.startsWith("http") ? path : `https://sho.rt${path}`;
  const response = await worker.fetch(new Request(url, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A day's visitor salt as the origin publishes it to KV (64 hex digits). */
const TODAYS_SALT = "5a".repeat(32);
const today = () => new Date().toISOString().slice(0, 10);

let origin: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  // every test starts as a fresh isolate would, with today's salt in KV as the origin puts it there
  forgetSalts();
  await testEnv.LINKS.put(SALT_KEY_PREFIX + today(), TODAYS_SALT);
  origin = vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
    throw new Error("no origin call expected");
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  const keys = await testEnv.LINKS.list();
  await Promise.all(keys.keys.map((key) => testEnv.LINKS.delete(key.name)));
});

describe("redirects from KV", () => {
  it("redirects a hit with the link's redirect type and no origin call", async () => {
    await testEnv.LINKS.put("sho.rt/abc123", record({ redirectType: 307 }));
    const response = await request("/abc123");
    expect(response.status).toBe(307);
    expect(response.headers.get("Location")).toBe("https://example.com/landing");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-SMO1-Source")).toBe("edge");
    expect(await response.text()).toContain('href="https://example.com/landing"');
    expect(origin).not.toHaveBeenCalled();
  });

  it("lets permanent redirects be cached for the configured time", async () => {
    await testEnv.LINKS.put("sho.rt/perm301", record({ redirectType: 301 }));
    const response = await request("/perm301", {}, { ...withRecordingQueue().env, PERMANENT_MAX_AGE: "600" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=600");
  });


  it("says Vary: Accept on the cacheable answers, whose body is HTML or JSON by Accept", async () => {
    await testEnv.LINKS.put("sho.rt/vary301", record({ redirectType: 301 }));
    await testEnv.LINKS.put("sho.rt/vary308", record({ redirectType: 308 }));
    await testEnv.LINKS.put("sho.rt/vary302", record({ redirectType: 302 }));
    for (const path of ["/vary301", "/vary308"]) {
      const html = await request(path);
      const json = await request(path, { headers: { Accept: "application/json" } });
      expect(html.headers.get("Cache-Control"), path).toMatch(/^public, max-age=\d+$/);
      expect(html.headers.get("Vary"), path).toBe("Accept");
      expect(json.headers.get("Vary"), path).toBe("Accept");
      expect(html.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(await json.json()).toEqual({ target: "https://example.com/landing", redirectType: Number(path.slice(5)) });
    }
    const cachedNotFound = await request("/ab", { headers: { Accept: "application/json" } });
    expect(cachedNotFound.headers.get("Cache-Control")).toBe(`public, max-age=${NOT_FOUND_MAX_AGE}`);
    expect(cachedNotFound.headers.get("Vary")).toBe("Accept");
    // no-store answers are kept by no cache: no Vary
    expect((await request("/vary302")).headers.get("Vary")).toBeNull();
  });

  it("forwards the query string when the link asks for it, and only then", async () => {
    await testEnv.LINKS.put("sho.rt/fwd", record({ target: "https://example.com/p?ref=1", forwardQuery: true }));
    await testEnv.LINKS.put("sho.rt/nofwd", record({ target: "https://example.com/p?ref=1" }));
    expect((await request("/fwd?utm_source=mail&x=%20")).headers.get("Location")).toBe("https://example.com/p?ref=1&utm_source=mail&x=%20");
    expect((await request("/nofwd?utm_source=mail")).headers.get("Location")).toBe("https://example.com/p?ref=1");
  });

  it("answers 410 for a disabled link", async () => {
    await testEnv.LINKS.put("sho.rt/off", JSON.stringify({ format: 1, version: 4, status: "disabled" }));
    const response = await request("/off", { headers: { Accept: "application/json" } });
    expect(response.status).toBe(410);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ code: "link_disabled", message: expect.any(String), field: null });
  });

  it("answers 451 with the abuse page for a link the platform took down, and sends no click", async () => {
    await testEnv.LINKS.put("sho.rt/bad", JSON.stringify({ format: 1, version: 6, status: "blocked" }));
    const json = await request("/bad", { headers: { Accept: "application/json" } });
    expect(json.status).toBe(451);
    expect(json.headers.get("Cache-Control")).toBe("no-store");
    expect(await json.json()).toEqual({ code: "link_blocked", message: expect.stringContaining("abuse"), field: null });
    const page = await request("/bad");
    expect(page.status).toBe(451);
    expect(await page.text()).toContain("Link disabled for abuse");
  });

  it("answers 410 for an expired link, and redirects before its expiry", async () => {
    await testEnv.LINKS.put("sho.rt/past", record({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    await testEnv.LINKS.put("sho.rt/future", record({ expiresAt: new Date(Date.now() + 60_000).toISOString() }));
    const past = await request("/past");
    expect(past.status).toBe(410);
    expect(await past.text()).toContain("expired");
    expect((await request("/future")).status).toBe(302);
  });

  it("answers 404 for codes that cannot exist without asking anyone", async () => {
    for (const path of ["/ab", "/api", "/has.dot", `/${"x".repeat(65)}`, "/a/b"]) {
      const response = await request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("Cache-Control")).toBe(`public, max-age=${NOT_FOUND_MAX_AGE}`);
    }
    expect(origin).not.toHaveBeenCalled();
  });
});

describe("links with targeting rules and an A/B test (format-2 records): routed at the edge", () => {
  const routed = (fields: Record<string, unknown> = {}) =>
    JSON.stringify({
      format: 2,
      version: 3,
      status: "active",
      target: "https://example.com/default",
      redirectType: 301,
      expiresAt: null,
      forwardQuery: false,
      rules: [
        { when: { language: ["de"] }, target: "https://example.com/de" },
        { when: { country: ["FR"] }, target: "https://example.com/fr" },
        { when: { device: ["mobile"] }, target: "https://example.com/mobile" },
      ],
      variants: [
        { target: "https://example.com/a", weight: 1 },
        { target: "https://example.com/b", weight: 1 },
      ],
      variantsUntil: null,
      ...fields,
    });
  const IPHONE =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

  it("sends each visitor where the first matching rule says, never cacheable, without the origin", async () => {
    await testEnv.LINKS.put("sho.rt/routed", routed());
    const german = await request("/routed", { headers: { "Accept-Language": "de-CH, en;q=0.5" } });
    const french = await request("/routed", { cf: { country: "FR" } } as RequestInit);
    const phone = await request("/routed", { headers: { "User-Agent": IPHONE } });
    expect(german.headers.get("Location")).toBe("https://example.com/de");
    expect(french.headers.get("Location")).toBe("https://example.com/fr");
    expect(phone.headers.get("Location")).toBe("https://example.com/mobile");
    for (const response of [german, french, phone]) {
      expect(response.status).toBe(301);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("Vary")).toBeNull();
      expect(response.headers.get("Set-Cookie")).toBeNull();
      expect(response.headers.get("X-SMO1-Source")).toBe("edge");
    }
    expect(origin).not.toHaveBeenCalled();
  });

  it("gives a visitor no rule routes a variant and the cookie that keeps them on it", async () => {
    await testEnv.LINKS.put("sho.rt/routed", routed());
    const first = await request("/routed");
    const cookie = first.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^smo1_variant=[01]; Path=\/routed; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure$/);
    const variant = cookie.slice("smo1_variant=".length, cookie.indexOf(";"));
    const location = variant === "0" ? "https://example.com/a" : "https://example.com/b";
    expect(first.headers.get("Location")).toBe(location);
    const again = await request("/routed", { headers: { Cookie: `smo1_variant=${variant}` } });
    expect(again.headers.get("Location")).toBe(location);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(origin).not.toHaveBeenCalled();
  });

  it("records the rule or the variant that sent each visitor in their click, as positions from 1", async () => {
    await testEnv.LINKS.put("sho.rt/routed", routed());
    const { env: bindings, sent } = withRecordingQueue();
    await request("/routed", { cf: { country: "FR" } } as RequestInit, bindings);
    await request("/routed", { headers: { Cookie: "smo1_variant=1" } }, bindings);
    await request("/routed?qr=1", { headers: { "Accept-Language": "de" } }, bindings);
    expect((sent as Click[]).map((click) => [click.trigger, click.rule, click.variant])).toEqual([
      ["link", 2, null],
      ["link", null, 2],
      ["qr", 1, null],
    ]);
  });

  it("hides the scan marker from the rules: a rule on the query sees the rest of it", async () => {
    await testEnv.LINKS.put(
      "sho.rt/qrrule",
      routed({ rules: [{ when: { query: { qr: null } }, target: "https://example.com/qr" }], variants: [] }),
    );
    const scanned = await request("/qrrule?qr=1");
    expect(scanned.headers.get("Location")).toBe("https://example.com/default");
    const asked = await request("/qrrule?qr=yes");
    expect(asked.headers.get("Location")).toBe("https://example.com/qr");
  });

  it("asks the origin for a format-2 record it cannot fully read", async () => {
    origin.mockResolvedValue(new Response(null, { status: 302, headers: { Location: "https://example.com/o" } }));
    await testEnv.LINKS.put("sho.rt/oddrule", routed({ rules: [{ when: { colour: ["red"] }, target: "https://example.com/x" }] }));
    const response = await request("/oddrule");
    expect(response.headers.get("X-SMO1-Source")).toBe("origin");
  });
});

describe("link options from format-2 records: UTM, fallbacks, previews, origin-only links", () => {
  function withOptions(fields: Record<string, unknown>): string {
    return JSON.stringify({ format: 2, version: 3, status: "active", target: "https://example.com/post", redirectType: 302, expiresAt: null, forwardQuery: false, ...fields });
  }
  const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
  const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  const preview = { title: "Our <launch>", description: "Fast links", image: "https://example.com/card.png" };

  it("merges the link's UTM into the location, without the origin", async () => {
    await testEnv.LINKS.put("sho.rt/utm1", withOptions({ target: "https://example.com/p?utm_source=old", utm: { source: "news", campaign: "q4" } }));
    const response = await request("/utm1");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("https://example.com/p?utm_source=news&utm_campaign=q4");
    expect(origin).not.toHaveBeenCalled();
  });

  it("sends visitors of an expired or disabled link to its fallback, with a redirect no one keeps and no click", async () => {
    const { env: bindings, sent } = withRecordingQueue();
    await testEnv.LINKS.put("sho.rt/over1", withOptions({ redirectType: 301, expiresAt: new Date(Date.now() - 1000).toISOString(), expiredUrl: "https://example.com/next" }));
    await testEnv.LINKS.put("sho.rt/off3", JSON.stringify({ format: 2, version: 5, status: "disabled", expiredUrl: "https://example.com/paused" }));
    const cases: [string, string][] = [
      ["/over1", "https://example.com/next"],
      ["/off3", "https://example.com/paused"],
    ];
    for (const [path, location] of cases) {
      const response = await request(path, {}, bindings);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(location);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
    expect(sent).toHaveLength(0);
    expect(origin).not.toHaveBeenCalled();
  });

  it("gives a link-preview bot the preview page, flagged in its click, and a browser the redirect", async () => {
    const { env: bindings, sent } = withRecordingQueue();
    await testEnv.LINKS.put("sho.rt/card1", withOptions({ preview, utm: { medium: "social" } }));
    const bot = await request("/card1", { headers: { "User-Agent": SLACKBOT } }, bindings);
    expect(bot.status).toBe(200);
    expect(bot.headers.get("Cache-Control")).toBe("no-store");
    const page = await bot.text();
    expect(page).toContain('<meta property="og:title" content="Our &lt;launch&gt;">');
    expect(page).toContain('<a href="https://example.com/post?utm_medium=social">');
    const browser = await request("/card1", { headers: { "User-Agent": FIREFOX } }, bindings);
    expect(browser.status).toBe(302);
    expect(browser.headers.get("Location")).toBe("https://example.com/post?utm_medium=social");
    expect(sent.map((click) => click.userAgent)).toEqual([SLACKBOT, FIREFOX]);
    expect(origin).not.toHaveBeenCalled();
  });

  it("asks the origin for every visit of an origin-only link (max visits), bots included", async () => {
    origin.mockImplementation(async () => new Response(null, { status: 302, headers: { Location: "https://example.com/post" } }));
    await testEnv.LINKS.put("sho.rt/max100", withOptions({ originOnly: true, preview }));
    for (const agent of [FIREFOX, SLACKBOT]) {
      const response = await request("/max100", { headers: { "User-Agent": agent } });
      expect(response.headers.get("X-SMO1-Source")).toBe("origin");
    }
    expect(origin).toHaveBeenCalledTimes(2);
  });
});

describe("password-protected links (format-2 records with passwordSince)", () => {
  const since = "2026-11-20T08:30:00.123456Z";
  function locked(fields: Record<string, unknown> = {}): string {
    return JSON.stringify({ format: 2, version: 2, status: "active", target: "https://example.com/private", redirectType: 302, expiresAt: null, forwardQuery: false, passwordSince: since, ...fields });
  }
  const passwordPage = () =>
    new Response("<form method=post>", {
      status: 200,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'none'; form-action 'self'",
      },
    });

  it("sends a visitor without an access cookie to the origin, which asks for the password", async () => {
    origin.mockResolvedValue(passwordPage());
    await testEnv.LINKS.put("sho.rt/locked1", locked());
    const response = await request("/locked1");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-SMO1-Source")).toBe("origin");
    expect(response.headers.get("Content-Security-Policy")).toBe("default-src 'none'; form-action 'self'");
    expect(await response.text()).toBe("<form method=post>");
  });

  it("redirects at the edge a visitor whose access cookie the origin signed for the current password", async () => {
    const { env: bindings, sent } = withRecordingQueue();
    await testEnv.LINKS.put("sho.rt/locked2", locked({ utm: { source: "x" } }));
    const cookie = await issueAccess("test-access-secret", "sho.rt/locked2", Date.parse(since), Date.now());
    const response = await request("/locked2", { headers: { Cookie: `other=1; smo1_access=${cookie}` } }, bindings);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("https://example.com/private?utm_source=x");
    expect(response.headers.get("X-SMO1-Source")).toBe("edge");
    expect(sent).toHaveLength(1);
    expect(origin).not.toHaveBeenCalled();
  });

  it("never lets a shared cache keep a protected link's permanent redirect", async () => {
    await testEnv.LINKS.put("sho.rt/locked5", locked({ redirectType: 301 }));
    const cookie = await issueAccess("test-access-secret", "sho.rt/locked5", Date.parse(since), Date.now());
    const response = await request("/locked5", { headers: { Cookie: `smo1_access=${cookie}` } });
    expect(response.status).toBe(301);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("asks the origin when the cookie is for another link, an older password or another secret, and passes it on", async () => {
    origin.mockImplementation(async () => passwordPage());
    await testEnv.LINKS.put("sho.rt/locked3", locked());
    const cookies = [
      await issueAccess("test-access-secret", "sho.rt/other", Date.parse(since), Date.now()),
      await issueAccess("test-access-secret", "sho.rt/locked3", Date.parse(since) - 1, Date.now()),
      await issueAccess("another-secret", "sho.rt/locked3", Date.parse(since), Date.now()),
    ];
    for (const cookie of cookies) {
      const response = await request("/locked3", { headers: { Cookie: `smo1_access=${cookie}; tracking=abc` } });
      expect(response.headers.get("X-SMO1-Source")).toBe("origin");
    }
    const forwarded = (origin.mock.calls as [URL, RequestInit][]).map(([, init]) => new Headers(init.headers).get("Cookie"));
    expect(forwarded).toEqual(cookies.map((cookie) => `smo1_access=${cookie}`));
  });

  it("passes the password form to the origin, and its cookie and redirect back", async () => {
    origin.mockResolvedValue(
      new Response(null, {
        status: 303,
        headers: { Location: "/locked4?x=1", "Set-Cookie": "smo1_access=1.abc; Path=/locked4; HttpOnly", "Cache-Control": "no-store" },
      }),
    );
    const response = await request("/locked4?x=1", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "password=open+sesame",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/locked4?x=1");
    expect(response.headers.get("Set-Cookie")).toBe("smo1_access=1.abc; Path=/locked4; HttpOnly");
    const [url, init] = origin.mock.calls[0] as [URL, RequestInit];
    expect(String(url)).toBe("http://origin.test/locked4?x=1");
    expect(init.method).toBe("POST");
    expect(new Headers(init.headers).get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(new TextDecoder().decode(init.body as ArrayBuffer)).toBe("password=open+sesame");
  });
});

describe("KV miss or unreadable record: the origin answers", () => {
  it("passes the origin's redirect on for a code KV does not have yet", async () => {
    origin.mockResolvedValue(new Response("moved", { status: 302, headers: { Location: "https://example.com/new", "Cache-Control": "no-store" } }));
    const response = await request("/fresh1?utm_source=x", { headers: { Accept: "text/html", "CF-IPCountry": "NL" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("https://example.com/new");
    expect(response.headers.get("X-SMO1-Source")).toBe("origin");
    const [url, init] = origin.mock.calls[0] as [URL, RequestInit];
    expect(String(url)).toBe("http://origin.test/fresh1?utm_source=x");
    expect(init.redirect).toBe("manual");
    expect(new Headers(init.headers).get("CF-IPCountry")).toBe("NL");
  });

  it("gives the origin what its targeting rules read, and passes its variant cookie back", async () => {
    origin.mockResolvedValue(
      new Response(null, {
        status: 301,
        headers: {
          Location: "https://example.com/b",
          "Cache-Control": "no-store",
          "Set-Cookie": "smo1_variant=1; Path=/routed; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure",
        },
      }),
    );
    const response = await request("/routed", {
      headers: { "Accept-Language": "de-DE,de;q=0.9", Cookie: "session=secret; smo1_variant=1; other=x" },
    });
    const sent = new Headers((origin.mock.calls[0] as [URL, RequestInit])[1].headers);
    expect(sent.get("Accept-Language")).toBe("de-DE,de;q=0.9");
    expect(sent.get("Cookie")).toBe("smo1_variant=1");
    expect(response.headers.get("Set-Cookie")).toBe(
      "smo1_variant=1; Path=/routed; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure",
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("tells the origin Cloudflare's country for the visitor when no CF-IPCountry header came", async () => {
    origin.mockResolvedValue(new Response(null, { status: 302, headers: { Location: "https://example.com/" } }));
    await request("/cfcountry", { cf: { country: "DE" } } as RequestInit);
    await request("/cfheader", { headers: { "CF-IPCountry": "NL" }, cf: { country: "DE" } } as RequestInit);
    const sent = (i: number) => new Headers((origin.mock.calls[i] as [URL, RequestInit])[1].headers);
    expect(sent(0).get("CF-IPCountry")).toBe("DE");
    expect(sent(1).get("CF-IPCountry")).toBe("NL");
  });

  it("sends the origin no cookie but a well-formed variant cookie", async () => {
    origin.mockResolvedValue(new Response(null, { status: 302, headers: { Location: "https://example.com/" } }));
    await request("/nocookie", { headers: { Cookie: "session=secret; smo1_variant=../x" } });
    const sent = new Headers((origin.mock.calls[0] as [URL, RequestInit])[1].headers);
    expect(sent.get("Cookie")).toBeNull();
  });

  it("tells the origin the visitor's address from CF-Connecting-IP, never from X-Forwarded-For", async () => {
    origin.mockResolvedValue(new Response(null, { status: 302, headers: { Location: "https://example.com/new" } }));
    await request("/addr01", { headers: { "CF-Connecting-IP": "203.0.113.9", "X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2" } });
    const sent = new Headers((origin.mock.calls[0] as [URL, RequestInit])[1].headers);
    expect(sent.get("CF-Connecting-IP")).toBe("203.0.113.9");
    expect(sent.get("X-Real-IP")).toBe("203.0.113.9");
    expect(sent.get("X-Forwarded-For")).toBeNull();
  });

  it("passes a 404 from the origin on, cacheable for a few seconds only, varying by Accept", async () => {
    origin.mockResolvedValue(new Response("nope", { status: 404, headers: { "Cache-Control": "no-store" } }));
    const response = await request("/unknown1");
    expect(response.status).toBe(404);
    expect(response.headers.get("Cache-Control")).toBe(`public, max-age=${NOT_FOUND_MAX_AGE}`);
    expect(response.headers.get("Vary")).toBe("Accept");
  });

  it("adds Accept to the Vary of the origin's cacheable redirects, keeping what the origin varies on", async () => {
    origin.mockImplementation(async (input: RequestInfo | URL) =>
      String(input).includes("/orig301")
        ? new Response(null, { status: 301, headers: { Location: "https://example.com/p", "Cache-Control": "public, max-age=3600", Vary: "Accept-Encoding" } })
        : new Response(null, { status: 307, headers: { Location: "https://example.com/t", "Cache-Control": "no-store" } }),
    );
    const permanent = await request("/orig301");
    expect(permanent.headers.get("Cache-Control")).toBe("public, max-age=3600");
    expect(permanent.headers.get("Vary")).toBe("Accept-Encoding, Accept");
    expect((await request("/orig307")).headers.get("Vary")).toBeNull();
  });

  it("refuses a record of a format it does not know and asks the origin", async () => {
    await testEnv.LINKS.put("sho.rt/newfmt", JSON.stringify({ format: 2, version: 1, status: "active", target: "https://wrong.example/" }));
    origin.mockResolvedValue(new Response(null, { status: 301, headers: { Location: "https://example.com/right" } }));
    const response = await request("/newfmt");
    expect(response.headers.get("Location")).toBe("https://example.com/right");
    expect(origin).toHaveBeenCalledOnce();
  });

  it("asks the origin when the KV read fails, instead of answering 500", async () => {
    const failingKv = {
      get: async () => {
        throw new Error("KV GET failed: 503 Service Unavailable");
      },
    } as unknown as KVNamespace;
    origin.mockResolvedValue(new Response(null, { status: 302, headers: { Location: "https://example.com/from-origin", "Cache-Control": "no-store" } }));
    const { env: bindings, sent } = withRecordingQueue();
    const response = await request("/kvdown1", {}, { ...bindings, LINKS: failingKv });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("https://example.com/from-origin");
    expect(response.headers.get("X-SMO1-Source")).toBe("origin");
    expect(String((origin.mock.calls[0] as [URL])[0])).toBe("http://origin.test/kvdown1");
    expect(sent).toHaveLength(0);
  });

  it("answers 503 when the origin is unreachable or failing", async () => {
    expect((await request("/down01")).status).toBe(503);
    origin.mockResolvedValue(new Response("boom", { status: 500 }));
    const failing = await request("/down02");
    expect(failing.status).toBe(503);
    expect(failing.headers.get("Retry-After")).toBe("5");
  });
});

describe("the negative cache: the origin's 404s remembered briefly", () => {
  // codes unique to this run: the Cache API's entries outlive a test
  const run = crypto.randomUUID().slice(0, 8);
  const notFoundAtOrigin = () =>
    origin.mockImplementation(async () => new Response("nope", { status: 404, headers: { "Cache-Control": "no-store" } }));

  it("asks the origin once for a code it answered 404 for, whatever the query, Accept or method", async () => {
    notFoundAtOrigin();
    const code = `neg1${run}`;
    const first = await request(`/${code}`);
    expect(first.status).toBe(404);
    expect(first.headers.get("X-SMO1-Source")).toBe("origin");
    const answers = [
      await request(`/${code}`),
      await request(`/${code}?utm_source=mail`),
      await request(`/${code}`, { headers: { Accept: "application/json" } }),
      await request(`/${code}`, { method: "HEAD" }),
    ];
    expect(origin).toHaveBeenCalledOnce();
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get("X-SMO1-Source")).toBe("edge");
      expect(answer.headers.get("Cache-Control")).toBe(`public, max-age=${NOT_FOUND_MAX_AGE}`);
      expect(answer.headers.get("Vary")).toBe("Accept");
    }
    const [html, , json, head] = answers as [Response, Response, Response, Response];
    expect(await html.text()).toContain("Link not found");
    expect(await json.json()).toEqual({ code: "not_found", message: "This short link does not exist.", field: null });
    expect(await head.text()).toBe("");
  });

  it("serves a code from KV at once when it gets a record after the origin's 404 (KV is read first)", async () => {
    notFoundAtOrigin();
    const code = `neg2${run}`;
    expect((await request(`/${code}`)).status).toBe(404);
    await testEnv.LINKS.put(`sho.rt/${code}`, record({}));
    const { env: bindings, sent } = withRecordingQueue();
    const response = await request(`/${code}`, {}, bindings);
    expect(response.status).toBe(302);
    expect(response.headers.get("X-SMO1-Source")).toBe("edge");
    expect(sent).toHaveLength(1);
    expect(origin).toHaveBeenCalledOnce();
  });

  it("asks the origin again once NOT_FOUND_CACHE_SECONDS have passed", async () => {
    notFoundAtOrigin();
    const code = `neg3${run}`;
    const bindings: Env = { ...withRecordingQueue().env, NOT_FOUND_CACHE_SECONDS: "1" };
    await request(`/${code}`, {}, bindings);
    await request(`/${code}`, {}, bindings);
    expect(origin).toHaveBeenCalledOnce();
    await vi.waitFor(
      async () => {
        await request(`/${code}`, {}, bindings);
        expect(origin).toHaveBeenCalledTimes(2);
      },
      { timeout: 4000, interval: 250 },
    );
  });

  it("remembers nothing with NOT_FOUND_CACHE_SECONDS 0, and only the origin's 404s otherwise", async () => {
    notFoundAtOrigin();
    const off: Env = { ...withRecordingQueue().env, NOT_FOUND_CACHE_SECONDS: "0" };
    await request(`/neg4${run}`, {}, off);
    await request(`/neg4${run}`, {}, off);
    expect(origin).toHaveBeenCalledTimes(2);
    origin.mockReset();
    for (const status of [410, 429, 503]) {
      origin.mockImplementation(async () => new Response(null, { status, headers: { "Cache-Control": "no-store" } }));
      await request(`/neg${status}${run}`);
      await request(`/neg${status}${run}`);
    }
    expect(origin).toHaveBeenCalledTimes(6);
  });

  it("keys the entry by domain and code: another code, or the same code on another domain, asks the origin", async () => {
    notFoundAtOrigin();
    await request(`/neg5${run}`);
    await request(`/neg6${run}`);
    await request(`https://other.example/neg5${run}`);
    expect(origin).toHaveBeenCalledTimes(3);
  });
});

describe("custom domains (decision 0028): each host name its own links", () => {
  const answering = (status: number, location?: string) =>
    origin.mockImplementation(
      async () => new Response(null, { status, headers: location ? { Location: location, "Cache-Control": "no-store" } : {} }),
    );
  const sent = (i: number) => {
    const [url, init] = origin.mock.calls[i] as [URL, RequestInit];
    return { path: new URL(url).pathname, domain: new Headers(init.headers).get("X-SMO1-Domain") };
  };

  it("reads a custom domain's links under its own name, at the edge", async () => {
    await testEnv.LINKS.put("go.shop.test/promo", record({ target: "https://example.com/promo" }));
    const response = await request("https://go.shop.test/promo");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("https://example.com/promo");
    expect(response.headers.get("X-SMO1-Source")).toBe("edge");
    expect(origin).not.toHaveBeenCalled();
  });

  it("asks the origin, naming the domain, for a code the domain's KV has not, never another domain's record", async () => {
    await testEnv.LINKS.put("sho.rt/plain", record({ target: "https://example.com/plain" }));
    answering(302, "https://shop.example/404");
    const response = await request("https://go.shop.test/plain");
    expect(response.headers.get("Location")).toBe("https://shop.example/404");
    expect(sent(0)).toEqual({ path: "/plain", domain: "go.shop.test" });
    // the default domain's misses name it too; an address reads the default domain's links
    await request("/missing");
    expect(sent(1)).toEqual({ path: "/missing", domain: "sho.rt" });
    await request("https://GO.Shop.test./other");
    expect(sent(2)).toEqual({ path: "/other", domain: "go.shop.test" });
    const local = await request("http://127.0.0.1/plain");
    expect(local.headers.get("Location")).toBe("https://example.com/plain");
    expect(origin).toHaveBeenCalledTimes(3);
  });

  it("asks the origin for a custom domain's root and for its gone links without a fallback of their own", async () => {
    answering(302, "https://shop.example/");
    expect((await request("https://go.shop.test/")).headers.get("Location")).toBe("https://shop.example/");
    expect(sent(0)).toEqual({ path: "/", domain: "go.shop.test" });
    const disabled = JSON.stringify({ format: 1, version: 4, status: "disabled" });
    await testEnv.LINKS.put("go.shop.test/off", disabled);
    await testEnv.LINKS.put("sho.rt/off", disabled);
    answering(302, "https://shop.example/over");
    expect((await request("https://go.shop.test/off")).headers.get("Location")).toBe("https://shop.example/over");
    expect(sent(1)).toEqual({ path: "/off", domain: "go.shop.test" });
    // the default domain's root and gone links are the edge's to answer
    expect((await request("/")).status).toBe(404);
    expect((await request("/off")).status).toBe(410);
    expect(origin).toHaveBeenCalledTimes(2);
  });
});

describe("clicks", () => {
  it("enqueues one click per redirect answered from KV, with edge fields and no raw address", async () => {
    await testEnv.LINKS.put("sho.rt/clicked", record({}));
    const { env: bindings, sent } = withRecordingQueue();
    const init = { headers: { "User-Agent": "UA/1", Referer: "https://news.example/", "CF-Connecting-IP": "203.0.113.9" } };
    await request("/clicked?utm_source=news", init, bindings);
    await request("/clicked", init, bindings);
    expect(sent).toHaveLength(2);
    const [first, second] = sent as [Click, Click];
    expect(first).toMatchObject({ domain: "sho.rt", code: "clicked", source: "edge", referrer: "https://news.example/", userAgent: "UA/1", query: "?utm_source=news" });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.id).not.toBe(second.id);
    expect(first.visitor).toMatch(/^[0-9a-f]{32}$/);
    expect(first.visitor).toBe(second.visitor);
    expect(JSON.stringify(first)).not.toContain("203.0.113.9");
  });

  it("enqueues the clicks of redirects answered together in one sendBatch, and a failed enqueue fails no redirect", async () => {
    await testEnv.LINKS.put("sho.rt/together", record({}));
    const batches: number[] = [];
    const queue = {
      send: async () => {
        throw new Error("send is not used: clicks go in batches");
      },
      sendBatch: async (messages: { body: Click }[]) => {
        batches.push(messages.length);
        if (batches.length === 2) throw new Error("queue unavailable");
      },
    };
    const bindings: Env = { ...testEnv, CLICKS: queue as unknown as Queue<Click> };
    const visit = async () => {
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request("https://sho.rt/together"), bindings, ctx);
      return { response, done: waitOnExecutionContext(ctx) };
    };
    const together = await Promise.all([visit(), visit(), visit(), visit(), visit()]);
    await Promise.all(together.map((visited) => visited.done));
    expect(together.map((visited) => visited.response.status)).toEqual([302, 302, 302, 302, 302]);
    expect(batches).toEqual([5]);

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const alone = await visit();
    await alone.done;
    expect(alone.response.status).toBe(302);
    expect(batches).toEqual([5, 1]);
    expect(String(errors.mock.calls[0]?.[0])).toContain("click enqueue failed");
    errors.mockRestore();
  });

  it("takes the QR code's scan marker out of the forwarded query and counts the visit as a scan", async () => {
    await testEnv.LINKS.put("sho.rt/scanned", record({ forwardQuery: true, target: "https://example.com/p?x=1" }));
    const { env: bindings, sent } = withRecordingQueue();
    const scanned = await request("/scanned?qr=1&utm_source=poster", {}, bindings);
    const followed = await request("/scanned?qr=2", {}, bindings);
    expect(scanned.headers.get("Location")).toBe("https://example.com/p?x=1&utm_source=poster");
    expect(followed.headers.get("Location")).toBe("https://example.com/p?x=1&qr=2");
    const [scan, follow] = sent as [Click, Click];
    expect(scan).toMatchObject({ trigger: "qr", rule: null, variant: null, query: "?utm_source=poster" });
    expect(follow).toMatchObject({ trigger: "link", query: "?qr=2" });
  });

  it("answers HEAD with GET's status and headers, no body, and no click", async () => {
    await testEnv.LINKS.put("sho.rt/headme", record({ redirectType: 308 }));
    const { env: bindings, sent } = withRecordingQueue();
    const get = await request("/headme", {}, bindings);
    expect(sent).toHaveLength(1);
    const head = await request("/headme", { method: "HEAD" }, bindings);
    expect(head.status).toBe(308);
    expect([...head.headers]).toEqual([...get.headers]);
    expect(await head.text()).toBe("");
    expect(sent).toHaveLength(1);
  });

  it("without a queue, posts no click for a HEAD either", async () => {
    await testEnv.LINKS.put("sho.rt/headdirect", record({}));
    const bindings: Env = { ...testEnv, CLICKS: undefined };
    const ctx = createExecutionContext();
    const head = await worker.fetch(new Request("https://sho.rt/headdirect", { method: "HEAD" }), bindings, ctx);
    await waitOnExecutionContext(ctx);
    expect(head.status).toBe(302);
    expect(origin).not.toHaveBeenCalled();
  });

  it("makes the visitor pseudonym from CF-Connecting-IP, not from X-Forwarded-For", async () => {
    await testEnv.LINKS.put("sho.rt/whois", record({}));
    const { env: bindings, sent } = withRecordingQueue();
    const visit = (connecting: string, forwarded: string) =>
      request("/whois", { headers: { "User-Agent": "UA/1", "CF-Connecting-IP": connecting, "X-Forwarded-For": forwarded } }, bindings);
    await visit("203.0.113.9", "198.51.100.1");
    await visit("203.0.113.9", "198.51.100.2");
    await visit("203.0.113.10", "198.51.100.1");
    const [first, second, third] = sent as [Click, Click, Click];
    const salt = await importSalt(TODAYS_SALT);
    expect(first.visitor).toBe(await visitorPseudonym(salt, first.at.slice(0, 10), "203.0.113.9", "UA/1"));
    expect(second.visitor).toBe(first.visitor);
    expect(third.visitor).not.toBe(first.visitor);
  });

  it("cuts texts to what the origin accepts instead of losing the click", async () => {
    await testEnv.LINKS.put("sho.rt/longua", record({}));
    const { env: bindings, sent } = withRecordingQueue();
    await request(`/longua?q=${"x".repeat(3000)}`, { headers: { "User-Agent": "U".repeat(1000), Referer: `https://r.example/${"p".repeat(3000)}` } }, bindings);
    const click = sent[0] as Click;
    expect(click.userAgent).toHaveLength(MAX_USER_AGENT);
    expect(click.referrer).toHaveLength(MAX_REFERRER);
    expect(click.query).toHaveLength(MAX_QUERY);
  });

  it("records no click for 404, 410 or origin-answered requests", async () => {
    await testEnv.LINKS.put("sho.rt/off2", JSON.stringify({ format: 1, version: 2, status: "disabled" }));
    origin.mockResolvedValue(new Response(null, { status: 302, headers: { Location: "https://example.com/" } }));
    const { env: bindings, sent } = withRecordingQueue();
    await request("/off2", {}, bindings);
    await request("/nothere", {}, bindings);
    await request("/ab", {}, bindings);
    expect(sent).toHaveLength(0);
  });

  it("without a queue, posts clicks to the origin in signed batches", async () => {
    await testEnv.LINKS.put("sho.rt/direct", record({}));
    const posts: Request[] = [];
    origin.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      posts.push(new Request(input, init));
      return new Response(null, { status: 202 });
    });
    const bindings: Env = { ...testEnv, CLICKS: undefined };
    const ctx = createExecutionContext();
    for (let i = 0; i < 3; i++) {
      await worker.fetch(new Request("https://sho.rt/direct"), bindings, ctx);
    }
    await waitOnExecutionContext(ctx);
    expect(posts).toHaveLength(1);
    const post = posts[0] as Request;
    expect(post.url).toBe("http://origin.test/internal/clicks");
    const body = await post.text();
    expect((JSON.parse(body) as ClickBatch).clicks).toHaveLength(3);
    const timestamp = post.headers.get(TIMESTAMP_HEADER) as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(10);
    const expected = await signatureHeaders("test-secret", body, Number(timestamp));
    expect(post.headers.get(SIGNATURE_HEADER)).toBe(expected[SIGNATURE_HEADER]);
  });
});

describe("the clicks queue consumer", () => {
  function click(id: string): Click {
    return { id, domain: "sho.rt", code: "abc123", at: "2026-11-25T12:00:00.000Z", source: "edge", country: "NL", colo: "AMS", referrer: null, userAgent: "UA/1", query: "", visitor: "0".repeat(32) };
  }
  function batchOf(ids: string[], attempts = 1) {
    return createMessageBatch<Click>("smo1-clicks", ids.map((id, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body: click(id) })));
  }

  it("acknowledges the batch once the origin accepted it", async () => {
    origin.mockResolvedValue(new Response(null, { status: 202 }));
    const batch = batchOf(["c1", "c2"]);
    const ctx = createExecutionContext();
    await worker.queue(batch, testEnv, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(true);
    expect(result.retryBatch.retry).toBe(false);
    const [, init] = origin.mock.calls[0] as [URL, RequestInit];
    expect((JSON.parse(String(init.body)) as ClickBatch).clicks.map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("retries the batch with backoff when the origin fails or refuses it", async () => {
    for (const [answer, attempts] of [
      [new Response(null, { status: 503 }), 1],
      [new Response(null, { status: 401 }), 3],
      [null, 9],
    ] as const) {
      origin.mockImplementation(async () => {
        if (answer === null) throw new Error("connection refused");
        return answer.clone();
      });
      const batch = batchOf(["c1"], attempts);
      const ctx = createExecutionContext();
      await worker.queue(batch, testEnv, ctx);
      const result = await getQueueResult(batch, ctx);
      expect(result.ackAll).toBe(false);
      expect(result.retryBatch.retry).toBe(true);
    }
  });

  it("splits a batch whose clicks would exceed the origin's 512 KiB into posts that fit, all acknowledged", async () => {
    origin.mockResolvedValue(new Response(null, { status: 202 }));
    // every text at its cap, in three-byte characters: about 14 KB a click, 100 of them well over 512 KiB
    const heavy = (id: string): Click => ({
      ...click(id),
      referrer: "€".repeat(MAX_REFERRER),
      userAgent: "€".repeat(MAX_USER_AGENT),
      query: "€".repeat(MAX_QUERY),
    });
    const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const batch = createMessageBatch<Click>(
      "smo1-clicks",
      ids.map((id, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body: heavy(id) })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, testEnv, ctx);
    const result = await getQueueResult(batch, ctx);

    expect(result.ackAll).toBe(true);
    const bodies = (origin.mock.calls as [URL, RequestInit][]).map(([, init]) => String(init.body));
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) {
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect(bodies.flatMap((body) => (JSON.parse(body) as ClickBatch).clicks.map((c) => c.id))).toEqual(ids);
    expect(MAX_BATCH_BYTES).toBe(512 * 1024);
  });

  it("keeps small batches in one body, and puts a click in the next one only when it does not fit", () => {
    expect(batchBodies([click("a"), click("b")])).toHaveLength(1);
    const big: Click = { ...click("x"), query: "q".repeat(MAX_BATCH_BYTES - 400) };
    const bodies = batchBodies([click("a"), big, click("b")]);
    expect(bodies.map((body) => (JSON.parse(body) as ClickBatch).clicks.map((c) => c.id))).toEqual([["a"], ["x"], ["b"]]);
  });

  it("backs off 5 s doubling per attempt, capped at 5 minutes", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 300, 300, 300]);
  });
});

describe("an origin that never answers", () => {
  it("gets the visitor the 503 page with Retry-After once ORIGIN_TIMEOUT_MS has passed", async () => {
    origin.mockImplementation(realFetch);
    const bindings: Env = { ...withRecordingQueue().env, ORIGIN_URL: hangingOrigin, ORIGIN_TIMEOUT_MS: "300" };
    const started = Date.now();
    const html = await request("/stuck01", {}, bindings);
    const json = await request("/stuck01", { headers: { Accept: "application/json" } }, bindings);
    const elapsed = Date.now() - started;
    for (const response of [html, json]) {
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("X-SMO1-Source")).toBe("edge");
    }
    expect(await html.text()).toContain("Try again");
    expect(await json.json()).toMatchObject({ code: "origin_unavailable" });
    expect(elapsed).toBeGreaterThanOrEqual(2 * 300);
    expect(elapsed).toBeLessThan(2 * 300 + 1500);
  });

  it("leaves a click batch to the queue's retry once CLICK_POST_TIMEOUT_MS has passed", async () => {
    origin.mockImplementation(realFetch);
    const bindings: Env = { ...testEnv, ORIGIN_URL: hangingOrigin, CLICK_POST_TIMEOUT_MS: "300" };
    const click: Click = { id: "c-stuck", domain: "sho.rt", code: "abc123", at: "2026-11-25T12:00:00.000Z", source: "edge", country: null, colo: null, referrer: null, userAgent: null, query: "", visitor: "0".repeat(32) };
    const batch = createMessageBatch<Click>("smo1-clicks", [{ id: "m0", timestamp: new Date(), attempts: 2, body: click }]);
    const ctx = createExecutionContext();
    const started = Date.now();
    await worker.queue(batch, bindings, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(Date.now() - started).toBeLessThan(300 + 1500);
    expect(result.ackAll).toBe(false);
    expect(result.retryBatch.retry).toBe(true);
  });

  it("waits 3 s for a redirect and 10 s for a click post unless configured, and ignores nonsense", () => {
    expect([DEFAULT_ORIGIN_TIMEOUT_MS, DEFAULT_CLICK_POST_TIMEOUT_MS]).toEqual([3000, 10_000]);
    expect(wholeNumber(undefined, 3000, 1)).toBe(3000);
    expect(wholeNumber("250", 3000, 1)).toBe(250);
    for (const nonsense of ["", " ", "0", "-5", "1.5", "3s", "1e400"]) {
      expect(wholeNumber(nonsense, 3000, 1), nonsense).toBe(3000);
    }
  });
});

describe("signature", () => {
  it("is HMAC-SHA256 over '<timestamp>.<body>' in lower-case hex (known vector)", async () => {
    // computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    const headers = await signatureHeaders("secret", '{"a":1}', 1700000000.9);
    expect(headers[TIMESTAMP_HEADER]).toBe("1700000000");
    expect(headers[SIGNATURE_HEADER]).toBe(`v1=${KNOWN_SIGNATURE}`);
  });

});

describe("visitor pseudonyms under the day's salt", () => {
  const DAY_ONE = "2030-01-01";
  const DAY_TWO = "2030-01-02";
  const noon = (day: string) => new Date(`${day}T12:00:00Z`);
  const saltAnswer = (day: string, salt: string) =>
    new Response(JSON.stringify({ day, salt, expiresAt: `${day}T00:00:00Z` }), { status: 200, headers: { "Content-Type": "application/json" } });

  it("are the origin's (known vectors, shared with VisitorPseudonymsTest)", async () => {
    // computed independently: printf "visitor|2030-01-01|203.0.113.7|UA/1" |
    //   openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f
    const salt = await importSalt(KNOWN_SALT);
    expect(await visitorPseudonym(salt, DAY_ONE, "203.0.113.7", "UA/1")).toBe(KNOWN_VISITOR);
    // the address in RFC 5952's spelling, whatever the proxy wrote
    expect(await visitorPseudonym(salt, DAY_ONE, "2001:DB8:0:0:0:0:0:7", "UA/1")).toBe(KNOWN_IPV6_VISITOR);
    expect(await visitorPseudonym(salt, DAY_ONE, "2001:db8::7", "UA/1")).toBe(KNOWN_IPV6_VISITOR);
  });

  it("are one visitor's on one day, unrelated on another, and never depend on the signing secret", async () => {
    await testEnv.LINKS.put(SALT_KEY_PREFIX + DAY_ONE, KNOWN_SALT);
    await testEnv.LINKS.put(SALT_KEY_PREFIX + DAY_TWO, "ab".repeat(32));
    const first = await visitorOf(testEnv, noon(DAY_ONE), "203.0.113.7", "UA/1");
    const again = await visitorOf(testEnv, new Date(`${DAY_ONE}T23:59:59Z`), "203.0.113.7", "UA/1");
    const otherSecret = await visitorOf({ ...testEnv, CLICK_SECRET: "another-secret" }, noon(DAY_ONE), "203.0.113.7", "UA/1");
    const nextDay = await visitorOf(testEnv, noon(DAY_TWO), "203.0.113.7", "UA/1");
    expect(first).toBe(KNOWN_VISITOR);
    expect(again).toBe(first);
    expect(otherSecret).toBe(first);
    expect(nextDay).not.toBe(first);
    expect(nextDay).toBe(await visitorPseudonym(await importSalt("ab".repeat(32)), DAY_TWO, "203.0.113.7", "UA/1"));
  });

  it("ask the origin for a salt KV does not have, signed, once per day and isolate", async () => {
    const posts: Request[] = [];
    origin.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      posts.push(new Request(input, init));
      return saltAnswer(DAY_ONE, KNOWN_SALT);
    });
    const first = await visitorOf(testEnv, noon(DAY_ONE), "203.0.113.7", "UA/1");
    const second = await visitorOf(testEnv, new Date(`${DAY_ONE}T18:00:00Z`), "198.51.100.1", "UA/1");
    expect(first).toBe(KNOWN_VISITOR);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(posts).toHaveLength(1);
    const post = posts[0] as Request;
    expect(post.method).toBe("POST");
    expect(post.url).toBe(`http://origin.test${VISITOR_SALT_PATH}`);
    const body = await post.text();
    expect(JSON.parse(body)).toEqual({ day: DAY_ONE });
    const timestamp = post.headers.get(TIMESTAMP_HEADER) as string;
    const expected = await signatureHeaders("test-secret", body, Number(timestamp));
    expect(post.headers.get(SIGNATURE_HEADER)).toBe(expected[SIGNATURE_HEADER]);
  });

  it("give a click a random pseudonym, never one from the address, while no salt can be had, and ask again later", async () => {
    let calls = 0;
    origin.mockImplementation(async () => {
      calls++;
      return calls === 1 ? new Response("down", { status: 503 }) : saltAnswer(DAY_ONE, KNOWN_SALT);
    });
    const at = noon(DAY_ONE);
    const first = await visitorOf(testEnv, at, "203.0.113.7", "UA/1");
    const second = await visitorOf(testEnv, new Date(at.getTime() + 1000), "203.0.113.7", "UA/1");
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
    expect([first, second]).not.toContain(KNOWN_VISITOR);
    expect(calls).toBe(1);
    const later = await visitorOf(testEnv, new Date(at.getTime() + SALT_RETRY_MS + 1), "203.0.113.7", "UA/1");
    expect(calls).toBe(2);
    expect(later).toBe(KNOWN_VISITOR);
  });

  it("refuse an origin answer for another day or with no salt in it", async () => {
    for (const answer of [saltAnswer(DAY_TWO, KNOWN_SALT), saltAnswer(DAY_ONE, "not-a-salt"), new Response("{}", { status: 200 })]) {
      forgetSalts();
      origin.mockResolvedValueOnce(answer);
      expect(await visitorOf(testEnv, noon(DAY_ONE), "203.0.113.7", "UA/1")).not.toBe(KNOWN_VISITOR);
    }
  });

  it("write addresses in one spelling, as the origin does", () => {
    expect(canonicalAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalAddress("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(canonicalAddress("2001:db8:0:1:0:0:0:1")).toBe("2001:db8:0:1::1");
    expect(canonicalAddress("2001:db8:1:2:3:4:5:0")).toBe("2001:db8:1:2:3:4:5:0");
    expect(canonicalAddress("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonicalAddress("fe80:0:0:0:0:0:0:0")).toBe("fe80::");
    expect(canonicalAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(canonicalAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(canonicalAddress("not:an:address")).toBe("not:an:address");
  });
});

const KNOWN_SIGNATURE = "49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";
const KNOWN_SALT = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const KNOWN_VISITOR = "a5270ace3a5c92616ce362b22e3f2330";
const KNOWN_IPV6_VISITOR = "4009581cdb72a9e6e2e239e6da181f19";
