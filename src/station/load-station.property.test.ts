// Property: whatever a station file holds, loadStation returns a station or throws XpoErrors
// (typed, with XPO_ codes); never a TypeError or a stack overflow. A fixed-seed sample in
// `npm test`; XPO_FUZZ_RUNS=10000 for a nightly-size run.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { fuzzRuns, mutateAt } from "../../test/support/fuzz.js";
import { isXpoError, listProblems } from "../model/errors.js";
import { repoRoot } from "../util/repo-root.js";
import { loadStation } from "./load-station.js";

const runs = fuzzRuns(300);
const dir = mkdtempSync(join(tmpdir(), "xpo-station-fuzz-"));
const baseText = readFileSync(join(repoRoot, "fixtures/stations/sim-station.yaml"), "utf8");
const base: unknown = parse(baseText);

function loadsOrThrowsTyped(name: string, text: string): void {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadStation(file);
  } catch (error) {
    if (!isXpoError(error)) throw error;
    for (const problem of listProblems(error)) expect(problem.code).toMatch(/^XPO_/);
  }
}

describe("loadStation on fuzzed station files", () => {
  it(`mutated values, as YAML and JSON (${runs} cases)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { maxLength: 5 }),
        fc.oneof(
          fc.anything(),
          fc.double(),
          fc.string(),
          fc.constant(null),
          fc.constant(1e308),
          fc.constant(-1),
        ),
        fc.boolean(),
        (steps, value, asJson) => {
          const doc = mutateAt(base, steps, value);
          const text = asJson ? (JSON.stringify(doc) ?? "null") : stringify(doc ?? null);
          loadsOrThrowsTyped(asJson ? "s.json" : "s.yaml", text);
        },
      ),
      { numRuns: runs, seed: 16 },
    );
  });

  it(`random edits of the text (${runs} cases)`, () => {
    fc.assert(
      fc.property(
        fc.nat(baseText.length),
        fc.nat(20),
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom("\0", "\ufeff", "[[[[", "*a", "&a "),
        ),
        (at, cut, insert) => {
          loadsOrThrowsTyped("e.yaml", baseText.slice(0, at) + insert + baseText.slice(at + cut));
        },
      ),
      { numRuns: runs, seed: 16 },
    );
  });
});
