#!/usr/bin/env node
// Size budgets of a Next.js static export (the landing site, the dashboard).
//
//   node packages/config/scripts/budgets.mjs --out out --max-over-floor-kb 15 --max-css-kb 30
//
// For every exported HTML page, sums the gzip size of the <script src> files it loads. Next.js
// ships a runtime (React, the router) with every page, whatever the page does, so the budget is
// set above a floor measured in the same build: the page `--floor-page` (default budget-floor), a
// page holding one tiny client component. The floor page is deleted from the export once measured,
// so it is never served. Fails (exit 1) when a page loads more than floor + --max-over-floor-kb,
// or all stylesheets the pages load together weigh more than --max-css-kb. 1 KB = 1,024 bytes;
// gzip at level 9.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const KB = 1024;

/** The `src` of every `<script>` element with one, in document order. */
export function scriptSources(html) {
  return [...html.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi)].map(
    (match) => decodeEntities(match[1] ?? match[2] ?? match[3]),
  );
}

/** The `href` of every `<link rel="stylesheet">`, in document order. */
export function stylesheetHrefs(html) {
  const hrefs = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, "rel");
    const href = attribute(tag, "href");
    if (rel !== undefined && href !== undefined && rel.toLowerCase().split(/\s+/).includes("stylesheet")) {
      hrefs.push(href);
    }
  }
  return hrefs;
}

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return match === null ? undefined : decodeEntities(match[1] ?? match[2] ?? match[3]);
}

function decodeEntities(value) {
  return value.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");
}

/** Every `.html` file under `outDir`, relative to it, sorted. */
export function htmlFiles(outDir) {
  return fs
    .readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** The URL path that serves an exported file: `pricing/index.html` is `/pricing/`. */
export function routeOf(file) {
  return file === "index.html" ? "/" : `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
}

/**
 * Sizes of one export. Fails on what it cannot measure: a script on another origin, or a file a
 * page loads that the export does not hold.
 */
export function measure(outDir, { floorPage = "budget-floor", basePath = "" } = {}) {
  const sizes = new Map();
  const gzipSize = (reference, page) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(reference)) {
      throw new Error(`${page} loads ${reference} from another origin: not measurable, not allowed`);
    }
    let local = decodeURIComponent(reference.split(/[?#]/)[0]);
    // an app built with a basePath (the dashboard's /app) loads its files below it
    if (basePath && local.startsWith(`${basePath}/`)) local = local.slice(basePath.length);
    const file = path.join(outDir, local);
    if (!sizes.has(file)) {
      if (!fs.existsSync(file)) {
        throw new Error(`${page} loads ${reference}, which the export does not hold`);
      }
      sizes.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
    }
    return sizes.get(file);
  };

  const floorFile = `${floorPage}/index.html`;
  const pages = [];
  let floor;
  const stylesheets = new Map();
  for (const file of htmlFiles(outDir)) {
    const html = fs.readFileSync(path.join(outDir, file), "utf8");
    const route = routeOf(file);
    const scripts = [...new Set(scriptSources(html))];
    const bytes = scripts.reduce((sum, src) => sum + gzipSize(src, route), 0);
    for (const href of stylesheetHrefs(html)) {
      stylesheets.set(href, gzipSize(href, route));
    }
    if (file === floorFile) {
      floor = bytes;
    } else {
      pages.push({ route, file, scripts: scripts.length, bytes });
    }
  }
  if (floor === undefined) {
    throw new Error(
      `no floor page ${path.join(outDir, floorFile)}: build the export first (the floor page is deleted once measured)`,
    );
  }
  const css = [...stylesheets.values()].reduce((sum, bytes) => sum + bytes, 0);
  return {
    floor,
    pages: pages.map((page) => ({ ...page, overFloor: page.bytes - floor })),
    css: { files: stylesheets.size, bytes: css },
  };
}

/** What breaks the budgets, in words; empty when nothing does. */
export function violations(measurement, { maxOverFloorKb, maxCssKb }) {
  const failures = [];
  for (const page of measurement.pages) {
    if (page.overFloor > maxOverFloorKb * KB) {
      failures.push(
        `${page.route} loads ${kb(page.overFloor)} KB of JavaScript over the floor (limit ${maxOverFloorKb} KB)`,
      );
    }
  }
  if (measurement.css.bytes > maxCssKb * KB) {
    failures.push(`stylesheets weigh ${kb(measurement.css.bytes)} KB together (limit ${maxCssKb} KB)`);
  }
  return failures;
}

/** Deletes the floor page's files from the export. */
export function removeFloorPage(outDir, floorPage = "budget-floor") {
  for (const leftover of [floorPage, `${floorPage}.html`, `${floorPage}.txt`]) {
    fs.rmSync(path.join(outDir, leftover), { recursive: true, force: true });
  }
}

const kb = (bytes) => (bytes / KB).toFixed(1);
const signedKb = (bytes) => `${bytes >= 0 ? "+" : "-"}${kb(Math.abs(bytes))}`;

function parseArguments(argv) {
  const options = { floorPage: "budget-floor", basePath: "" };
  const names = {
    "--out": "out",
    "--max-over-floor-kb": "maxOverFloorKb",
    "--max-css-kb": "maxCssKb",
    "--floor-page": "floorPage",
    "--base-path": "basePath",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (name === undefined || argv[i + 1] === undefined) {
      throw new Error(`unknown or incomplete argument '${argv[i]}'`);
    }
    options[name] = argv[i + 1];
  }
  for (const required of ["out", "maxOverFloorKb", "maxCssKb"]) {
    if (options[required] === undefined) {
      throw new Error("usage: budgets.mjs --out <dir> --max-over-floor-kb <KB> --max-css-kb <KB> [--floor-page budget-floor] [--base-path /app]");
    }
  }
  for (const number of ["maxOverFloorKb", "maxCssKb"]) {
    options[number] = Number(options[number]);
    if (!(options[number] >= 0)) {
      throw new Error(`${number} must be a number of KB`);
    }
  }
  return options;
}

function main() {
  let options;
  let measurement;
  try {
    options = parseArguments(process.argv.slice(2));
    measurement = measure(options.out, options);
  } catch (error) {
    console.error(`budgets: ${error.message}`);
    process.exit(2);
  }
  removeFloorPage(options.out, options.floorPage);
  const limit = options.maxOverFloorKb * KB;
  for (const page of measurement.pages) {
    const verdict = page.overFloor > limit ? "OVER" : "ok";
    console.log(
      `budget ${page.route} js=${kb(page.bytes)}KB over_floor=${signedKb(page.overFloor)}KB limit=+${options.maxOverFloorKb}KB ${verdict}`,
    );
  }
  const failures = violations(measurement, options);
  console.log(
    `BUDGETS ${failures.length === 0 ? "ok" : "FAILED"} pages=${measurement.pages.length} floor=${kb(measurement.floor)}KB` +
      ` max_over_floor=${signedKb(Math.max(0, ...measurement.pages.map((page) => page.overFloor)))}KB` +
      ` css=${kb(measurement.css.bytes)}KB/${options.maxCssKb}KB (${measurement.css.files} files, gzip -9)`,
  );
  for (const failure of failures) {
    console.error(`budgets: ${failure}`);
  }
  process.exit(failures.length === 0 ? 0 : 1);
}

if (process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
