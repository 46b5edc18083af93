// Check each run-record line against schemas/run-record.schema.json before a report reads it,
// so a record with a field of the wrong type is XPO_RECORD_INVALID at its line, never a
// TypeError inside a renderer.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { XpoError } from "../model/errors.js";
import { repoRoot } from "../util/repo-root.js";

const SCHEMA_FILE = "schemas/run-record.schema.json";
let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(repoRoot, SCHEMA_FILE), "utf8"));
    // Required here, not imported: `xpo validate` loads this module but never reads a record.
    const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
    validator = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
  }
  return validator;
}

// Throw XPO_RECORD_INVALID naming file:line and the first field that does not match.
export function checkRecordLine(value: unknown, file: string, line: number): void {
  const validate = getValidator();
  if (validate(value)) return;
  const error = validate.errors?.[0];
  const type = (value as { type?: unknown } | null)?.type;
  const what = typeof type === "string" ? `a "${type}" line` : "a line";
  const where = error?.instancePath || "/";
  const detail = error ? `${where} ${error.message ?? "is invalid"}` : "is invalid";
  throw new XpoError(
    "XPO_RECORD_INVALID",
    `${what} does not match the record format: ${detail} (${SCHEMA_FILE})`,
    { file, line },
  );
}
