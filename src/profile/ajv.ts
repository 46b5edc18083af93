// One Ajv setup for the whole harness: strict mode on, with the annotation keywords that
// limit schemas use declared, so a typo in a keyword is an error and annotations are allowed.
// ajv and ajv-formats are required only when a schema is compiled at run time: the bundled
// schemas come precompiled (validators.ts), so `xpo validate` never loads ajv's compiler.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Ajv, Options, ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);

/** Annotation keywords of limit schemas (see docs/profiles.md). */
export const ANNOTATION_KEYWORDS = [
  "x-limit",
  "x-unit",
  "x-applies-when",
  // VS Code and yaml-language-server show it on hover instead of `description`.
  "markdownDescription",
] as const;

/** The harness's Ajv settings (options given to createAjv go on top). */
const BASE_OPTIONS: Options = { strict: true, allErrors: true, allowUnionTypes: true };

// Create an Ajv instance with the harness's keywords and formats.
export function createAjv(options: Options = {}): Ajv {
  const { Ajv: AjvClass } = require("ajv") as typeof import("ajv");
  // ajv-formats is CommonJS: its module object is the function.
  const addFormats = require("ajv-formats") as (ajv: Ajv) => Ajv;
  const ajv = new AjvClass({ ...BASE_OPTIONS, ...options });
  addFormats(ajv);
  for (const keyword of ANNOTATION_KEYWORDS)
    ajv.addKeyword({ keyword, schemaType: ["object", "string"] });
  return ajv;
}

let shared: Ajv | undefined;

// The one compiler for schemas compiled at run time with `allErrors: false` (declared live
// limits, the CMIS memory map and limits): every Ajv instance compiles the JSON Schema
// meta-schema again first, about 80 ms on this machine.
export function getSharedAjv(): Ajv {
  shared ??= createAjv({ allErrors: false });
  return shared;
}

// An installed package's version, from the package.json above its main file (read as a file, not
// required: the versions are data, and tools that follow require() need not resolve JSON files).
function packageVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? "unknown";
    }
    const up = dirname(dir);
    if (up === dir) return "unknown";
    dir = up;
  }
}

// What decides the code ajv generates for a schema, besides the schema: its version and the
// options. Part of every precompiled validator's key.
export function ajvIdentity(options: Options): string {
  return JSON.stringify({
    ajv: packageVersion("ajv"),
    formats: packageVersion("ajv-formats"),
    keywords: ANNOTATION_KEYWORDS,
    options: { ...BASE_OPTIONS, ...options },
  });
}

// A validator compiled by the shared Ajv on its first call: a live run lists every declared and
// CMIS limit in its record but judges many of them only with the right DUT or station (the
// first compile alone costs about 100 ms, before any instrument could be commanded).
export function compileOnUse(schema: Record<string, unknown>): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    compiled ??= getSharedAjv().compile(schema);
    const valid = compiled(data);
    validate.errors = compiled.errors ?? null;
    return valid;
  }) as ValidateFunction;
  return validate;
}
