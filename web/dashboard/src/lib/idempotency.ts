// Creates safe to retry (decision 0019): the dashboard sends an Idempotency-Key with a create and
// keeps it while the same request is sent again, so pressing "Create link" again after a timeout or
// a 503 gets the link the first press made instead of a second one; a changed request gets a new key.

/** A random version 4 UUID: `crypto.randomUUID` where the page may use it, else random bytes. */
export function newIdempotencyKey(random: Crypto = globalThis.crypto): string {
  if (typeof random.randomUUID === "function") return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One key per request meant: the last request's key while the same request is sent again. */
export class IdempotencyKeys {
  private last: { request: string; key: string } | undefined;

  constructor(private readonly newKey: () => string = () => newIdempotencyKey()) {}

  /** The key to send with `request` (what it asks, as JSON): the same for the same request. */
  keyFor(request: unknown): string {
    const serialized = JSON.stringify(request);
    if (this.last?.request !== serialized) this.last = { request: serialized, key: this.newKey() };
    return this.last.key;
  }
}
