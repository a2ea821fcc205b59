/**
 * SMO1's edge redirect Worker. GET|HEAD /:code reads the link's record from Workers KV and
 * redirects (with its rules, A/B test and UTM; link-preview bots get a link's preview page);
 * disabled or expired links get a 410 page, or a redirect to their fallback URL; links the platform
 * took down get the 451 page (decision 0034); a link whose visits
 * the origin counts (max visits) is the origin's to answer. A KV miss, a KV read that fails, or a record
 * this Worker does not understand, is answered by asking the origin (so a link works before KV has
 * it, and while KV is failing); the origin's 404s are remembered briefly (unknown-codes.ts), so a
 * code that does not exist reaches the origin once per data centre and NOT_FOUND_CACHE_SECONDS.
 * Every GET redirect answered from KV produces a click, delivered to the origin at-least-once (see
 * clicks.ts); a HEAD gets the same status and headers, no body and no click. The QR code's scan
 * marker `qr=1` is taken out of the query first (scan.ts, decision 0027): the click says `qr`, and
 * neither the link's rules nor its target see the marker.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { type Click, type ClickEnv, clickOf, consumeClicks, deliver } from "./clicks";
import {
  BLOCKED,
  DISABLED,
  EXPIRED,
  type Failure,
  NOT_FOUND,
  NOT_FOUND_MAX_AGE,
  UNAVAILABLE,
  failureBody,
  redirectBody,
  wantsJson,
} from "./pages";
import {
  DEFAULT_NOT_FOUND_CACHE_SECONDS,
  DEFAULT_ORIGIN_TIMEOUT_MS,
  DEFAULT_PERMANENT_MAX_AGE,
  wholeNumber,
} from "./settings";
import { isKnownUnknown, rememberUnknown } from "./unknown-codes";
import { type LinkRecord, locationFor, readRecord, recordKey } from "@smo1/kv-record";
import systemWords from "@smo1/kv-record/system-words.json";
import userAgentRules from "@smo1/kv-record/user-agents.json";
import { ACCESS_COOKIE, validAccess } from "@smo1/kv-record/access";
import { previewPage } from "@smo1/kv-record/preview";
import { withoutScanMarker } from "@smo1/kv-record/scan";
import {
  type AgentClass,
  type AgentRules,
  type Routed,
  type Routing,
  classifyAgent,
  route,
} from "@smo1/kv-record/rules";

export type Env = ClickEnv & {
  LINKS: KVNamespace;
  /**
   * The default short domain. A request for it, or for an address or localhost (a local edge),
   * reads that domain's links; a request for any other host name is for a custom domain (decision
   * 0028), whose links are keyed by its own name. Unset: every request's host name is its domain.
   */
  SHORT_DOMAIN?: string;
  /** max-age in seconds for permanent (301, 308) redirects; the origin's default is 3600. */
  PERMANENT_MAX_AGE?: string;
  /** Milliseconds the origin has to answer a KV miss before the visitor gets the 503 page. */
  ORIGIN_TIMEOUT_MS?: string;
  /** Seconds the origin's 404 for a code is remembered at the edge (0: not at all). */
  NOT_FOUND_CACHE_SECONDS?: string;
  /** The origin's SMO1_LINK_ACCESS_SECRET: checks protected links' access cookies (decision 0026). */
  ACCESS_SECRET?: string;
};

const CODE = /^[A-Za-z0-9_-]{3,64}$/;
// the origin's system words (ShortCodes.SYSTEM_WORDS, held to this file by ShortCodesTest): never
// link codes. Page words (the landing, the dashboard, the docs) are looked up: a link made before
// the word was reserved keeps working
const RESERVED: ReadonlySet<string> = new Set(systemWords.words);

type AppContext = Context<{ Bindings: Env }>;

const app = new Hono<{ Bindings: Env }>();

