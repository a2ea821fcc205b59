#!/usr/bin/env node
// The edge bench's links, written straight to KV: `records.mjs <count> <dir> <domain>` writes
// <dir>/records.json (the KV API's bulk-write pairs: format-1 link records under '<domain>/<code>',
// as the node's KV sync writes them, plus the visitor salts of today and tomorrow, so the Worker
// never asks an origin), <dir>/codes.txt (the codes, one per line) and <dir>/expected.txt (each code
// and its target).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [count, dir, domain] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!(count > 0) || !dir || !domain) {
  console.error("usage: records.mjs <count> <dir> <domain>");
  process.exit(2);
}
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const codes = new Set();
while (codes.size < count) {
  const bytes = randomBytes(8);
  codes.add(Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join(""));
}
const pairs = [];
const lines = [];
const expected = [];
let i = 0;
for (const code of codes) {
  const target = `https://example.com/edge-bench/${i++}`;
  const record = { format: 1, version: 1, status: "active", target, redirectType: 302, expiresAt: null, forwardQuery: false };
  pairs.push({ key: `${domain}/${code}`, value: JSON.stringify(record) });
  lines.push(code);
  expected.push(`${code} ${target}`);
}
for (const offset of [0, 1]) {
  const day = new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  pairs.push({ key: `smo1:visitor-salt:${day}`, value: randomBytes(32).toString("hex") });
}
writeFileSync(join(dir, "records.json"), JSON.stringify(pairs));
writeFileSync(join(dir, "codes.txt"), lines.join("\n") + "\n");
writeFileSync(join(dir, "expected.txt"), expected.join("\n") + "\n");
