/**
 * The DNS server custom domains are verified against: Debian's dnsmasq on a free loopback port,
 * answering for names under `.test` from the records set here (NXDOMAIN for any other name under
 * `.test`, REFUSED outside it), nothing cached, as `TestDns` does for the Java tests. The stack
 * starts it before the node (which asks it: `SMO1_DOMAINS_RESOLVER`) and stops it after. dnsmasq
 * reads TXT and CNAME records only at start, so a test changes them by rewriting the config and
 * starting the server again on the same port; the stack file names the config and the file that
 * holds the running server's PID (the tests run in another process than the one that started it).
 */
import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { openSync, closeSync, readFileSync, writeFileSync } from "node:fs";
import { Resolver } from "node:dns/promises";
import { createServer } from "node:net";
import { join } from "node:path";

const DNSMASQ = "/usr/sbin/dnsmasq";
const READY_TIMEOUT_MS = 10_000;

export type DnsServer = {
  port: number;
  /** dnsmasq's config: the port, the options, the records */
  config: string;
  /** the PID of the dnsmasq running now */
  pidFile: string;
  log: string;
};

export type DnsRecord = { type: "A" | "TXT" | "CNAME"; name: string; value: string };

/** The name custom domains point at with a CNAME (`SMO1_DOMAINS_CNAME_TARGET`). */
export const CNAME_TARGET = "cname.smo1.test";

/** Always served: the CNAME target's address. */
const BASE_RECORDS: DnsRecord[] = [{ type: "A", name: CNAME_TARGET, value: "127.0.0.1" }];

/** A loopback port free for both UDP and TCP (DNS answers on both). */
async function freeDnsPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((ok, fail) => {
      const server = createServer();
      server.once("error", fail);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => ok(typeof address === "object" && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((ok) => {
      const socket = createSocket("udp4");
      socket.once("error", () => ok(false));
      socket.bind(port, "127.0.0.1", () => socket.close(() => ok(true)));
    });
    if (udpFree) return port;
  }
  throw new Error("no loopback port free for both UDP and TCP");
}

function configLines(port: number, records: readonly DnsRecord[]): string[] {
  const lines = [
    `port=${port}`,
    "listen-address=127.0.0.1",
    "bind-interfaces",
    "no-resolv",
    "no-hosts",
    "no-poll",
    "cache-size=0",
    "local=/test/",
  ];
  for (const record of [...BASE_RECORDS, ...records]) {
    if (/[\s",]/.test(record.name) || /[\s"]/.test(record.value)) {
      throw new Error(`a record dnsmasq's config cannot hold: ${JSON.stringify(record)}`);
    }
    switch (record.type) {
      case "A":
        lines.push(`host-record=${record.name},${record.value}`);
        break;
      case "TXT":
        lines.push(`txt-record=${record.name},"${record.value}"`);
        break;
      case "CNAME":
        lines.push(`cname=${record.name},${record.value}`);
        break;
    }
  }
  return lines;
}

/** Whether `pid` still runs (a zombie, dead but not yet reaped by its parent, does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function stopRunning(server: DnsServer): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(server.pidFile, "utf8").trim());
  } catch {
    return;
  }
  if (!pid || !running(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 5_000;
  while (running(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, "SIGKILL");
      break;
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  writeFileSync(server.pidFile, "");
}

/** Whether the server at `port` answers every record as set. */
async function answers(port: number, records: readonly DnsRecord[]): Promise<boolean> {
  // a resolver of its own each time: nothing remembered from the server started before
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  try {
    for (const record of [...BASE_RECORDS, ...records]) {
      const found =
        record.type === "A"
          ? await resolver.resolve4(record.name)
          : record.type === "TXT"
            ? (await resolver.resolveTxt(record.name)).map((strings) => strings.join(""))
            : await resolver.resolveCname(record.name);
      if (!found.includes(record.value)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Replaces the records (the CNAME target's address stays); resolves once the server answers them. */
export async function setDnsRecords(server: DnsServer, records: readonly DnsRecord[]): Promise<void> {
  writeFileSync(server.config, configLines(server.port, records).join("\n") + "\n");
  await stopRunning(server);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const log = openSync(server.log, "a");
    const child = spawn(DNSMASQ, ["--keep-in-foreground", `--conf-file=${server.config}`, "--pid-file=", "--user=root", "--log-facility=-"], {
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    child.unref();
    const spawned = await new Promise<boolean>((ok) => {
      child.once("spawn", () => ok(true));
      child.once("error", () => ok(false));
    });
    if (!spawned || child.pid === undefined) {
      throw new Error(`${DNSMASQ} did not start (Debian package dnsmasq-base; ./smo1 installs it)`);
    }
    writeFileSync(server.pidFile, String(child.pid));
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
      if (await answers(server.port, records)) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    // exited: the port may not be free yet from the server stopped a moment ago; start it again
    if (child.exitCode === null && child.signalCode === null) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  await stopRunning(server);
  throw new Error(`dnsmasq did not answer on 127.0.0.1:${server.port} within ${READY_TIMEOUT_MS / 1000} s (log: ${server.log})`);
}

/** Starts dnsmasq on a free loopback port, its files in `directory`, serving the base records. */
export async function startDns(directory: string): Promise<DnsServer> {
  const server: DnsServer = {
    port: await freeDnsPort(),
    config: join(directory, "dnsmasq.conf"),
    pidFile: join(directory, "dnsmasq.pid"),
    log: join(directory, "dnsmasq.log"),
  };
  await setDnsRecords(server, []);
  return server;
}

export async function stopDns(server: DnsServer): Promise<void> {
  await stopRunning(server);
}
