// Check a parsed datasheet against schemas/datasheet.schema.json and turn each problem into
// a message a vendor can act on: where (file:line:column), what was expected (with the unit),
// what was found, and for an unknown key the closest known key.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { closest, distance } from "fastest-levenshtein";
import { XpoError } from "../model/errors.js";
import { schemasDir } from "../profile/load-profile.js";
import { loadValidators, type ValidatorUnit } from "../profile/validators.js";
import { fromPointer } from "../util/json-pointer.js";
import type { PositionedDocument, SourcePosition } from "../util/positioned-source.js";
import { findMisreadRevisions } from "./revision-text.js";

let validator: ValidateFunction | undefined;

/** The datasheet schema as one validator unit (verbose: errors carry their schema). */
export function datasheetUnit(): ValidatorUnit {
  const schema = JSON.parse(readFileSync(join(schemasDir, "datasheet.schema.json"), "utf8"));
  return {
    options: { verbose: true },
    entries: [{ key: "datasheet", schema, label: "datasheet.schema.json" }],
  };
}

// The datasheet schema's validator, once per process (precompiled for the bundled schema).
export function getDatasheetValidator(): ValidateFunction {
  validator ??= loadValidators(datasheetUnit()).validators.datasheet;
  if (!validator) throw new Error("internal error: no datasheet validator");
  return validator;
}

