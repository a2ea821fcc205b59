/**
 * Clicks seen at the edge, delivered to the origin at-least-once.
 *
 * With a Cloudflare Queue bound as CLICKS (production), a redirect only enqueues its click (with
 * the clicks of the redirects the isolate answers within ENQUEUE_AFTER_MS, in one sendBatch); the
 * queue consumer below posts each batch to the origin, acknowledges it on 2xx and retries it with
 * backoff otherwise (after max_retries the queue moves it to the dead-letter queue). Without the
 * binding, clicks are batched per isolate and posted from waitUntil, retried a few times within
 * the request's lifetime: best effort, for setups without Queues.
 */
import { DEFAULT_CLICK_POST_TIMEOUT_MS, wholeNumber } from "./settings";
import { signatureHeaders } from "./signature";
import { type VisitorEnv, visitorOf } from "./visitor";
import type { Trigger } from "@smo1/kv-record/scan";

export type Click = {
  id: string;
  domain: string;
  code: string;
  at: string;
  source: "edge";
  country: string | null;
  colo: string | null;
  referrer: string | null;
  userAgent: string | null;
  query: string;
  visitor: string;
  /** `qr` for a scan of the link's QR code (decision 0027); absent from Workers of before it. */
  trigger?: Trigger;
  /** Position from 1 of the targeting rule that sent the visitor; null for none. */
  rule?: number | null;
  /** Position from 1 of the A/B test variant the visitor was sent to; null for none. */
  variant?: number | null;
};

/** How a visit came (its query without the scan marker, its trigger) and where it went. */
export type Visited = { query: string; trigger: Trigger; rule: number | null; variant: number | null };

export type ClickBatch = { format: 1; clicks: Click[] };

export type ClickEnv = VisitorEnv & {
  ORIGIN_URL: string;
  /** Signs click batches (and salt requests) to the origin; never part of a pseudonym. */
  CLICK_SECRET: string;
  CLICKS?: Queue<Click>;
  /** Milliseconds the origin has to acknowledge a click batch before the post counts as failed. */
  CLICK_POST_TIMEOUT_MS?: string;
};

export const CLICKS_PATH = "/internal/clicks";
/** Clicks per origin post without a queue; a queue's batch size is set in wrangler.toml. */
export const MAX_BATCH = 100;
export const FLUSH_AFTER_MS = 1000;
const DIRECT_ATTEMPTS = 3;
// the origin refuses longer texts (ClickBatches): cut them here, never lose the click
export const MAX_REFERRER = 2048;
export const MAX_USER_AGENT = 512;
export const MAX_QUERY = 2048;

function cap(text: string | null, max: number): string | null {
  return text === null || text.length <= max ? text : text.slice(0, max);
}

/** The click of one redirect answered at the edge; its visitor pseudonym under the day's salt. */
export async function clickOf(
  request: Request,
  domain: string,
  code: string,
  visited: Visited,
  env: VisitorEnv,
  now: Date,
): Promise<Click> {
  const cf = (request as { cf?: { country?: string; colo?: string } }).cf;
  const userAgent = request.headers.get("User-Agent");
  // Cloudflare's own record of the connecting address; X-Forwarded-For is whatever the visitor
  // (or a proxy before Cloudflare) wrote
  const address = request.headers.get("CF-Connecting-IP") ?? "";
  const iso = now.toISOString();
  return {
    id: crypto.randomUUID(),
    domain,
    code,
    at: iso,
    source: "edge",
    country: cf?.country ?? null,
    colo: cf?.colo ?? null,
    referrer: cap(request.headers.get("Referer"), MAX_REFERRER),
    userAgent: cap(userAgent, MAX_USER_AGENT),
    query: cap(visited.query, MAX_QUERY) ?? "",
    visitor: await visitorOf(env, now, address, userAgent ?? ""),
    trigger: visited.trigger,
    rule: visited.rule,
    variant: visited.variant,
  };
}

/**
 * Bytes of one posted batch at most: the origin refuses larger bodies (ClickRoutes.MAX_BODY_BYTES,
 * 512 KiB). A hundred clicks with every text at its cap can exceed it, so batches are split.
 */
export const MAX_BATCH_BYTES = 512 * 1024;

const BATCH_OPEN = '{"format":1,"clicks":[';
const BATCH_CLOSE = "]}";

/** The bodies that carry `clicks`, in order: as few as fit, each at most MAX_BATCH_BYTES. */
export function batchBodies(clicks: Click[]): string[] {
  const encoder = new TextEncoder();
  const bodies: string[] = [];
  let parts: string[] = [];
  let bytes = BATCH_OPEN.length + BATCH_CLOSE.length;
  for (const click of clicks) {
    const json = JSON.stringify(click);
    const size = encoder.encode(json).length;
    if (parts.length > 0 && bytes + 1 + size > MAX_BATCH_BYTES) {
      bodies.push(BATCH_OPEN + parts.join(",") + BATCH_CLOSE);
      parts = [];
      bytes = BATCH_OPEN.length + BATCH_CLOSE.length;
    }
    bytes += (parts.length > 0 ? 1 : 0) + size; // the comma before it
    parts.push(json);
  }
  if (parts.length > 0) {
    bodies.push(BATCH_OPEN + parts.join(",") + BATCH_CLOSE);
  }
  return bodies;
}

/**
 * Posts the clicks to the origin in as many signed batches as their size needs; true when the
 * origin acknowledged every one (2xx) within CLICK_POST_TIMEOUT_MS. False otherwise: the caller
 * sends them all again, and the origin counts the ones it already has as duplicates.
 */
