// Validators for a set of schemas ("a unit": the datasheet shape, the profile manifest, the limits
// of one profile), without compiling them at start-up where possible. A unit is keyed by a hash
// of its schemas, ajv's version and options. In order:
// 1. bundled: ajv standalone code generated at build time (src/generated/precompiled-validators.ts,
//    `npm run gen:validators`; `npm test` fails when it is stale) for the bundled schemas;
// 2. cached: the same standalone code for a lab's own profile, written to the cache folder the
//    first time it is compiled, so its second run is as fast as the bundled one;
// 3. compiled: ajv at run time (strict, as always), then written to the cache.
// The code is ajv's own output for the same schemas and options, so verdicts cannot differ.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Options, ValidateFunction } from "ajv";
import { PRECOMPILED } from "../generated/precompiled-validators.js";
import { cacheDir } from "../util/cache-dir.js";
import { ajvIdentity, createAjv } from "./ajv.js";

const require = createRequire(import.meta.url);

/** Schemas compiled together with one set of ajv options; each entry's key names its export. */
export interface ValidatorUnit {
  options: Options;
  entries: readonly { key: string; schema: object; label: string }[];
}

export type Validators = Record<string, ValidateFunction>;

/** Where a unit's validators came from. */
export type ValidatorOrigin = "bundled" | "cached" | "compiled";

// The key of a unit: any edit of a schema, or another ajv version or option, changes it.
export function unitHash(unit: ValidatorUnit): string {
  return createHash("sha256")
    .update(ajvIdentity(unit.options))
    .update(JSON.stringify(unit.entries.map(({ key, schema }) => [key, schema])))
    .digest("hex");
}

// Compile a unit with ajv; a schema that does not compile throws naming its entry's label.
export function compileStandalone(unit: ValidatorUnit): string {
  const ajv = createAjv({ ...unit.options, code: { source: true, lines: true } });
  for (const { key, schema } of unit.entries) ajv.addSchema(schema, key);
  for (const { key, label } of unit.entries) {
    try {
      ajv.getSchema(key);
    } catch (error) {
      throw new Error(`${label} does not compile: ${(error as Error).message}`);
    }
  }
  const standalone =
    require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js");
  const refs = Object.fromEntries(unit.entries.map(({ key }) => [key, key]));
  return standalone.default(ajv, refs);
}

// Run standalone (CommonJS) code with this module's require, so ajv's runtime helpers resolve
// from the harness wherever the code was stored.
function instantiate(code: string): Validators {
  const exports: Validators = {};
  new Function("require", "exports", code)(require, exports);
  return exports;
}

const header = (hash: string) => `// xpo-msa-harness validators ${hash}\n`;

function readCached(file: string, hash: string): Validators | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  if (!text.startsWith(header(hash))) return undefined;
  try {
    return instantiate(text);
  } catch {
    return undefined; // a damaged file: compile again and replace it
  }
}

// Best effort: a cache that cannot be written only costs the next run the compile time.
function writeCached(dir: string, file: string, hash: string, code: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, header(hash) + code);
    renameSync(partial, file);
  } catch {
    // read-only home, full disk: nothing to do
  }
}

// The validators of a unit and where they came from.
export function loadValidators(
  unit: ValidatorUnit,
  env: NodeJS.ProcessEnv = process.env,
): { validators: Validators; origin: ValidatorOrigin } {
  const hash = unitHash(unit);
  const bundled = PRECOMPILED[hash];
  if (bundled !== undefined) return { validators: instantiate(bundled), origin: "bundled" };
  const dir = cacheDir(env);
  const file = join(dir, `validators-${hash}.js`);
  const cached = readCached(file, hash);
  if (cached) return { validators: cached, origin: "cached" };
  const code = compileStandalone(unit);
  writeCached(dir, file, hash, code);
  return { validators: instantiate(code), origin: "compiled" };
}
