/**
 * The stack the browser tests run against: `./smo1 run` on free loopback ports with a fresh data
 * directory — a node (embedded PostgreSQL, local Redis and ClickHouse), the local edge (the Worker
 * in workerd) and the local inbox (maildev) — and the DNS server the node checks custom domains
 * against (dnsmasq, `./dns.ts`), started once for the whole run and stopped after it.
 * Set E2E_STACK_FILE to a stack.json of a stack already running to reuse it instead.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CNAME_TARGET, type DnsServer, startDns, stopDns } from "./dns";

export type Stack = {
  /** The node: API, dashboard (/app), landing (/), origin redirects. */
  app: string;
  /** The local edge: the Worker redirecting from KV. */
  edge: string;
  /** The local inbox's REST API (GET /api/email). */
  inbox: string;
  adminEmail: string;
  adminPassword: string;
  /** The local Stripe stand-in's API base (its secret key is the stand-in's default). */
  stripe: string;
  /** The DNS server the node verifies custom domains against (records set with `setDnsRecords`). */
  dns: DnsServer;
  /** Where the stack's output goes (for a failed run's diagnosis). */
  log: string;
};

const ROOT = resolve(import.meta.dirname, "../../..");
const READY_TIMEOUT_MS = 240_000;
/** Screenshots and the stack's address: written by the tests, never committed. */
export const ARTIFACTS = join(ROOT, "web/e2e/artifacts");

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function stackFile(): string {
  return process.env.E2E_STACK_FILE ?? join(ARTIFACTS, "stack.json");
}

export function readStack(): Stack {
  return JSON.parse(readFileSync(stackFile(), "utf8")) as Stack;
}

/** Starts the stack; resolves once the DNS server, the node, the edge and the inbox are ready. */
export async function startStack(): Promise<{ stack: Stack; stop: () => Promise<void> }> {
  const data = mkdtempSync(join(tmpdir(), "smo1-e2e-"));
  // first: bound to its port, which the ports below cannot then be
  const dns = await startDns(data);
  const [http, edge, kvApi, remote, management] = await Promise.all(
    Array.from({ length: 5 }, freePort),
  );
  const log = join(data, "stack.log");
  const out = createWriteStream(log);
  const child: ChildProcess = spawn(join(ROOT, "smo1"), ["run"], {
    cwd: ROOT,
    detached: true, // its own process group: stopping it stops the edge, the inbox and the node
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      SMO1_BUILD: "off", // ./smo1 test built the node and the web apps already
      SMO1_DATA_DIR: join(data, "data"),
      SMO1_HTTP_PORT: String(http),
      SMO1_EDGE_PORT: String(edge),
      SMO1_EDGE_KV_API_PORT: String(kvApi),
      SMO1_REMOTE_PORT: String(remote),
      SMO1_MANAGEMENT_PORT: String(management),
      SMO1_MAIL_SMTP_PORT: "0",
      SMO1_MAIL_UI_PORT: "0",
      SMO1_LOG_FORMAT: "text",
      SMO1_DOMAINS_RESOLVER: `127.0.0.1:${dns.port}`,
      SMO1_DOMAINS_CNAME_TARGET: CNAME_TARGET,
      // the webhook test's receiver listens on 127.0.0.1, which the SSRF guard refuses otherwise
      SMO1_WEBHOOKS_PRIVATE_ADDRESSES_ALLOWED: "true",
    },
  });
  const lines: string[] = [];
  const found = new Map<string, string>();
  const ready = new Promise<void>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the stack was not ready within ${READY_TIMEOUT_MS / 1000} s (log: ${log})`)),
      READY_TIMEOUT_MS,
    );
    const onLine = (line: string) => {
      for (const [key, pattern] of [
        // the line that names the app's address (./smo1 run prints it once the node serves)
        ["app", /^SMO1_APP_READY app=(\S+?)\/? dashboard=/],
        ["inbox", /^SMO1_MAIL_READY inbox=(\S+)/],
        ["edge", /^SMO1_EDGE_READY worker=(\S+)/],
        ["adminEmail", /^SMO1_ADMIN_EMAIL=(\S+)/],
        ["adminPassword", /^SMO1_ADMIN_PASSWORD=(\S+)/],
        ["stripe", /^SMO1_STRIPE_READY api=(\S+)/],
      ] as const) {
        const match = pattern.exec(line);
        if (match?.[1]) found.set(key, match[1]);
      }
      if (found.has("app") && found.has("inbox") && found.has("edge")) {
        clearTimeout(timer);
        ok();
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream?.on("data", (chunk: Buffer) => {
        out.write(chunk);
        rest += chunk.toString("utf8");
        const parts = rest.split("\n");
        rest = parts.pop() ?? "";
        for (const line of parts) {
          lines.push(line);
          onLine(line);
        }
      });
    }
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`./smo1 run exited (${code}) before the stack was ready:\n${lines.slice(-40).join("\n")}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((ok) => child.once("exit", ok));
      process.kill(-child.pid, "SIGTERM");
      const timeout = new Promise((ok) => setTimeout(ok, 30_000, "timeout"));
      if ((await Promise.race([exited, timeout])) === "timeout") process.kill(-child.pid, "SIGKILL");
    }
    out.end();
    await stopDns(dns);
    if (!process.env.E2E_KEEP_DATA) rmSync(data, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const stack: Stack = {
    app: found.get("app")!,
    edge: found.get("edge")!,
    inbox: found.get("inbox")!,
    adminEmail: found.get("adminEmail") ?? "",
    adminPassword: found.get("adminPassword") ?? "",
    stripe: found.get("stripe") ?? "",
    dns,
    log,
  };
  return { stack, stop };
}

/** Playwright's global setup: start the stack (or reuse E2E_STACK_FILE's) and publish it. */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_STACK_FILE) return undefined;
  const { stack, stop } = await startStack();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(stackFile(), JSON.stringify(stack, null, 2));
  return stop;
}
