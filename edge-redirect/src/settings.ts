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

/** `value` as a whole number of at least `min`, or `fallback` when unset or not such a number. */
export function wholeNumber(value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined || value.trim() === "") {
    return fallback;
  }
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed >= min ? parsed : fallback;
}
