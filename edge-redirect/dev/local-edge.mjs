#!/usr/bin/env node
// The local edge: SMO1's edge Worker running in workerd (Miniflare) with a local KV namespace and
// the clicks queue, beside a stand-in for the part of Cloudflare's REST API (v4) the cluster uses
// to keep KV in sync, backed by the same KV namespace. Cloudflare itself is out of reach here;
// the stand-in follows its documented request and response shapes (envelopes included):
//   PUT    /client/v4/accounts/{account}/storage/kv/namespaces/{namespace}/bulk         write pairs
//   POST   /client/v4/accounts/{account}/storage/kv/namespaces/{namespace}/bulk/delete  delete keys
//   DELETE /client/v4/accounts/{account}/storage/kv/namespaces/{namespace}/bulk         (older form)
//   GET    /client/v4/accounts/{account}/storage/kv/namespaces/{namespace}/values/{key}
// plus test controls under /__smo1/ (not Cloudflare's): POST /__smo1/faults {"status","count",
// "retryAfterSeconds"} makes the next `count` API calls fail; GET /__smo1/writes lists, per key,
// its last writes and deletes (time; for writes the record's version and target, and the expiration
// asked for, as a day's visitor salt has one).
//
// Configuration (environment): ORIGIN_URL (required), EDGE_PORT, KV_API_PORT (0: any free port),
// KV_API_TOKEN, CF_ACCOUNT_ID, KV_NAMESPACE_ID, CLICK_SECRET, ACCESS_SECRET, SHORT_DOMAIN, WORKER_SCRIPT
// (a Worker bundle to run instead of building src/index.ts), KV_IN_MEMORY (a JSON file of
// [{key, value}]: the Worker reads LINKS from these pairs in memory instead of KV), EDGE_STATE_DIR (keep
// KV between runs), and the Worker's own settings PERMANENT_MAX_AGE, ORIGIN_TIMEOUT_MS,
// CLICK_POST_TIMEOUT_MS and NOT_FOUND_CACHE_SECONDS (wrangler.toml's defaults when unset; the
// negative cache is Miniflare's Cache API). Prints one SMO1_EDGE_READY line when both servers
// listen; SIGTERM stops both.
import http from "node:http";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const originUrl = env.ORIGIN_URL;
if (!originUrl) {
  console.error("local-edge: ORIGIN_URL is required (the node's HTTP base URL)");
  process.exit(2);
}
const account = env.CF_ACCOUNT_ID || "local-account";
const namespace = env.KV_NAMESPACE_ID || "local-links";
const token = env.KV_API_TOKEN || "local-token";
const stateDir = env.EDGE_STATE_DIR;
const workDir = stateDir ? (mkdirSync(stateDir, { recursive: true }), stateDir) : mkdtempSync(join(tmpdir(), "smo1-edge-"));
const MAX_KEYS = 10_000;
const MAX_BODY = 100 * 1024 * 1024;

const log = (message, fields = {}) => console.log(JSON.stringify({ at: new Date().toISOString(), logger: "local-edge", message, ...fields }));

