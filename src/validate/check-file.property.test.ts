// Property: whatever text arrives, the core returns verdicts or input errors; it never throws
// anything else (no TypeError from a half-valid document, no stack trace for a user).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { fuzzRuns } from "../../test/support/fuzz.js";
import { isXpoError, listProblems } from "../model/errors.js";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { checkDatasheetText } from "./check-file.js";

const runs = fuzzRuns(2000);

const profile = loadProfile("public-2026-11");
const base: unknown = JSON.parse(
  readFileSync(join(repoRoot, "fixtures/datasheets/pass/cobalt-xpo-coherent-lite.json"), "utf8"),
);
const keys = [
  "identity",
  "mechanical",
  "electrical",
  "power",
  "cooling",
  "management",
  "optical",
  "derived",
  "lanes",
  "maxPowerW",
  "__proto__",
  "constructor",
];

function checkNeverThrowsUnexpectedly(file: string, text: string): "verdicts" | "input-error" {
  try {
    const { verdicts } = checkDatasheetText(file, text, profile);
    expect(verdicts.length).toBeGreaterThanOrEqual(profile.limits.length);
    return "verdicts";
  } catch (error) {
    if (isXpoError(error)) {
      for (const problem of listProblems(error)) expect(problem.code).toMatch(/^XPO_/);
      return "input-error";
    }
    throw error;
  }
}

// Replace the value at a random path of a document with an arbitrary value.
function mutate(doc: unknown, path: number[], value: unknown, key: string): unknown {
  if (path.length === 0 || typeof doc !== "object" || doc === null) return value;
  const entries = Object.entries(doc as Record<string, unknown>);
  if (entries.length === 0) return { [key]: value };
  const [index = 0, ...rest] = path;
  const [name, child] = entries[index % entries.length] ?? ["x", undefined];
  const copy: Record<string, unknown> = Array.isArray(doc)
    ? ([...doc] as unknown as Record<string, unknown>)
    : { ...doc };
  copy[name] = mutate(child, rest, value, key);
  return copy;
}

describe("checkDatasheetText never throws unexpectedly", () => {
  it("on mutated datasheets (YAML and JSON)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { maxLength: 5 }),
        fc.oneof(
          fc.anything(),
          fc.double(),
          fc.string(),
          fc.constant(null),
          fc.constant(Number.NaN),
        ),
        fc.constantFrom(...keys),
        fc.boolean(),
        (path, value, key, asJson) => {
          const doc = mutate(base, path, value, key);
          const text = asJson ? (JSON.stringify(doc) ?? "null") : stringify(doc ?? null);
          checkNeverThrowsUnexpectedly(asJson ? "m.json" : "m.yaml", text);
        },
      ),
      { numRuns: runs },
    );
  });

  it("on random text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom("r.yaml", "r.json"),
        (text, file) => {
          checkNeverThrowsUnexpectedly(file, text);
        },
      ),
      { numRuns: runs },
    );
  });

  it("on datasheet text with random edits", () => {
    const yamlText = stringify(base);
    fc.assert(
      fc.property(
        fc.nat(yamlText.length),
        fc.nat(20),
        fc.string({ maxLength: 20 }),
        (at, cut, insert) => {
          checkNeverThrowsUnexpectedly(
            "e.yaml",
            yamlText.slice(0, at) + insert + yamlText.slice(at + cut),
          );
        },
      ),
      { numRuns: runs },
    );
  });
});
