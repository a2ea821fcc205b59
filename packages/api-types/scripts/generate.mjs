#!/usr/bin/env node
// Generates src/schema.ts from the OpenAPI contract (contract/openapi.yaml at the repository root).
//   node scripts/generate.mjs           write src/schema.ts
//   node scripts/generate.mjs --check   fail (exit 1) when src/schema.ts is not what the contract
//                                       generates today: the build runs this, so a contract change
//                                       without regenerated types (or an edit by hand) fails it
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const contract = join(here, "../../../contract/openapi.yaml");
const output = join(here, "../src/schema.ts");
const header =
  "// Generated from contract/openapi.yaml by packages/api-types/scripts/generate.mjs; do not edit.\n" +
  "// Regenerate: pnpm --filter @smo1/api-types generate\n\n";

const ast = await openapiTS(pathToFileURL(contract), {
  alphabetize: false,
  exportType: true,
  immutable: false,
});
const generated = header + astToString(ast);

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(output, "utf8");
  } catch {
    // missing: stale by definition
  }
  if (current !== generated) {
    console.error(
      "api-types: src/schema.ts is stale against contract/openapi.yaml; run: pnpm --filter @smo1/api-types generate",
    );
    process.exit(1);
  }
  console.log("api-types: src/schema.ts is current with contract/openapi.yaml");
} else {
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, generated);
  console.log(`api-types: wrote ${output}`);
}
