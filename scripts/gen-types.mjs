// Generate TypeScript types from the JSON Schemas (json-schema-to-typescript) into
// src/generated/. With --check, regenerate in memory and fail when the committed files differ,
// so stale types fail CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const targets = [
  { schema: "schemas/datasheet.schema.json", out: "src/generated/datasheet.ts", name: "Datasheet" },
  { schema: "schemas/station.schema.json", out: "src/generated/station.ts", name: "StationFile" },
  {
    schema: "schemas/profile.schema.json",
    out: "src/generated/profile.ts",
    name: "ProfileManifest",
  },
];
const check = process.argv.includes("--check");
let stale = 0;
for (const { schema, out, name } of targets) {
  const path = join(root, schema);
  if (!existsSync(path)) continue;
  const json = JSON.parse(readFileSync(path, "utf8"));
  const ts = await compile({ ...json, title: name }, name, {
    bannerComment: `// Generated from ${schema} by scripts/gen-types.mjs. Do not edit: run \`npm run gen:types\`.`,
    additionalProperties: false,
    strictIndexSignatures: true,
    style: { singleQuote: false },
    cwd: dirname(path),
  });
  const target = join(root, out);
  const current = existsSync(target) ? readFileSync(target, "utf8") : "";
  if (check) {
    if (current !== ts) {
      console.error(
        `stale generated types: ${out} differs from ${schema}; run \`npm run gen:types\``,
      );
      stale++;
    }
  } else if (current !== ts) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, ts);
    console.log(`wrote ${out}`);
  }
}
if (stale) process.exit(1);
console.log(check ? "generated types are fresh" : "types generated");