app.get("/:code", async (c) => {
  const code = c.req.param("code");
  const json = wantsJson(c.req.header("Accept") ?? null);
  if (!CODE.test(code) || RESERVED.has(code.toLowerCase())) {
    return fail(c, NOT_FOUND, json, "edge");
  }
  const domain = domainOf(c);
  let value: string | null;
  try {
    value = await c.env.LINKS.get(recordKey(domain, code));
  } catch (error) {
    // KV failing is no reason to fail the visitor: the origin knows every link
    console.error(JSON.stringify({ msg: "KV read failed, asking the origin", domain, code, error: String(error) }));
    value = null;
  }
  const record: LinkRecord | null = value === null ? null : readRecord(value);
  if (record === null) {
    if (value !== null) {
      console.warn(JSON.stringify({ msg: "unreadable KV record, asking the origin", domain, code }));
    } else if (await isKnownUnknown(domain, code)) {
      // the origin said 404 for this code a moment ago (KV, read first, still has no record)
      return fail(c, NOT_FOUND, json, "edge");
    }
    return fromOrigin(c, domain, code, json);
  }
  // a custom domain's gone links without a fallback of their own go where the domain says, which
  // the origin knows
  const custom = isCustom(c, domain);
  if (record.status === "blocked") {
    // taken down by the platform: the same page on every domain, and no fallback
    return fail(c, BLOCKED, json, "edge");
  }
  if (record.status === "disabled") {
    if (record.expiredUrl === null) {
      return custom ? fromOrigin(c, domain, code, json) : fail(c, DISABLED, json, "edge");
    }
    return fallback(c, record.expiredUrl, json);
  }
  const now = new Date();
  if (record.expiresAt !== null && now.getTime() >= record.expiresAt) {
    if (record.expiredUrl === null) {
      return custom ? fromOrigin(c, domain, code, json) : fail(c, EXPIRED, json, "edge");
    }
    return fallback(c, record.expiredUrl, json);
  }
  if (record.originOnly) {
    // the origin counts this link's visits (max visits): only it may let one through
    return fromOrigin(c, domain, code, json);
  }
  if (record.passwordSince !== null && !(await admitted(c, recordKey(domain, code), record.passwordSince, now))) {
    // the origin asks for the password (its page posts it back here, and on to the origin)
    return fromOrigin(c, domain, code, json);
  }
  // the QR code's scan marker is the link's own: neither its rules nor its target see it
  const { search, trigger } = withoutScanMarker(new URL(c.req.url).search);
  // classified only for a link that asks (a preview or rules): plain links skip it
  const agent =
    record.preview !== null || record.routing !== null
      ? classifyAgent(userAgentRules as AgentRules, c.req.header("User-Agent") ?? null)
      : null;
  // a visit is a GET: a HEAD (Hono hands it to this GET route) is a link checker or a preview
  // asking where the link goes, answered alike but never counted (the origin does the same)
  const click = (routed: Routed | null): void => {
    if (c.req.method === "GET") {
      const visited = {
        query: search,
        trigger,
        rule: routed === null || routed.rule === null ? null : routed.rule + 1,
        variant: routed === null || routed.variant === null ? null : routed.variant + 1,
      };
      const made: Promise<Click> = clickOf(c.req.raw, domain, code, visited, c.env, now);
      c.executionCtx.waitUntil(made.then((ready) => deliver(c.env, ready)));
    }
  };
  if (record.preview !== null && agent?.preview) {
    // a link-preview bot gets the card, not the target (its click is flagged as a bot's)
    click(null);
    return previewAnswer(c, previewPage(record.preview, locationFor(record, search)));
  }
  const routed =
    record.routing === null || agent === null
      ? null
      : routeVisit(c, agent, record.routing, record.target, search, now);
  const location = locationFor(routed === null ? record : { ...record, target: routed.target }, search);
  click(routed);
  const permanent = record.redirectType === 301 || record.redirectType === 308;
  const headers = new Headers({
    Location: location,
    // a routed answer is this visitor's alone: nobody may keep it for the next one
    // and so is a protected link's: a shared cache would give it to visitors without the password
    "Cache-Control":
      permanent && routed === null && record.passwordSince === null
        ? `public, max-age=${permanentMaxAge(c.env)}`
        : "no-store",
    "Content-Type": json ? "application/json" : "text/html; charset=utf-8",
    "X-SMO1-Source": "edge",
  });
  if (routed !== null && routed.setVariantCookie && routed.variant !== null) {
    const secure = new URL(c.req.url).protocol === "https:" ? "; Secure" : "";
    headers.set(
      "Set-Cookie",
      `${VARIANT_COOKIE}=${routed.variant}; Path=/${code}; Max-Age=${VARIANT_COOKIE_AGE}; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  varyOnAccept(headers);
  return new Response(c.req.method === "HEAD" ? null : redirectBody(location, record.redirectType, json), {
    status: record.redirectType,
    headers,
  });
});

// a password-protected link's form: the origin checks the password and sets the access cookie
app.post("/:code", async (c) => {
  const code = c.req.param("code");
  const json = wantsJson(c.req.header("Accept") ?? null);
  if (!CODE.test(code) || RESERVED.has(code.toLowerCase())) {
    return fail(c, NOT_FOUND, json, "edge");
  }
  return fromOrigin(c, domainOf(c), code, json);
});

// a custom domain's bare name goes where the domain says, which the origin knows
app.get("/", async (c) => {
  const domain = domainOf(c);
  const json = wantsJson(c.req.header("Accept") ?? null);
  return isCustom(c, domain) ? fromOrigin(c, domain, "", json) : fail(c, NOT_FOUND, json, "edge");
});

app.all("*", (c) => fail(c, NOT_FOUND, wantsJson(c.req.header("Accept") ?? null), "edge"));

/**
 * The domain whose links a request reads: the request's host name, unless it is the default
 * SHORT_DOMAIN's, an address or localhost (a local edge reached by 127.0.0.1), which read
 * SHORT_DOMAIN's.
 */
function domainOf(c: AppContext): string {
  const host = new URL(c.req.url).hostname.toLowerCase().replace(/\.$/, "");
  const short = shortDomain(c);
  if (short === null) {
    return host;
  }
  const local = host === "localhost" || /^[0-9.]+$/.test(host) || host.startsWith("[");
  return local ? short : host;
}

function shortDomain(c: AppContext): string | null {
  return c.env.SHORT_DOMAIN ? c.env.SHORT_DOMAIN.toLowerCase().replace(/\.$/, "") : null;
}

/** Whether `domain` is a custom domain (not the default SHORT_DOMAIN; unset: none is). */
function isCustom(c: AppContext, domain: string): boolean {
  const short = shortDomain(c);
  return short !== null && domain !== short;
}

/**
 * Whether this visitor of a protected link gave its password: an access cookie the origin signed
 * with the shared ACCESS_SECRET for the link's current password (access.ts; the origin's
 * AccessCookies). Without the secret, no one is: the origin answers every visit.
 */
async function admitted(c: AppContext, key: string, since: number, now: Date): Promise<boolean> {
  const secret = c.env.ACCESS_SECRET;
  if (!secret) {
    return false;
  }
  for (const value of cookieValues(c.req.header("Cookie"), ACCESS_COOKIE)) {
    if (await validAccess(secret, value, key, since, now.getTime())) {
      return true;
    }
  }
  return false;
}

/** The values of the cookies named `name` in a Cookie header. */
function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) {
    return [];
  }
  const values: string[] = [];
  for (const pair of header.split(";")) {
    const equals = pair.indexOf("=");
    if (equals > 0 && pair.slice(0, equals).trim() === name) {
      values.push(pair.slice(equals + 1).trim());
    }
  }
  return values;
}

function permanentMaxAge(env: Env): number {
  return wholeNumber(env.PERMANENT_MAX_AGE, DEFAULT_PERMANENT_MAX_AGE);
}

/**
 * Every body here is HTML or JSON by the request's Accept, under the same URL: an answer a cache
 * (the browser's, a proxy's) may keep must say so, or a JSON client could get the cached HTML page
 * or the other way round. Answers that are no-store need no Vary.
 */
function varyOnAccept(headers: Headers): void {
  if (listed(headers.get("Cache-Control"), "no-store")) {
    return;
  }
  const vary = headers.get("Vary");
  if (vary === null) {
    headers.set("Vary", "Accept");
  } else if (!listed(vary, "accept") && !listed(vary, "*")) {
    headers.set("Vary", `${vary}, Accept`);
  }
}

/** Whether a comma-separated header value lists `token` (case-insensitive, parameters ignored). */
function listed(value: string | null, token: string): boolean {
  return (
    value !== null &&
    value.split(",").some((item) => item.split("=")[0]?.trim().toLowerCase() === token)
  );
}

/**
 * A link that has expired or is disabled, with a fallback: its visitors go there, with a redirect no
 * one keeps (the link may be renewed or enabled again any moment); not a visit of the link.
 */
function fallback(c: AppContext, location: string, json: boolean): Response {
  const headers = new Headers({
    Location: location,
    "Cache-Control": "no-store",
    "Content-Type": json ? "application/json" : "text/html; charset=utf-8",
    "X-SMO1-Source": "edge",
  });
  varyOnAccept(headers);
  return new Response(c.req.method === "HEAD" ? null : redirectBody(location, 302, json), { status: 302, headers });
}

/** The preview page for a link-preview bot: for it alone, never indexed or kept. */
function previewAnswer(c: AppContext, page: string): Response {
  return new Response(c.req.method === "HEAD" ? null : page, {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
      // the page loads nothing and runs nothing (the origin's page headers)
      "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "X-SMO1-Source": "edge",
    },
  });
}

function fail(c: AppContext, failure: Failure, json: boolean, source: "edge" | "origin"): Response {
  const headers = new Headers({
    "Content-Type": json ? "application/json" : "text/html; charset=utf-8",
    "Cache-Control": failure.status === 404 ? `public, max-age=${NOT_FOUND_MAX_AGE}` : "no-store",
    "X-Robots-Tag": "noindex",
    "X-SMO1-Source": source,
  });
  if (failure.status === 503) {
    headers.set("Retry-After", "5");
  }
  varyOnAccept(headers);
  return new Response(c.req.method === "HEAD" ? null : failureBody(failure, json), {
    status: failure.status,
    headers,
  });
}

/** The cookie that keeps a visitor on a variant of a link's A/B test (the node's RedirectRoutes). */
const VARIANT_COOKIE = "smo1_variant";
const VARIANT_COOKIE_AGE = 30 * 24 * 3600;

/**
 * Where a visit of a link with targeting rules or an A/B test goes (decision 0023: the node's
 * LinkRouting does the same, held to the same vectors): the visitor's user agent classified by the
 * shared rules, the country Cloudflare gives the request, and its own headers and query.
 */
function routeVisit(
  c: AppContext,
  agent: AgentClass,
  routing: Routing,
  target: string,
  search: string,
  now: Date,
): Routed {
  const cf = (c.req.raw as Request & { cf?: { country?: unknown } }).cf;
  const country = typeof cf?.country === "string" ? cf.country : null;
  return route(
    target,
    routing,
    {
      device: agent.device,
      os: agent.os,
      browser: agent.browser,
      country,
      acceptLanguage: c.req.header("Accept-Language") ?? null,
      query: search,
      referrer: c.req.header("Referer") ?? null,
      at: now.getTime(),
      variantCookie: variantCookie(c.req.header("Cookie")),
    },
    Math.random(),
  );
}

/** The variant cookie's value in a Cookie header, or null. */
export function variantCookie(header: string | undefined): string | null {
  const [value] = cookieValues(header, VARIANT_COOKIE);
  return value !== undefined && /^[0-9]{1,3}$/.test(value) ? value : null;
}

/**
 * Asks the origin's redirect path and passes its answer on; a 404 may be cached briefly by the
 * client and is remembered in the negative cache. An origin that fails, cannot be reached or does
 * not answer within ORIGIN_TIMEOUT_MS gets the visitor a 503 page with Retry-After.
 */
async function fromOrigin(c: AppContext, domain: string, code: string, json: boolean): Promise<Response> {
  const incoming = new URL(c.req.url);
  const url = new URL(`/${code}${incoming.search}`, c.env.ORIGIN_URL);
  const headers = new Headers();
  // the origin's own host is not the visitor's: the domain is named, always (the origin's
  // CustomDomainRoutes never answers another domain's links for it)
  headers.set("X-SMO1-Domain", domain);
  for (const name of ["Accept", "Accept-Language", "User-Agent", "Referer", "CF-IPCountry", "CF-Connecting-IP"]) {
    const value = c.req.header(name);
    if (value !== undefined) {
      headers.set(name, value);
    }
  }
  // the visitor's country as Cloudflare knows it, for the origin's targeting rules (which read
  // CF-IPCountry from a trusted proxy), when the request did not carry the header already
  const country = (c.req.raw as Request & { cf?: { country?: unknown } }).cf?.country;
  if (!headers.has("CF-IPCountry") && typeof country === "string") {
    headers.set("CF-IPCountry", country);
  }
  // the link's A/B test variant (decision 0023) and a protected link's access cookie (decision
  // 0026), for the links the origin answers; no other cookie
  const cookies: string[] = [];
  const variant = variantCookie(c.req.header("Cookie"));
  if (variant !== null) {
    cookies.push(`${VARIANT_COOKIE}=${variant}`);
  }
  for (const value of cookieValues(c.req.header("Cookie"), ACCESS_COOKIE)) {
    if (/^[0-9A-Za-z._-]{1,100}$/.test(value)) {
      cookies.push(`${ACCESS_COOKIE}=${value}`);
    }
  }
  if (cookies.length > 0) {
    headers.set("Cookie", cookies.join("; "));
  }
  // the password form's body, as the visitor posted it
  const form = c.req.method === "POST";
  if (form) {
    const type = c.req.header("Content-Type");
    if (type !== undefined) {
      headers.set("Content-Type", type);
    }
  }
  // The visitor's address, for the origin's click (its visitor pseudonym). Cloudflare decides the
  // CF-Connecting-IP an origin sees: the visitor's for an origin outside Cloudflare, X-Real-IP's
  // value for an origin in the Worker's own zone, the Worker's address for another zone's. Never
  // X-Forwarded-For: a visitor writes that one itself.
  const visitor = c.req.header("CF-Connecting-IP");
  if (visitor !== undefined) {
    headers.set("X-Real-IP", visitor);
  }
  const timeoutMs = wholeNumber(c.env.ORIGIN_TIMEOUT_MS, DEFAULT_ORIGIN_TIMEOUT_MS, 1);
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: c.req.method,
      headers,
      body: form ? await c.req.arrayBuffer() : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const msg = timedOut ? "origin timed out" : "origin unreachable";
    console.error(JSON.stringify({ msg, code, timeoutMs, error: String(error) }));
    return fail(c, UNAVAILABLE, json, "edge");
  }
  if (answer.status >= 500) {
    await answer.body?.cancel();
    return fail(c, UNAVAILABLE, json, "edge");
  }
  const passed = new Headers();
  for (const name of [
    "Location",
    "Cache-Control",
    "Content-Type",
    "Vary",
    "X-Robots-Tag",
    "Set-Cookie",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Retry-After",
  ]) {
    const value = answer.headers.get(name);
    if (value !== null) {
      passed.set(name, value);
    }
  }
  if (answer.status === 404) {
    passed.set("Cache-Control", `public, max-age=${NOT_FOUND_MAX_AGE}`);
    const seconds = wholeNumber(c.env.NOT_FOUND_CACHE_SECONDS, DEFAULT_NOT_FOUND_CACHE_SECONDS);
    c.executionCtx.waitUntil(rememberUnknown(domain, code, seconds));
  }
  passed.set("X-SMO1-Source", "origin");
  varyOnAccept(passed);
  return new Response(c.req.method === "HEAD" ? null : answer.body, {
    status: answer.status,
    headers: passed,
  });
}

// The main module exports only its handlers: workerd treats every export as an entrypoint.
export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, env, ctx),
  queue: (batch: MessageBatch<Click>, env: Env, _ctx: ExecutionContext) => consumeClicks(batch, env),
} satisfies ExportedHandler<Env, Click>;
