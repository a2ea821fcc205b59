/**
 * The KV link record, format 1 (../contract/kv-link-record.v1.schema.json). The reader is strict: a
 * record it does not fully understand is refused, and the Worker asks the origin instead of
 * redirecting with something it may have misread.
 */

export type RedirectStatus = 301 | 302 | 307 | 308;

export type LinkRecord =
  | {
      status: "active";
      version: number;
      target: string;
      redirectType: RedirectStatus;
      expiresAt: number | null; // epoch milliseconds
      forwardQuery: boolean;
    }
  | { status: "disabled"; version: number };

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
const REDIRECT_TYPES = new Set([301, 302, 307, 308]);
// RFC 3339 / ISO-8601 in UTC, as java.time.Instant#toString writes it
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** The record the value holds, or null when it is not a format-1 record this reader understands. */
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
  if (r.format !== 1 || !Number.isSafeInteger(r.version) || (r.version as number) < 1) {
    return null;
  }
  const version = r.version as number;
  if (r.status === "disabled") {
    return onlyFields(r, DISABLED_FIELDS) ? { status: "disabled", version } : null;
  }
  if (r.status !== "active" || !onlyFields(r, ACTIVE_FIELDS)) {
    return null;
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
  };
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
export function locationFor(record: { target: string; forwardQuery: boolean }, query: string): string {
  const target = sendableTarget(record.target);
  if (target === null) {
    throw new Error("the record's target cannot be sent; readRecord refuses such records");
  }
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
