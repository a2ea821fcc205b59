/**
 * HMAC-SHA256 request signing between the edge and the origin (POST /internal/clicks, and POST
 * /internal/visitor-salt when KV lacks the day's salt). The signing secret signs and nothing else:
 * visitor pseudonyms are keyed by the day's salt (visitor.ts).
 *
 * The signed string is `<timestamp>.<body>`, where timestamp is the Unix time in seconds sent in
 * X-SMO1-Timestamp; the signature travels as `X-SMO1-Signature: v1=<lower-case hex>`. The origin
 * recomputes it with the shared secret and refuses timestamps outside its window (replays).
 */

export const TIMESTAMP_HEADER = "X-SMO1-Timestamp";
export const SIGNATURE_HEADER = "X-SMO1-Signature";

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The two headers that sign `body` at `nowSeconds`. */
export async function signatureHeaders(
  secret: string,
  body: string,
  nowSeconds: number,
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(nowSeconds));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `v1=${await hmacHex(secret, `${timestamp}.${body}`)}`,
  };
}
