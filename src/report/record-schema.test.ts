// A record with fields of the wrong type is XPO_RECORD_INVALID at its line (B19), a torn
// record says so (B26), and no mutated record makes `xpo report` fail with anything but an
// XpoError: a fixed-seed sample here, XPO_FUZZ_RUNS=10000 for a nightly-size run.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzRuns, mutateAt } from "../../test/support/fuzz.js";
import { createSyntheticLiveRecord } from "../../test/support/synthetic-live-record.js";
import { serializeRecord } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { isXpoError } from "../model/errors.js";
import { writeReports } from "./write-reports.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-record-schema-"));
const validateLines = createSyntheticValidateRecord({ datasheets: 2, showcase: true });
const liveLines = createSyntheticLiveRecord({ readings: 40 });

async function reportError(text: string, name = "r.jsonl"): Promise<unknown> {
  const path = join(dir, name);
  writeFileSync(path, text);
  try {
    await writeReports(path, join(dir, "out"));
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("loading a record checks each line against schemas/run-record.schema.json", () => {
  for (const [field, value] of [
    ["hostname", 42],
    ["runId", ["x"]],
    ["profile", { id: "p", revision: 1, title: {}, hash: "h", decisionRule: "d" }],
    ["limits", [{ id: 7 }]],
    ["startedAt", null],
  ] as const) {
    it(`a run-start whose ${field} has the wrong type is XPO_RECORD_INVALID at line 1`, async () => {
      const lines = structuredClone(validateLines) as unknown as Record<string, unknown>[];
      (lines[0] as Record<string, unknown>)[field] = value;
      const error = await reportError(serializeRecord(lines as never));
      expect(error).toMatchObject({ code: "XPO_RECORD_INVALID", location: { line: 1 } });
      expect((error as Error).message).toMatch(/"run-start" line does not match the record format/);
    });
  }

  it("names the line of a bad verdict further down", async () => {
    const lines = structuredClone(liveLines) as unknown as Record<string, unknown>[];
    const at = lines.findIndex((line) => line.type === "verdict");
    (lines[at] as Record<string, unknown>).reason = 12;
    const error = await reportError(serializeRecord(lines as never));
    expect(error).toMatchObject({ code: "XPO_RECORD_INVALID", location: { line: at + 1 } });
    expect((error as Error).message).toContain("/reason must be string");
  });

  it("says a record whose only line is cut off is torn, not empty", async () => {
    const first = serializeRecord(validateLines).split("\n")[0] as string;
    const error = await reportError(first.slice(0, 80), "torn.jsonl");
    expect(error).toMatchObject({ code: "XPO_RECORD_INVALID", location: { line: 1 } });
    expect((error as Error).message).toMatch(/^torn record: its only line is cut off/);
    expect((error as Error).message).not.toMatch(/empty/);
  });
});

const runs = fuzzRuns(300);

describe("xpo report on mutated records", () => {
  it(`never fails with anything but an XpoError (${runs} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.nat(),
        fc.array(fc.nat(40), { maxLength: 4 }),
        fc.oneof(fc.jsonValue(), fc.anything(), fc.string(), fc.constant(null)),
        fc.oneof(fc.constant(-1), fc.nat(200)),
        async (live, lineAt, steps, value, cut) => {
          const lines = (live ? liveLines : validateLines) as unknown[];
          const at = lineAt % lines.length;
          const mutated = lines.map((line, i) => (i === at ? mutateAt(line, steps, value) : line));
          let text = mutated.map((line) => JSON.stringify(line) ?? "null").join("\n");
          if (cut >= 0) text = text.slice(0, Math.max(0, text.length - cut));
          const error = await reportError(text, "fuzz.jsonl");
          if (error !== undefined && !isXpoError(error)) throw error;
        },
      ),
      { numRuns: runs, seed: 16 },
    );
  }, 600_000);
});
