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

/**
 * The target with the request's query string appended (before any fragment), when the link asks
 * for it; otherwise the target unchanged.
 */
export function locationFor(record: { target: string; forwardQuery: boolean }, query: string): string {
  if (!record.forwardQuery || query === "" || query === "?") {
    return record.target;
  }
  const extra = query.startsWith("?") ? query.slice(1) : query;
  const hash = record.target.indexOf("#");
  const base = hash >= 0 ? record.target.slice(0, hash) : record.target;
  const fragment = hash >= 0 ? record.target.slice(hash) : "";
  const joiner = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return base + joiner + extra + fragment;
}
