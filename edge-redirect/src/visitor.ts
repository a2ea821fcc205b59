/**
 * Visitor pseudonyms for unique-visitor counts, made as the origin makes them (VisitorPseudonyms in
 * the clicks module; one known vector in both test suites): the first 128 bits, in hex, of
 * HMAC-SHA256 keyed by the UTC day's random salt over `visitor|<day>|<address>|<user agent>`, the
 * address in one spelling (canonicalAddress). The raw address never leaves the edge.
 *
 * The day's salt is made by the origin (in Redis, gone 26 hours after the day began) and written to
 * Workers KV under `smo1:visitor-salt:<day>`, expiring with it, two hours before the day starts. An
 * isolate reads it once and keeps it for the day. Not in KV (the origin could not write it in time,
 * or KV has not reached this data centre yet), the Worker asks the origin for it (POST
 * /internal/visitor-salt, signed like click batches). Neither answering, the click gets a random
 * pseudonym, so it counts as a visitor of its own, and the salt is asked for again after
 * SALT_RETRY_MS: never a pseudonym from anything long-lived, never the address.
 */
import { DEFAULT_ORIGIN_TIMEOUT_MS, wholeNumber } from "./settings";
import { signatureHeaders } from "./signature";

export const SALT_KEY_PREFIX = "smo1:visitor-salt:";
export const VISITOR_SALT_PATH = "/internal/visitor-salt";
/** After the day's salt could be had neither from KV nor from the origin, wait this long to ask again. */
export const SALT_RETRY_MS = 30_000;

export type VisitorEnv = {
  LINKS: KVNamespace;
  ORIGIN_URL: string;
  CLICK_SECRET: string;
  ORIGIN_TIMEOUT_MS?: string;
};

const SALT = /^[0-9a-f]{64}$/;
const encoder = new TextEncoder();

type Salt = { key: Promise<CryptoKey | null>; retryAt: number };
/** This isolate's salts, by UTC day: today's (and, just after midnight, yesterday's until unused). */
const salts = new Map<string, Salt>();

/** A click's visitor pseudonym at `at`, from the visitor's address and user agent. */
export async function visitorOf(env: VisitorEnv, at: Date, address: string, userAgent: string): Promise<string> {
  const day = at.toISOString().slice(0, 10);
  const key = await saltKey(env, day, at.getTime());
  if (key === null) {
    return crypto.randomUUID().replaceAll("-", "");
  }
  return visitorPseudonym(key, day, address, userAgent);
}

/** HMAC under the day's salt, 32 hex digits: what the origin computes for the same inputs. */
export async function visitorPseudonym(key: CryptoKey, day: string, address: string, userAgent: string): Promise<string> {
  const message = `visitor|${day}|${canonicalAddress(address)}|${userAgent}`;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return Array.from(mac.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The salt (64 hex digits) as an HMAC-SHA256 key. */
export function importSalt(hex: string): Promise<CryptoKey> {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** Forgets every salt this isolate holds (tests: each starts as a fresh isolate would). */
export function forgetSalts(): void {
  salts.clear();
}

function saltKey(env: VisitorEnv, day: string, nowMs: number): Promise<CryptoKey | null> {
  for (const held of salts.keys()) {
    if (held < day) {
      salts.delete(held); // a past day's salt is never needed again here
    }
  }
  const held = salts.get(day);
  if (held !== undefined) {
    return held.key.then((key) => {
      if (key !== null || nowMs < held.retryAt) {
        return key;
      }
      if (salts.get(day) === held) {
        salts.delete(day);
      }
      return saltKey(env, day, nowMs);
    });
  }
  const looked: Salt = { key: lookUp(env, day), retryAt: nowMs + SALT_RETRY_MS };
  salts.set(day, looked);
  return looked.key;
}

async function lookUp(env: VisitorEnv, day: string): Promise<CryptoKey | null> {
  let hex: string | null = null;
  try {
    hex = await env.LINKS.get(SALT_KEY_PREFIX + day);
  } catch (error) {
    console.warn(JSON.stringify({ msg: "visitor salt: KV read failed, asking the origin", day, error: String(error) }));
  }
  if (hex === null || !SALT.test(hex)) {
    hex = await fromOrigin(env, day);
  }
  if (hex === null) {
    console.warn(JSON.stringify({ msg: "visitor salt unavailable: clicks count as visitors of their own for now", day }));
    return null;
  }
  return importSalt(hex);
}

async function fromOrigin(env: VisitorEnv, day: string): Promise<string | null> {
  const body = JSON.stringify({ day });
  const timeoutMs = wholeNumber(env.ORIGIN_TIMEOUT_MS, DEFAULT_ORIGIN_TIMEOUT_MS, 1);
  try {
    const response = await fetch(new URL(VISITOR_SALT_PATH, env.ORIGIN_URL), {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(await signatureHeaders(env.CLICK_SECRET, body, Date.now() / 1000)) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      console.warn(JSON.stringify({ msg: "visitor salt refused by the origin", day, status: response.status }));
      return null;
    }
    const answer = (await response.json()) as { day?: unknown; salt?: unknown };
    return answer.day === day && typeof answer.salt === "string" && SALT.test(answer.salt) ? answer.salt : null;
  } catch (error) {
    console.warn(JSON.stringify({ msg: "visitor salt: origin unreachable", day, error: String(error) }));
    return null;
  }
}

/**
 * The address in one spelling, as the origin writes it (Client.canonicalAddress): IPv4 as it is,
 * IPv6 as RFC 5952 writes it (lower case, no leading zeros, the longest run of two or more zero
 * groups as "::", the first of equal runs), an IPv4-mapped IPv6 address as its IPv4 address.
 * Anything that is no IPv6 address is left as it is.
 */
export function canonicalAddress(address: string): string {
  if (!address.includes(":")) {
    return address;
  }
  const groups = ipv6Groups(address);
  if (groups === null) {
    return address;
  }
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6] as number, groups[7] as number];
    return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < 8 && groups[i] === 0) {
      i++;
    }
    if (i - start > bestLength) {
      bestStart = start;
      bestLength = i - start;
    }
  }
  if (bestStart < 0) {
    return groups.map((group) => group.toString(16)).join(":");
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(":");
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** The eight 16-bit groups of an IPv6 literal (an IPv4 tail allowed), or null. */
function ipv6Groups(text: string): number[] | null {
  const halves = text.toLowerCase().split("::");
  if (halves.length > 2 || (halves.length === 2 && (halves[0] as string).includes("."))) {
    return null;
  }
  const parse = (half: string): number[] | null => {
    if (half === "") {
      return [];
    }
    const groups: number[] = [];
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === parts.length - 1 && part.includes(".")) {
        const octets = part.split(".");
        if (octets.length !== 4 || !octets.every((octet) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(octet))) {
          return null;
        }
        const [a, b, c, d] = octets.map(Number) as [number, number, number, number];
        groups.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/.test(part)) {
        groups.push(parseInt(part, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const left = parse(halves[0] as string);
  const right = halves.length === 2 ? parse(halves[1] as string) : [];
  if (left === null || right === null) {
    return null;
  }
  if (halves.length === 1) {
    return left.length === 8 ? left : null;
  }
  const missing = 8 - left.length - right.length;
  return missing >= 1 ? [...left, ...new Array<number>(missing).fill(0), ...right] : null;
}
