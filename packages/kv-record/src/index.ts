/**
 * The KV link record, formats 1 and 2 (../contract/kv-link-record.v1.schema.json, .v2.schema.json).
 * Format 2 is format 1 with a link's targeting rules and A/B test, UTM, fallback URL, preview and
 * whether the origin must answer (max visits); the node writes it only for links that have any, so a
 * Worker that knows format 1 alone asks the origin for those links and serves the others. The reader is strict: a record it does not fully understand is refused, and the Worker
 * asks the origin instead of redirecting with something it may have misread.
 */

import type { Conditions, Routing } from "./rules";

export type RedirectStatus = 301 | 302 | 307 | 308;

export type LinkRecord =
  | {
      status: "active";
      version: number;
      target: string;
      redirectType: RedirectStatus;
      expiresAt: number | null; // epoch milliseconds
      forwardQuery: boolean;
      // format 2 only, each null when the link has none
      routing: Routing | null;
      utm: Utm | null;
      expiredUrl: string | null;
      preview: Preview | null;
      passwordSince: number | null; // epoch milliseconds: when the link's password was set
      originOnly: boolean;
    }
  | { status: "disabled"; version: number; expiredUrl: string | null }
  // taken down by the platform (decision 0034): 451 everywhere, never a fallback
  | { status: "blocked"; version: number };

/** What link-preview bots get instead of a redirect (previewPage). */
export type Preview = { title: string; description: string | null; image: string | null };

const ACTIVE_FIELDS = new Set([
  "format",
  "version",
  "status",
  "target",
  "redirectType",
  "expiresAt",
  "forwardQuery",
]);
const DISABLED_FIELDS = new Set(["format", "version", "status"]);
const DISABLED_FIELDS_V2 = new Set(["format", "version", "status", "expiredUrl"]);
const ROUTING_FIELDS = ["rules", "variants", "variantsUntil"];
const OPTION_FIELDS = ["utm", "expiredUrl", "preview", "passwordSince", "originOnly"];
const ACTIVE_FIELDS_V2 = new Set([...ACTIVE_FIELDS, ...ROUTING_FIELDS, ...OPTION_FIELDS]);
const UTM_FIELDS = new Set(["source", "medium", "campaign", "term", "content"]);
const PREVIEW_FIELDS = new Set(["title", "description", "image"]);
const CONDITION_LISTS = ["device", "os", "browser", "country", "language", "referrerHost"];
const CONDITIONS = new Set([...CONDITION_LISTS, "query", "from", "until"]);
const REDIRECT_TYPES = new Set([301, 302, 307, 308]);
// RFC 3339 / ISO-8601 in UTC, as java.time.Instant#toString writes it
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** The record the value holds, or null when it is not a record of format 1 or 2 this reader understands. */
export function readRecord(value: string): LinkRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return null;
  }
  const r = parsed as Record<string, unknown>;
  if ((r.format !== 1 && r.format !== 2) || !Number.isSafeInteger(r.version) || (r.version as number) < 1) {
    return null;
  }
  const version = r.version as number;
  if (r.status === "blocked") {
    return r.format === 1 && onlyFields(r, DISABLED_FIELDS) ? { status: "blocked", version } : null;
  }
  if (r.status === "disabled") {
    if (r.format === 1) {
      return onlyFields(r, DISABLED_FIELDS) ? { status: "disabled", version, expiredUrl: null } : null;
    }
    // format 2 for a disabled link: only to carry its fallback
    return onlyFields(r, DISABLED_FIELDS_V2) && sendable(r.expiredUrl)
      ? { status: "disabled", version, expiredUrl: r.expiredUrl as string }
      : null;
  }
  if (r.status !== "active" || !onlyFields(r, r.format === 1 ? ACTIVE_FIELDS : ACTIVE_FIELDS_V2)) {
    return null;
  }
  let routing: Routing | null = null;
  let options: Options = { utm: null, expiredUrl: null, preview: null, passwordSince: null, originOnly: false };
  if (r.format === 2) {
    if (ROUTING_FIELDS.some((field) => field in r)) {
      routing = readRouting(r);
      if (routing === null) {
        return null;
      }
    }
    const read = readOptions(r);
    // a record with nothing of format 2 would be format 1
    if (read === null || (routing === null && !hasAny(read))) {
      return null;
    }
    options = read;
  }
  const { target, redirectType, expiresAt, forwardQuery } = r;
  if (
    typeof target !== "string" ||
    target.length > 2048 ||
    !/^https?:\/\/./.test(target) ||
    sendableTarget(target) === null ||
    typeof redirectType !== "number" ||
    !REDIRECT_TYPES.has(redirectType) ||
    typeof forwardQuery !== "boolean"
  ) {
    return null;
  }
  let expires: number | null = null;
  if (expiresAt !== null) {
    if (typeof expiresAt !== "string" || !INSTANT.test(expiresAt)) {
      return null;
    }
    expires = Date.parse(expiresAt);
    if (Number.isNaN(expires)) {
      return null;
    }
  }
  return {
    status: "active",
    version,
    target,
    redirectType: redirectType as RedirectStatus,
    expiresAt: expires,
    forwardQuery,
    routing,
    ...options,
  };
}