export async function postBatch(env: ClickEnv, clicks: Click[], nowMs: number): Promise<boolean> {
  for (const body of batchBodies(clicks)) {
    if (!(await postBody(env, body, clicks.length, nowMs))) {
      return false;
    }
  }
  return true;
}

async function postBody(env: ClickEnv, body: string, clicks: number, nowMs: number): Promise<boolean> {
  const timeoutMs = wholeNumber(env.CLICK_POST_TIMEOUT_MS, DEFAULT_CLICK_POST_TIMEOUT_MS, 1);
  try {
    const response = await fetch(new URL(CLICKS_PATH, env.ORIGIN_URL), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(await signatureHeaders(env.CLICK_SECRET, body, nowMs / 1000)),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) {
      console.warn(JSON.stringify({ msg: "click batch refused", status: response.status, clicks }));
    }
    return response.ok;
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const msg = timedOut ? "click post timed out" : "click post failed";
    console.warn(JSON.stringify({ msg, timeoutMs, clicks, error: String(error) }));
    return false;
  }
}

/** Seconds before a queue message is retried: 5 s doubling per attempt, at most 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

/** The queue consumer: one origin post per batch; ack on success, retry with backoff otherwise. */
export async function consumeClicks(batch: MessageBatch<Click>, env: ClickEnv): Promise<void> {
  if (batch.messages.length === 0) {
    return;
  }
  const ok = await postBatch(
    env,
    batch.messages.map((message) => message.body),
    Date.now(),
  );
  if (ok) {
    batch.ackAll();
    return;
  }
  const attempts = Math.max(...batch.messages.map((message) => message.attempts));
  batch.retryAll({ delaySeconds: retryDelaySeconds(attempts) });
}

/**
 * An isolate's clicks gathered for one send: a click waits at most `afterMs` for the clicks of the
 * redirects answered meanwhile, and a batch goes at once when it holds MAX_BATCH clicks or would
 * pass `maxBytes`, or when the next click is for another destination (`key`). Every redirect's
 * waitUntil holds the promise of its click's batch.
 */
class ClickBatcher {
  private open: { key: unknown; clicks: Click[]; bytes: number; sent: Promise<void>; sendNow: () => void } | null = null;

  constructor(
    private readonly afterMs: number,
    private readonly maxBytes: number,
  ) {}

  add(key: unknown, click: Click, send: (clicks: Click[]) => Promise<void>): Promise<void> {
    const bytes = Number.isFinite(this.maxBytes) ? JSON.stringify(click).length : 0;
    if (this.open !== null && (this.open.key !== key || this.open.bytes + bytes > this.maxBytes)) {
      this.close();
    }
    const batch = this.open ?? this.start(key, send);
    batch.clicks.push(click);
    batch.bytes += bytes;
    if (batch.clicks.length >= MAX_BATCH) {
      this.close();
    }
    return batch.sent;
  }

  private start(key: unknown, send: (clicks: Click[]) => Promise<void>) {
    let sendNow: () => void = () => {};
    const due = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.afterMs);
      sendNow = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    const clicks: Click[] = [];
    const batch = {
      key,
      clicks,
      bytes: 0,
      sendNow: () => sendNow(),
      sent: due.then(() => {
        if (this.open === batch) {
          this.open = null;
        }
        return send(clicks);
      }),
    };
    this.open = batch;
    return batch;
  }

  /** Sends the open batch now; a click arriving after this starts the next one. */
  private close(): void {
    const batch = this.open;
    this.open = null;
    batch?.sendNow();
  }
}

/**
 * To the queue: one sendBatch for the clicks of the redirects an isolate answers within
 * ENQUEUE_AFTER_MS (at most MAX_BATCH, and under the queue's 256 KB per batch): one call to the
 * queue for many redirects instead of one each.
 */
export const ENQUEUE_AFTER_MS = 5;
/** Below Cloudflare Queues' 256 KB per sendBatch, with room for the messages' own overhead. */
const MAX_ENQUEUE_BYTES = 192 * 1024;
const toQueue = new ClickBatcher(ENQUEUE_AFTER_MS, MAX_ENQUEUE_BYTES);
/** Without a queue: posted to the origin, batched per isolate for FLUSH_AFTER_MS. */
const toOrigin = new ClickBatcher(FLUSH_AFTER_MS, Number.POSITIVE_INFINITY);
const ORIGIN = "origin";

/**
 * Hands a click over for delivery; the returned promise is for waitUntil and settles when the click
 * is enqueued (with a queue) or posted, or finally given up on (without one).
 */
export function deliver(env: ClickEnv, click: Click): Promise<void> {
  const queue = env.CLICKS;
  if (queue) {
    return toQueue.add(queue, click, async (clicks) => {
      try {
        await queue.sendBatch(clicks.map((body) => ({ body })));
      } catch (error) {
        console.error(JSON.stringify({ msg: "click enqueue failed", ids: clicks.map((sent) => sent.id), error: String(error) }));
      }
    });
  }
  return toOrigin.add(ORIGIN, click, (clicks) => postWithRetries(env, clicks));
}

/** Posts a batch to the origin, tried DIRECT_ATTEMPTS times within the request's lifetime. */
async function postWithRetries(env: ClickEnv, clicks: Click[]): Promise<void> {
  for (let attempt = 1; attempt <= DIRECT_ATTEMPTS; attempt++) {
    if (await postBatch(env, clicks, Date.now())) {
      return;
    }
    if (attempt < DIRECT_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, 200 * 4 ** (attempt - 1)));
    }
  }
  console.error(JSON.stringify({ msg: "click batch not delivered", clicks: clicks.length }));
}
