/**
 * The Worker's numeric settings (wrangler.toml `[vars]`, strings) and their defaults. A value that
 * is not a whole number in range falls back to the default, so a typo never takes the edge down.
 */

/** max-age of permanent (301, 308) redirects, seconds: the origin's default too. */
export const DEFAULT_PERMANENT_MAX_AGE = 3600;

/**
 * How long the origin has to answer a KV miss, milliseconds. 3 s is far above the origin's
 * redirect budget (p99 50 ms), so only an origin that is down or stuck reaches it; the visitor then
 * waits no longer than that for the 503 page that asks for a retry.
 */
export const DEFAULT_ORIGIN_TIMEOUT_MS = 3000;

/**
 * How long the origin has to acknowledge a click batch, milliseconds. It acknowledges once the
 * batch is durable (one Redis call); a post still open after 10 s is stuck, and the batch is
 * better sent again (the origin drops duplicates by click id) than left holding the consumer.
 */
export const DEFAULT_CLICK_POST_TIMEOUT_MS = 10_000;

/**
 * How long the origin's 404 for a code is remembered at the edge, seconds (unknown-codes.ts; 0
 * turns it off). Short on purpose: a link created right after someone visited its code answers
 * 404 from this cache until the entry expires (KV is read first, so only until KV has the link,
 * but the origin cannot purge the entry). 10 s still spares the origin all but one request per
 * data centre and 10 s for a code that is hammered (a typo in a shared link, a scanner).
 */
export const DEFAULT_NOT_FOUND_CACHE_SECONDS = 10;

/** `value` as a whole number of at least `min`, or `fallback` when unset or not such a number. */
export function wholeNumber(value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined || value.trim() === "") {
    return fallback;
  }
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed >= min ? parsed : fallback;
}