type Options = {
  utm: Utm | null;
  expiredUrl: string | null;
  preview: Preview | null;
  passwordSince: number | null;
  originOnly: boolean;
};

function hasAny(options: Options): boolean {
  return (
    options.utm !== null ||
    options.expiredUrl !== null ||
    options.preview !== null ||
    options.passwordSince !== null ||
    options.originOnly
  );
}

/** A format-2 record's options, or null when any of them is not as the schema says. */
function readOptions(r: Record<string, unknown>): Options | null {
  const options: Options = { utm: null, expiredUrl: null, preview: null, passwordSince: null, originOnly: false };
  if (r.utm !== undefined) {
    const utm = r.utm;
    if (!isObject(utm) || !onlyFields(utm, UTM_FIELDS) || Object.keys(utm).length === 0) {
      return null;
    }
    if (!Object.values(utm).every((value) => text(value, 256))) {
      return null;
    }
    options.utm = utm as Utm;
  }
  if (r.expiredUrl !== undefined) {
    if (!sendable(r.expiredUrl)) {
      return null;
    }
    options.expiredUrl = r.expiredUrl as string;
  }
  if (r.preview !== undefined) {
    const preview = r.preview;
    if (
      !isObject(preview) ||
      !onlyFields(preview, PREVIEW_FIELDS) ||
      !text(preview.title, 200) ||
      (preview.description !== undefined && !text(preview.description, 500)) ||
      (preview.image !== undefined && !sendable(preview.image))
    ) {
      return null;
    }
    options.preview = {
      title: preview.title as string,
      description: (preview.description as string | undefined) ?? null,
      image: (preview.image as string | undefined) ?? null,
    };
  }
  if (r.passwordSince !== undefined) {
    if (!instant(r.passwordSince)) {
      return null;
    }
    options.passwordSince = Date.parse(r.passwordSince as string);
  }
  if (r.originOnly !== undefined) {
    if (r.originOnly !== true) {
      return null;
    }
    options.originOnly = true;
  }
  return options;
}

function text(value: unknown, max: number): boolean {
  return typeof value === "string" && value.length >= 1 && value.length <= max;
}

/** A format-2 record's routing, or null when any part of it is not as the schema says. */
function readRouting(r: Record<string, unknown>): Routing | null {
  const { rules, variants, variantsUntil } = r;
  if (!Array.isArray(rules) || rules.length > 10 || !Array.isArray(variants) || variants.length > 5) {
    return null;
  }
  if (variantsUntil !== null && !instant(variantsUntil)) {
    return null;
  }
  const read: Routing = { rules: [], variants: [], variantsUntil: variantsUntil as string | null };
  for (const rule of rules as unknown[]) {
    if (!isObject(rule) || !onlyFields(rule, RULE_FIELDS) || !sendable(rule.target)) {
      return null;
    }
    const when = conditions(rule.when);
    if (when === null) {
      return null;
    }
    read.rules.push({ when, target: rule.target as string });
  }
  for (const variant of variants as unknown[]) {
    if (
      !isObject(variant) ||
      !onlyFields(variant, VARIANT_FIELDS) ||
      !sendable(variant.target) ||
      !Number.isSafeInteger(variant.weight) ||
      (variant.weight as number) < 0 ||
      (variant.weight as number) > 1000
    ) {
      return null;
    }
    read.variants.push({ target: variant.target as string, weight: variant.weight as number });
  }
  // a record written for a link without routing would be format 1
  return read.rules.length > 0 || read.variants.length > 0 ? read : null;
}

const RULE_FIELDS = new Set(["when", "target"]);
const VARIANT_FIELDS = new Set(["target", "weight"]);

