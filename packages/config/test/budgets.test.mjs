import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  htmlFiles,
  measure,
  removeFloorPage,
  routeOf,
  scriptSources,
  stylesheetHrefs,
  violations,
} from "../scripts/budgets.mjs";

const SCRIPT = path.join(import.meta.dirname, "..", "scripts", "budgets.mjs");
let out;

/** Bytes that do not compress, so a file's gzip size is close to its length. */
const noise = (length) => crypto.randomBytes(length);
const gzipped = (file) => zlib.gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length;

function write(file, content) {
  fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  fs.writeFileSync(path.join(out, file), content);
}

const page = (scripts, stylesheets = ["/_next/site.css"]) =>
  `<!DOCTYPE html><html><head>${stylesheets
    .map((href) => `<link rel="stylesheet" href="${href}" data-precedence="next"/>`)
    .join("")}</head><body>${scripts.map((src) => `<script src="${src}" async=""></script>`).join("")}` +
  `<script>self.__next_f.push([1,"inline"])</script></body></html>`;

beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "budgets-"));
  write("_next/runtime.js", noise(40_000));
  write("_next/floor.js", noise(100));
  write("_next/home.js", noise(3_000));
  write("_next/big.js", noise(20_000));
  write("_next/site.css", "body{color:red}".repeat(50));
  write("budget-floor/index.html", page(["/_next/runtime.js", "/_next/floor.js"]));
  write("budget-floor/index.txt", "payload");
  write("index.html", page(["/_next/runtime.js", "/_next/home.js"]));
  write("pricing/index.html", page(["/_next/runtime.js"]));
  write("404.html", page(["/_next/runtime.js"]));
});

afterEach(() => {
  fs.rmSync(out, { recursive: true, force: true });
});

describe("reading pages", () => {
  it("finds script sources and stylesheets however the attributes are written", () => {
    const html =
      `<script src="/a.js?v=1&amp;x=2"></script><script async src='/b.js'></script><script>inline()</script>` +
      `<link href="/c.css" rel="stylesheet"><link rel="preload" href="/d.js" as="script"><link rel="alternate stylesheet" href=/e.css>`;
    expect(scriptSources(html)).toEqual(["/a.js?v=1&x=2", "/b.js"]);
    expect(stylesheetHrefs(html)).toEqual(["/c.css", "/e.css"]);
  });

  it("names each exported file by the path that serves it", () => {
    expect(htmlFiles(out)).toEqual(["404.html", "budget-floor/index.html", "index.html", "pricing/index.html"]);
    expect(["index.html", "pricing/index.html", "blog/a-post/index.html", "404.html"].map(routeOf)).toEqual([
      "/",
      "/pricing/",
      "/blog/a-post/",
      "/404.html",
    ]);
  });
});

describe("measure", () => {
  it("counts each page's scripts above the floor page's, and stylesheets once", () => {
    const measured = measure(out);
    const floor = gzipped("_next/runtime.js") + gzipped("_next/floor.js");
    expect(measured.floor).toBe(floor);
    expect(measured.pages.map((p) => [p.route, p.overFloor])).toEqual([
      ["/404.html", -gzipped("_next/floor.js")],
      ["/", gzipped("_next/home.js") - gzipped("_next/floor.js")],
      ["/pricing/", -gzipped("_next/floor.js")],
    ]);
    expect(measured.css).toEqual({ files: 1, bytes: gzipped("_next/site.css") });
  });

  it("fails a page over the floor by more than the limit, and too much CSS", () => {
    write("blog/index.html", page(["/_next/runtime.js", "/_next/big.js"], ["/_next/site.css", "/_next/site.css"]));
    const measured = measure(out);
    expect(violations(measured, { maxOverFloorKb: 15, maxCssKb: 30 })).toEqual([
      expect.stringMatching(/^\/blog\/ loads 19\.\d KB of JavaScript over the floor \(limit 15 KB\)$/),
    ]);
    expect(violations(measured, { maxOverFloorKb: 20, maxCssKb: 0.01 })).toEqual([
      expect.stringMatching(/^stylesheets weigh 0\.\d KB together \(limit 0\.01 KB\)$/),
    ]);
  });

  it("refuses scripts from another origin and files the export lacks", () => {
    write("docs/index.html", page(["https://cdn.example.com/x.js"]));
    expect(() => measure(out)).toThrow("/docs/ loads https://cdn.example.com/x.js from another origin");
    write("docs/index.html", page(["/_next/gone.js"]));
    expect(() => measure(out)).toThrow("/docs/ loads /_next/gone.js, which the export does not hold");
  });

  it("finds the files of an app built under a basePath (the dashboard's /app)", () => {
    write("links/index.html", page(["/app/_next/runtime.js", "/app/_next/big.js"], ["/app/_next/site.css"]));
    expect(() => measure(out)).toThrow("/links/ loads /app/_next/runtime.js, which the export does not hold");
    const measured = measure(out, { basePath: "/app" });
    const links = measured.pages.find((p) => p.route === "/links/");
    expect(links?.overFloor).toBe(gzipped("_next/big.js") - gzipped("_next/floor.js"));
  });

  it("needs the floor page", () => {
    removeFloorPage(out);
    expect(fs.existsSync(path.join(out, "budget-floor"))).toBe(false);
    expect(() => measure(out)).toThrow("no floor page");
  });
});

describe("the command", () => {
  const run = (...limits) => {
    try {
      return { status: 0, stdout: execFileSync(process.execPath, [SCRIPT, "--out", out, ...limits], { encoding: "utf8", stdio: "pipe" }) };
    } catch (error) {
      return { status: error.status, stdout: error.stdout, stderr: error.stderr };
    }
  };

  it("prints a line per page, deletes the floor page and passes within the budgets", () => {
    const result = run("--max-over-floor-kb", "15", "--max-css-kb", "30");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^budget \/ js=\d+\.\dKB over_floor=\+2\.\dKB limit=\+15KB ok$/);
    expect(lines[3]).toMatch(/^BUDGETS ok pages=3 floor=39\.\dKB max_over_floor=\+2\.\dKB css=0\.\dKB\/30KB/);
    expect(fs.existsSync(path.join(out, "budget-floor"))).toBe(false);
  });

  it("exits 1 over a budget, and 2 when it cannot measure", () => {
    const over = run("--max-over-floor-kb", "1", "--max-css-kb", "30");
    expect(over.status).toBe(1);
    expect(over.stdout).toContain("over_floor=+2.");
    expect(over.stderr).toContain("budgets: / loads 2.");
    expect(run("--max-over-floor-kb", "1", "--max-css-kb", "30").status).toBe(2);
    expect(run("--max-css-kb", "30").stderr).toContain("usage:");
  });
});
