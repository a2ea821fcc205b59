#!/usr/bin/env node
// JavaScript each exported page loads up front: the gzip size of its <script src> files (Next 16
// prints no first-load sizes). Lazy chunks (the analytics chart) are not counted: they load later.
//   node scripts/bundle-size.mjs [--budget KB]   fails when a page exceeds the budget (gzip KB)
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const out = new URL("../out/", import.meta.url).pathname;
const budgetArg = process.argv.indexOf("--budget");
const budget = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : undefined;

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "_next" ? [] : pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const sizes = new Map();
function gzipped(src) {
  if (!sizes.has(src)) {
    const file = join(out, src.replace(/^\/app\//, ""));
    sizes.set(src, gzipSync(readFileSync(file)).length);
  }
  return sizes.get(src);
}

let failed = false;
const rows = pages(out)
  .map((page) => {
    const html = readFileSync(page, "utf8");
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
    const kb = scripts.reduce((sum, src) => sum + gzipped(src), 0) / 1024;
    return { page: "/" + relative(out, page), kb };
  })
  .sort((a, b) => b.kb - a.kb);
for (const { page, kb } of rows) {
  const over = budget !== undefined && kb > budget;
  failed ||= over;
  console.log(`${kb.toFixed(1).padStart(7)} KB  ${page}${over ? "  OVER BUDGET" : ""}`);
}
if (failed) process.exit(1);