function conditions(value: unknown): Conditions | null {
  if (!isObject(value) || !onlyFields(value, CONDITIONS)) {
    return null;
  }
  const when: Conditions = {};
  for (const name of CONDITION_LISTS) {
    const list = value[name];
    if (list === undefined) {
      continue;
    }
    if (!Array.isArray(list) || list.length > 50 || !list.every((item) => typeof item === "string")) {
      return null;
    }
    (when as Record<string, string[]>)[name] = list as string[];
  }
  if (value.query !== undefined) {
    const query = value.query;
    if (!isObject(query) || !Object.values(query).every((v) => v === null || typeof v === "string")) {
      return null;
    }
    when.query = query as Record<string, string | null>;
  }
  for (const bound of ["from", "until"] as const) {
    if (value[bound] !== undefined) {
      if (!instant(value[bound])) {
        return null;
      }
      when[bound] = value[bound] as string;
    }
  }
  return when;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function instant(value: unknown): boolean {
  return typeof value === "string" && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

function sendable(target: unknown): boolean {
  return (
    typeof target === "string" &&
    target.length <= 2048 &&
    /^https?:\/\/./.test(target) &&
    sendableTarget(target) !== null
  );
}

function onlyFields(r: Record<string, unknown>, allowed: Set<string>): boolean {
  return Object.keys(r).every((key) => allowed.has(key));
}

/** The KV key of a link: the cluster's entity id, '<domain>/<code>'. */
export function recordKey(domain: string, code: string): string {
  return `${domain}/${code}`;
}

const PLAIN = /^[\x21-\x7e]*$/;
const INVALID_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * What a redirect sends for a stored target, or null when no redirect can carry it. The node stores
 * targets as the WHATWG URL standard serialises them (plain ASCII: decision 0017), which go out as
 * they are; a record of a link made before that may hold raw non-ASCII, which goes out as the
 * standard makes it (`new URL(target).href`). A target with an invalid percent escape ('%zz') has no
 * such form: the origin answers 502 for it. The node's TargetUrls.location applies the same rule
 * (shared fixtures: ../contract/fixtures/target-urls.json).
 */
export function sendableTarget(target: string): string | null {
  if (INVALID_ESCAPE.test(target)) {
    return null;
  }
  if (PLAIN.test(target)) {
    return target;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  // whatwg/url#846 (2025) put '^' in the path percent-encode set; runtimes of before (Node 22's Ada
  // 2.9) keep it, and setting the path again encodes nothing else
  if (url.pathname.includes("^")) {
    url.pathname = url.pathname.replaceAll("^", "%5E");
  }
  return url.href;
}

/**
 * Where a redirect sends a visitor: the target as {@link sendableTarget} sends it, with the request's
 * query string (`search`, as the runtime's URL parser serialised it) appended before any fragment
 * when the link asks for it. The record comes from {@link readRecord}, which refuses a target that
 * cannot be sent.
 */
export function locationFor(
  record: { target: string; forwardQuery: boolean; utm?: Utm | null },
  query: string,
): string {
  const sendable = sendableTarget(record.target);
  if (sendable === null) {
    throw new Error("the record's target cannot be sent; readRecord refuses such records");
  }
  const target = record.utm ? mergeUtm(sendable, record.utm) : sendable;
  if (!record.forwardQuery || query === "" || query === "?") {
    return target;
  }
  const extra = query.startsWith("?") ? query.slice(1) : query;
  const hash = target.indexOf("#");
  const base = hash >= 0 ? target.slice(0, hash) : target;
  const fragment = hash >= 0 ? target.slice(hash) : "";
  const joiner = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return base + joiner + extra + fragment;
}

/** A link's UTM parameters, each absent or null when not set. */
export type Utm = { source?: string | null; medium?: string | null; campaign?: string | null; term?: string | null; content?: string | null };

const UTM_NAMES = ["source", "medium", "campaign", "term", "content"] as const;

/**
 * `location` (a sendable target) with the link's UTM parameters merged into its query: each one the
 * link sets replaces any of that name in the target, and they are appended in a fixed order after
 * the target's other parameters (empty ones dropped), before any fragment, encoded as
 * encodeURIComponent does. The node's UtmMerge does the same (shared fixtures:
 * ../contract/fixtures/utm.json).
 */
export function mergeUtm(location: string, utm: Utm): string {
  const set = UTM_NAMES.filter((name) => typeof utm[name] === "string").map(
    (name) => [`utm_${name}`, encodeURIComponent(utm[name] as string)] as const,
  );
  if (set.length === 0) {
    return location;
  }
  const names = new Set<string>(set.map(([name]) => name));
  const hash = location.indexOf("#");
  const base = hash >= 0 ? location.slice(0, hash) : location;
  const fragment = hash >= 0 ? location.slice(hash) : "";
  const question = base.indexOf("?");
  const path = question >= 0 ? base.slice(0, question) : base;
  const query = question >= 0 ? base.slice(question + 1) : "";
  const kept = query.split("&").filter((part) => {
    const equals = part.indexOf("=");
    return part !== "" && !names.has(equals >= 0 ? part.slice(0, equals) : part);
  });
  return `${path}?${[...kept, ...set.map(([name, value]) => `${name}=${value}`)].join("&")}${fragment}`;
}
