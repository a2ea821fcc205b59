/**
 * The signed access cookie of a password-protected link (smo1_access=<expires>.<mac>), as the
 * node's AccessCookies issues it: expires in epoch seconds, mac the unpadded base64url
 * HMAC-SHA256 under the shared secret of "<domain>/<code>|<since epoch ms>|<expires>". The Worker
 * checks it to redirect a visitor who gave the password at the edge (shared fixtures:
 * ../contract/fixtures/access-cookies.json).
 */

export const ACCESS_COOKIE = "smo1_access";
const LIFETIME_MS = 24 * 3600 * 1000;
const SKEW_MS = 60 * 1000;
const VALUE = /^([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;

async function mac(secret: string, key: string, since: number, expires: number): Promise<string> {
  const hmac = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signed = new Uint8Array(
    await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode(`${key}|${since}|${expires}`)),
  );
  let binary = "";
  for (const byte of signed) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The cookie's value for a visitor of the link under `key` ('<domain>/<code>'), protected since `since`. */
export async function issueAccess(secret: string, key: string, since: number, now: number): Promise<string> {
  const expires = Math.floor((now + LIFETIME_MS) / 1000);
  return `${expires}.${await mac(secret, key, since, expires)}`;
}

/** Whether `value` is a cookie the secret issued for the link's current password, at `now` (ms). */
export async function validAccess(
  secret: string,
  value: string | null,
  key: string,
  since: number,
  now: number,
): Promise<boolean> {
  const parts = value === null ? null : VALUE.exec(value);
  const [, written, given] = parts ?? [];
  if (written === undefined || given === undefined) {
    return false;
  }
  const expires = Number(written);
  if (expires * 1000 <= now || expires * 1000 - now > LIFETIME_MS + SKEW_MS) {
    return false;
  }
  const expected = await mac(secret, key, since, expires);
  // compared in full whatever differs: no early exit to time
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  }
  return difference === 0;
}