const script = join(workDir, "worker.mjs");
// KV_IN_MEMORY: the same Worker, its LINKS binding answered from a map in the isolate's memory
// (the bench's reference: what the Worker costs without KV); the file's pairs are the map
const memoryEntry = join(workDir, "memory-kv-entry.mjs");
if (env.KV_IN_MEMORY) {
  writeFileSync(memoryEntry, memoryKvWrapper(join(here, "..", "src", "index.ts"), env.KV_IN_MEMORY));
}
if (env.WORKER_SCRIPT) {
  // a Worker built before (an older build, to test a rollout): run as it is
  copyFileSync(env.WORKER_SCRIPT, script);
} else await build({
  entryPoints: [env.KV_IN_MEMORY ? memoryEntry : join(here, "..", "src", "index.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  outfile: script,
  logLevel: "warning",
});

/**
 * The entry module of the Worker with an in-memory LINKS: the pairs file ([{key, value}], as the KV
 * API's bulk write takes them) is bundled in; reads answer like KV's get (text, or "json").
 */
function memoryKvWrapper(workerPath, pairsPath) {
  return `import worker from ${JSON.stringify(workerPath)};
import pairs from ${JSON.stringify(pairsPath)};
const values = new Map(pairs.map((pair) => [pair.key, pair.value]));
const LINKS = {
  async get(key, options) {
    const value = values.get(key) ?? null;
    const type = typeof options === "string" ? options : options?.type;
    return value !== null && type === "json" ? JSON.parse(value) : value;
  },
  async put(key, value) { values.set(key, String(value)); },
  async delete(key) { values.delete(key); },
};
export default {
  fetch: (request, env, ctx) => worker.fetch(request, { ...env, LINKS }, ctx),
  queue: (batch, env, ctx) => worker.queue(batch, { ...env, LINKS }, ctx),
};
`;
}

// A second Worker on the same KV namespace applies the stand-in's bulk writes and deletes inside
// workerd, all keys of a request at once (one round trip from here instead of one per key).
const KV_ADMIN = `
export default {
  async fetch(request, env) {
    const body = await request.json();
    const { pathname } = new URL(request.url);
    if (pathname === "/put") {
      await Promise.all(body.map((p) => env.LINKS.put(p.key, p.base64 ? Uint8Array.from(atob(p.value), (c) => c.charCodeAt(0)) : p.value, p.options)));
    } else {
      await Promise.all(body.map((key) => env.LINKS.delete(key)));
    }
    return new Response(null, { status: 204 });
  },
};`;

// Miniflare 5 takes a new option shape; the classic (v4) one, converted, reads like wrangler.toml
const mf = new Miniflare(convertV4MiniflareOptions({
  host: "127.0.0.1",
  port: Number(env.EDGE_PORT || 0),
  ...(stateDir ? { resourcePersistencePath: join(workDir, "state") } : {}),
  workers: [{
  name: "edge-redirect",
  modules: true,
  scriptPath: script,
  modulesRoot: workDir,
  compatibilityDate: "2026-08-01",
  kvNamespaces: { LINKS: namespace },
  // Cloudflare gives an origin outside Cloudflare the visitor's CF-Connecting-IP on the Worker's
  // fetches; Miniflare would strip the header from them
  stripCfConnectingIp: false,
  queueProducers: { CLICKS: { queueName: "smo1-clicks" } },
  queueConsumers: { "smo1-clicks": { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 10, deadLetterQueue: "smo1-clicks-dead" } },
  bindings: {
    ORIGIN_URL: originUrl,
    CLICK_SECRET: env.CLICK_SECRET || "local-click-secret",
    ACCESS_SECRET: env.ACCESS_SECRET || "local-link-access-secret",
    SHORT_DOMAIN: env.SHORT_DOMAIN || "localhost",
    PERMANENT_MAX_AGE: env.PERMANENT_MAX_AGE || "3600",
    ORIGIN_TIMEOUT_MS: env.ORIGIN_TIMEOUT_MS || "3000",
    CLICK_POST_TIMEOUT_MS: env.CLICK_POST_TIMEOUT_MS || "10000",
    NOT_FOUND_CACHE_SECONDS: env.NOT_FOUND_CACHE_SECONDS || "10",
  },
  }, {
    name: "kv-admin",
    modules: true,
    script: KV_ADMIN,
    compatibilityDate: "2026-08-01",
    kvNamespaces: { LINKS: namespace },
  }],
}));
const workerUrl = await mf.ready;
const kv = await mf.getKVNamespace("LINKS", "edge-redirect");
const kvAdmin = await mf.getWorker("kv-admin");
async function adminCall(path, body) {
  const answer = await kvAdmin.fetch(`http://kv-admin${path}`, { method: "POST", body: JSON.stringify(body) });
  if (answer.status !== 204) throw new Error(`kv-admin ${path} answered ${answer.status}: ${await answer.text()}`);
}

const faults = { status: 0, count: 0, retryAfterSeconds: 1, served: 0 };
const writes = new Map(); // key -> the last 20 writes: [{ at, op, version, target, expiration }]
function recordWrite(key, op, value, expiration = null) {
  let version = null;
  let target = null;
  if (op === "put") {
    try {
      const record = JSON.parse(value);
      version = record.version ?? null;
      target = record.target ?? null;
    } catch {
      // not a link record: keep the time only
    }
  }
  const history = writes.get(key) ?? [];
  history.push({ at: Date.now(), op, version, target, expiration });
  if (history.length > 20) history.shift();
  writes.set(key, history);
}
const stats = { requests: 0, written: 0, deleted: 0 };

function envelope(response, status, result, errors = [], headers = {}) {
  const body = JSON.stringify({ success: errors.length === 0, errors, messages: [], result });
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(body);
}
const fail = (response, status, code, message, headers) => envelope(response, status, null, [{ code, message }], headers);

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error("request body too large"), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseArray(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return Array.isArray(parsed) ? parsed : null;
}

const prefix = `/client/v4/accounts/${account}/storage/kv/namespaces/${namespace}`;

async function api(request, response, path) {
  stats.requests++;
  if (request.headers.authorization !== `Bearer ${token}`) {
    return fail(response, 403, 10000, "Authentication error");
  }
  if (faults.count > 0) {
    faults.count--;
    faults.served++;
    if (faults.status === 429) {
      return fail(response, 429, 971, "Please wait and consider throttling your request speed", { "Retry-After": String(faults.retryAfterSeconds) });
    }
    return fail(response, faults.status, 10001, "Internal error (injected by the local edge)");
  }
  if (!path.startsWith(prefix)) {
    return fail(response, 404, 10013, "namespace not found for this account");
  }
  const rest = path.slice(prefix.length);
  if (request.method === "PUT" && rest === "/bulk") {
    const pairs = parseArray(await readBody(request));
    if (pairs === null) return fail(response, 400, 10026, "the request body must be a JSON array of key-value pairs");
    if (pairs.length > MAX_KEYS) return fail(response, 413, 10005, `at most ${MAX_KEYS} key-value pairs per request`);
    for (const pair of pairs) {
      if (typeof pair?.key !== "string" || pair.key.length === 0 || Buffer.byteLength(pair.key) > 512 || typeof pair.value !== "string") {
        return fail(response, 400, 10019, "each pair needs a key (1 to 512 bytes) and a string value");
      }
    }
    await adminCall(
      "/put",
      pairs.map((pair) => {
        const options = {};
        if (pair.expiration !== undefined) options.expiration = pair.expiration;
        if (pair.expiration_ttl !== undefined) options.expirationTtl = pair.expiration_ttl;
        if (pair.metadata !== undefined) options.metadata = pair.metadata;
        return { key: pair.key, value: pair.value, base64: pair.base64 === true, options };
      }),
    );
    // a bulk write is acknowledged as a whole: every pair counts as written when the answer goes
    for (const pair of pairs) recordWrite(pair.key, "put", pair.base64 ? null : pair.value, pair.expiration ?? null);
    stats.written += pairs.length;
    return envelope(response, 200, { successful_key_count: pairs.length, unsuccessful_keys: [] });
  }
  if ((request.method === "POST" && rest === "/bulk/delete") || (request.method === "DELETE" && rest === "/bulk")) {
    const keys = parseArray(await readBody(request));
    if (keys === null || keys.some((key) => typeof key !== "string")) return fail(response, 400, 10026, "the request body must be a JSON array of keys");
    if (keys.length > MAX_KEYS) return fail(response, 413, 10005, `at most ${MAX_KEYS} keys per request`);
    await adminCall("/delete", keys);
    for (const key of keys) recordWrite(key, "delete", null);
    stats.deleted += keys.length;
    return envelope(response, 200, { successful_key_count: keys.length, unsuccessful_keys: [] });
  }
  if (request.method === "GET" && rest.startsWith("/values/")) {
    const key = decodeURIComponent(rest.slice("/values/".length));
    const value = await kv.get(key);
    if (value === null) return fail(response, 404, 10009, "get: 'key not found'");
    response.writeHead(200, { "Content-Type": "application/octet-stream" });
    return response.end(value);
  }
  return fail(response, 405, 10000, `${request.method} ${rest} is not part of this stand-in`);
}

async function controls(request, response, path) {
  if (request.method === "POST" && path === "/__smo1/faults") {
    const body = JSON.parse((await readBody(request)) || "{}");
    faults.status = Number(body.status);
    faults.count = Number(body.count ?? 0);
    faults.retryAfterSeconds = Number(body.retryAfterSeconds ?? 1);
    log("fault injection", { status: faults.status, count: faults.count });
    response.writeHead(204);
    return response.end();
  }
  if (request.method === "GET" && path === "/__smo1/writes") {
    response.writeHead(200, { "Content-Type": "application/json" });
    return response.end(JSON.stringify({ stats: { ...stats, faultsServed: faults.served }, writes: Object.fromEntries(writes) }));
  }
  response.writeHead(404);
  response.end();
}

const server = http.createServer((request, response) => {
  const path = new URL(request.url, "http://local").pathname;
  const handle = path.startsWith("/__smo1/") ? controls : api;
  handle(request, response, path).catch((error) => {
    if (!response.headersSent) fail(response, error.status ?? 500, 10001, String(error.message ?? error));
    else response.destroy();
  });
});
server.listen(Number(env.KV_API_PORT || 0), "127.0.0.1", () => {
  const kvApi = `http://127.0.0.1:${server.address().port}/client/v4`;
  log("local edge ready", { worker: workerUrl.href, kvApi, account, namespace });
  console.log(`SMO1_EDGE_READY worker=${workerUrl.origin} kv_api=${kvApi} account=${account} namespace=${namespace}`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await mf.dispose();
  if (!stateDir) rmSync(workDir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
