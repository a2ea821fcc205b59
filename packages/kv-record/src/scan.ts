/**
 * The scan marker (decision 0027): a link's QR code encodes its short URL with `qr=1` in the query,
 * so a visit that came from scanning it can be counted as `trigger: "qr"`. The marker is the link's
 * own: it is taken out of the query before anything else reads it (targeting rules, the forwarded
 * query), so the target never sees it. Only the exact parameter `qr=1` is a marker; every copy of
 * it is taken out and the other parameters are left byte for byte, in order. The node's
 * ScanMarker does the same (shared fixtures: ../contract/fixtures/scan-marker.json).
 */

export const SCAN_MARKER = "qr=1";

/** How a visit reached the link: followed (`link`) or scanned from its QR code (`qr`). */
export type Trigger = "link" | "qr";

/** `search` (the request's query, with or without its `?`) without the marker, and the trigger. */
export function withoutScanMarker(search: string): { search: string; trigger: Trigger } {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (!query.includes(SCAN_MARKER)) {
    return { search, trigger: "link" };
  }
  const parts = query.split("&");
  const kept = parts.filter((part) => part !== SCAN_MARKER);
  if (kept.length === parts.length) {
    return { search, trigger: "link" };
  }
  const rest = kept.join("&");
  return { search: rest === "" ? "" : `?${rest}`, trigger: "qr" };
}
