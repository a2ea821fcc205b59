// Builds the API reference: out/index.html from the OpenAPI contract (contract/openapi.yaml at
// the root of the repository) with Redocly's build-docs, self-contained. The node serves it at
// /docs/api/.
//
// - Redoc's script is embedded (--inlineBundle: the bundle shipped inside the pinned
//   @redocly/cli), since by default the page imports it from Redocly's CDN when viewed.
// - Telemetry is off (REDOCLY_TELEMETRY=off): otherwise the page reports its visitors to
//   otel.cloud.redocly.com, and the command reports itself.
// - The bundle still names two things on Redocly's CDNs that it would load when viewed: the logo
//   of its "API docs by Redocly" credit (always shown) and an icon set (for descriptions that use
//   icons). The credit's logo becomes an inline wordmark; icons are looked up beside the page,
//   where there are none.
// - The page is then checked to load nothing from another origin and to name no CDN; the build
//   fails if it would.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { externalLoads } from "./self-contained.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDirectory = path.resolve(here, "..");
const root = path.resolve(packageDirectory, "../..");
const contract = "contract/openapi.yaml";
const out = path.join(packageDirectory, "out");
const page = path.join(out, "index.html");

if (!fs.existsSync(path.join(root, contract))) {
  console.error(`api-docs: ${contract} is missing at the root of the repository: the reference is built from it`);
  process.exit(1);
}

fs.rmSync(out, { recursive: true, force: true });
const cli = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")),
  "bin",
  "cli.js",
);
const built = spawnSync(
  process.execPath,
  [
    cli,
    "build-docs",
    contract,
    "--output",
    path.relative(root, page),
    "--inlineBundle",
    "--template",
    path.relative(root, path.join(packageDirectory, "template.hbs")),
    "--title",
    "SMO1 API reference",
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);
if (built.status !== 0) {
  process.exit(built.status ?? 1);
}

const wordmark = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' width='56' height='16' viewBox='0 0 56 16'>" +
    "<text x='0' y='12' font-family='system-ui,sans-serif' font-size='12' font-weight='600' fill='#555761'>Redocly</text></svg>",
)}`;
const html = fs
  .readFileSync(page, "utf8")
  .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, wordmark)
  .replace(/https:\/\/cdn\.redocly\.com\/icons\//g, "./redoc-icons/");
fs.writeFileSync(page, html);
const problems = externalLoads(html);
for (const cdn of new Set(html.match(/https?:\/\/cdn\.[^\s"'`)]+/g) ?? [])) {
  problems.push(`names ${cdn}`);
}
if (!/"disableTelemetry":true/.test(html)) {
  problems.push("telemetry is not disabled in the page's Redoc options");
}
if (problems.length > 0) {
  console.error(`api-docs: ${path.relative(root, page)} is not self-contained:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `api-docs: ${path.relative(root, page)} self-contained, ${Math.round(Buffer.byteLength(html) / 1024)} KiB`,
);