function describeFound(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${String(value)}`;
}

function unitOf(schema: unknown): string {
  const unit = (schema as { "x-unit"?: unknown } | undefined)?.["x-unit"];
  return typeof unit === "string" && unit ? ` in ${unit}` : "";
}

// A number hidden in a string ("480 W", "0x26") suggests writing just the number.
function numberHint(value: unknown): string {
  if (typeof value !== "string") return "";
  const hex = /^\s*0x([0-9a-f]+)\s*$/i.exec(value);
  if (hex?.[1]) return `; write ${Number.parseInt(hex[1], 16)}, or ${value.trim()} without quotes`;
  const match = /^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(value);
  return match ? `; write the number alone: ${match[1]}` : "";
}

// An allowed string the found one probably means ("dr8-lpo" for "DR8-LPO"), as a hint.
function closeValue(allowed: unknown[], found: unknown): string {
  if (typeof found !== "string" || found === "") return "";
  const strings = allowed.filter((value): value is string => typeof value === "string");
  const lower = strings.map((value) => value.toLowerCase());
  if (lower.length === 0) return "";
  const guess = closest(found.toLowerCase(), lower);
  return distance(found.toLowerCase(), guess) <= 2
    ? `; did you mean ${JSON.stringify(strings[lower.indexOf(guess)])}?`
    : "";
}

// The known key an unknown key probably misspells, if any.
function suggestKey(error: ErrorObject): string | undefined {
  const key = (error.params as { additionalProperty: string }).additionalProperty;
  const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
  return known.length ? closest(key, known) : undefined;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || "/";
  switch (error.keyword) {
    case "additionalProperties": {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const suggestion = suggestKey(error);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : "";
      return `unknown key "${key}" in ${where}${hint} (known keys: ${known.join(", ")})`;
    }
    case "required": {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return `missing required key "${key}" in ${where}`;
    }
    case "type": {
      const expected = (error.params as { type: string | string[] }).type;
      const kind = Array.isArray(expected) ? expected.join(" or ") : expected;
      const article = /^[aeiou]/.test(kind) ? "an" : "a";
      return `${where}: expected ${article} ${kind}${unitOf(error.parentSchema)}, found ${describeFound(error.data)}${numberHint(error.data)}`;
    }
    case "enum":
    case "const": {
      const allowed =
        error.keyword === "enum"
          ? (error.params as { allowedValues: unknown[] }).allowedValues
          : [(error.params as { allowedValue: unknown }).allowedValue];
      return `${where}: expected one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, found ${describeFound(error.data)}${closeValue(allowed, error.data)}`;
    }
    default:
      return `${where}: ${error.message ?? "is invalid"}${unitOf(error.parentSchema)}, found ${describeFound(error.data)}`;
  }
}

// Find numbers YAML accepts but a datasheet cannot use (.nan, .inf): they would pass any bound.
// `path` is one stack pushed and popped on the way down, copied only for a number found (a
// copy per node was most of this walk's cost on a clean datasheet).
function findNonFinite(
  value: unknown,
  path: (string | number)[],
  out: (string | number)[][],
): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push([...path]);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      findNonFinite(value[index], path, out);
      path.pop();
    }
  } else if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) {
      path.push(key);
      findNonFinite((value as Record<string, unknown>)[key], path, out);
      path.pop();
    }
  }
}

/** How many problems of one datasheet are reported before the rest are summarised. */
const MAX_PROBLEMS = 10;

/** A problem found, located; its message is only written if it is among those reported. */
interface Found {
  at: SourcePosition | undefined;
  describe(): string;
}

// Where an ajv error points: the key for an unknown key, else the value (or its parent).
function locateError(error: ErrorObject, data: PositionedDocument): SourcePosition | undefined {
  const path = fromPointer(error.instancePath);
  if (error.keyword === "additionalProperties")
    return data.locateKey(
      path,
      (error.params as { additionalProperty: string }).additionalProperty,
    );
  return data.locate(path);
}

// Every problem of a datasheet, located: non-finite numbers, then the schema's errors, then
// revisions misread as decimals (when the text is given).
function findProblems(data: PositionedDocument, text?: string): Found[] {
  const found: Found[] = [];
  const nonFinite: (string | number)[][] = [];
  findNonFinite(data.data, [], nonFinite);
  for (const path of nonFinite) {
    found.push({
      at: data.locate(path),
      describe: () =>
        `/${path.join("/")}: expected a finite number, found ${String(
          path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data.data),
        )}`,
    });
  }
  const validate = getDatasheetValidator();
  if (!validate(data.data)) {
    const errors = validate.errors ?? [];
    // A misspelled required key is one problem: "unknown key ...; did you mean X?" says it, so
    // the "missing required key X" beside it in the same mapping is not reported again.
    const misspelt = new Set<string>();
    const anyMissing = errors.some((error) => error.keyword === "required");
    for (const error of anyMissing ? errors : [])
      if (error.keyword === "additionalProperties")
        misspelt.add(`${error.instancePath}|${suggestKey(error)}`);
    // Ajv reports a failed `if`/`anyOf` branch once per keyword; keep the first per path+keyword.
    const seen = new Set<string>();
    for (const error of errors) {
      const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
      if (seen.has(key)) continue;
      if (
        error.keyword === "required" &&
        misspelt.has(
          `${error.instancePath}|${(error.params as { missingProperty: string }).missingProperty}`,
        )
      )
        continue;
      seen.add(key);
      found.push({ at: locateError(error, data), describe: () => describeError(error) });
    }
  }
  for (const misread of text === undefined ? [] : findMisreadRevisions(data, text))
    found.push({
      at: misread.at,
      describe: () =>
        `/${misread.path.join("/")}: written ${misread.written}, which YAML and JSON read as the number ${misread.read}; a revision is major.minor, not a decimal: quote it ("${misread.written}") to mean revision ${misread.written}, or write ${misread.read} if that is the revision`,
    });
  return found;
}

// Check a datasheet's shape; return one XpoError per problem (empty when it conforms), at most
// MAX_PROBLEMS of them and a last "... and N more problems". Linear in the number of problems:
// each is located once, and only the reported ones are described.
export function checkDatasheetShape(data: PositionedDocument, text?: string): XpoError[] {
  const found = findProblems(data, text);
  // In file order, so an unknown key comes before the required key it probably misspells.
  found.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0));
  const problems = found.slice(0, MAX_PROBLEMS).map(
    (problem) =>
      new XpoError("XPO_DATASHEET_INVALID", problem.describe(), {
        file: data.file,
        ...problem.at,
      }),
  );
  if (found.length > MAX_PROBLEMS)
    problems.push(
      new XpoError(
        "XPO_DATASHEET_INVALID",
        `... and ${found.length - MAX_PROBLEMS} more problems`,
        {
          file: data.file,
        },
      ),
    );
  return problems;
}
