/**
 * The negative cache: codes the origin just answered 404 for, kept briefly in the data centre's
 * cache (the Workers Cache API, `caches.default`), so a burst of requests for a code that does not
 * exist (a typo in a shared link, a scanner) asks the origin once per data centre and TTL instead
 * of once per request.
 *
 * The entry lives NOT_FOUND_CACHE_SECONDS (see settings.ts for why that is short). It is a marker
 * keyed by domain and code only (never the query, never Accept): the 404 is rendered per request
 * as HTML or JSON. Cache failures are logged and never fail a request.
 */

/** The cache key of a code: on the Worker's own host (as Cloudflare advises), outside any code. */
export function unknownCodeKey(domain: string, code: string): string {
  return `https://${domain}/__smo1/unknown-code/${code}`;
}

/** True when the origin answered 404 for this code within the TTL (in this data centre). */
export async function isKnownUnknown(domain: string, code: string): Promise<boolean> {
  try {
    const entry = await caches.default.match(unknownCodeKey(domain, code));
    if (entry === undefined) {
      return false;
    }
    await entry.body?.cancel();
    return true;
  } catch (error) {
    console.warn(JSON.stringify({ msg: "negative cache read failed", domain, code, error: String(error) }));
    return false;
  }
}

/** Remembers the origin's 404 for `seconds` (0: not at all). */
export async function rememberUnknown(domain: string, code: string, seconds: number): Promise<void> {
  if (seconds <= 0) {
    return;
  }
  try {
    await caches.default.put(
      unknownCodeKey(domain, code),
      new Response(null, { status: 404, headers: { "Cache-Control": `public, max-age=${seconds}` } }),
    );
  } catch (error) {
    console.warn(JSON.stringify({ msg: "negative cache write failed", domain, code, error: String(error) }));
  }
}
