// mergeRecords from code: any reporter in the registry gets the merged run (one subject each,
// unique ids, `run.merge`), a DUT tested twice is fed once with its worse result, and a record's
// own exit code (a run-level error event) carries into the batch's.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSyntheticLimits, serializeRecord } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import type { RecordLine } from "../run/record.js";
import { mergeRecords } from "./merge-records.js";
import type { CreateReporter, FinishedRunView, RunView, SubjectView } from "./reporter.js";
import { REPORTERS } from "./reporters.js";

const LIMIT_ID = createSyntheticLimits()[0]?.id ?? "";
const dir = mkdtempSync(join(tmpdir(), "xpo-merge-"));

function put(name: string, lines: readonly RecordLine[]): string {
  mkdirSync(join(dir, name), { recursive: true });
  const path = join(dir, name, "run.jsonl");
  writeFileSync(path, serializeRecord(lines));
  return path;
}

// A record of `n` datasheets whose names start with `prefix` (so records do not overlap).
function datasheets(prefix: string, n: number, seed: number): RecordLine[] {
  return createSyntheticValidateRecord({ datasheets: n, seed }).map((line) => {
    if (line.type !== "subject") return line;
    return { ...line, name: `${prefix}/${line.name}`, file: `${prefix}/${line.file}` };
  });
}

// A reporter that keeps what it is given, standing for a format added to the registry later.
function recorder() {
  const seen: { start?: RunView; subjects: SubjectView[]; end?: FinishedRunView } = {
    subjects: [],
  };
  const create: CreateReporter = (outDir) => ({
    name: "probe",
    file: join(outDir, "probe.txt"),
    onStart: (run) => {
      seen.start = run;
    },
    onSubject: (subject) => {
      seen.subjects.push(subject);
    },
    finish: (run) => {
      seen.end = run;
    },
  });
  return { seen, create };
}

describe("mergeRecords", () => {
  it("feeds every reporter one run: each subject once, ids unique, the merge on the run view", async () => {
    const a = put("a", datasheets("a", 30, 1));
    const b = put("b", datasheets("b", 20, 2));
    const probe = recorder();
    const merged = await mergeRecords([a, b], join(dir, "out-ab"), [...REPORTERS, probe.create]);
    expect(probe.seen.subjects).toHaveLength(50);
    const ids = new Set(probe.seen.subjects.map((s) => s.subject.subjectId));
    expect(ids.size).toBe(50);
    expect(probe.seen.start?.merge?.records.map((r) => r.label)).toEqual(["a", "b"]);
    expect(probe.seen.start?.start.limits.map((l) => l.id)).toEqual([
      ...(probe.seen.start?.limits.keys() ?? []),
    ]);
    expect(probe.seen.start?.start.limits.length).toBeGreaterThan(0);
    expect(probe.seen.end?.merge?.duplicates).toEqual([]);
    const total = probe.seen.subjects.reduce((n, s) => n + s.counts.fail, 0);
    expect(merged.counts.fail).toBe(total);
    expect(merged.written.files.map((f) => f.name)).toEqual(["junit", "html", "probe"]);
  });

  it("feeds a DUT tested twice once, with its worse result, and lists both", async () => {
    const run = (failing: boolean, at: string): RecordLine[] => [
      {
        ...(datasheets("x", 1, 3)[0] as Extract<RecordLine, { type: "run-start" }>),
        kind: "live",
        startedAt: at,
      },
      {
        type: "subject",
        subjectId: "dut",
        kind: "dut",
        name: "SN1001",
        identity: {},
        startedAt: at,
      },
      {
        type: "verdict",
        subjectId: "dut",
        limitId: LIMIT_ID,
        subject: "/v",
        outcome: failing ? "fail" : "pass",
        observed: 1,
        unit: "W",
        margin: failing ? -1 : 1,
      },
      { type: "subject-end", subjectId: "dut", endedAt: at },
      {
        type: "run-end",
        endedAt: at,
        counts: {
          pass: failing ? 0 : 1,
          fail: failing ? 1 : 0,
          marginal: 0,
          "not-applicable": 0,
          error: 0,
        },
        inputErrors: 0,
        exitCode: failing ? 1 : 0,
      },
    ];
    // The retest passes, but the first test failed: the failure is what counts.
    const first = put("monday", run(true, "2026-12-01T08:00:00.000Z"));
    const retest = put("tuesday", run(false, "2026-12-02T08:00:00.000Z"));
    const probe = recorder();
    const merged = await mergeRecords([first, retest], join(dir, "out-dut"), [probe.create]);
    expect(probe.seen.subjects).toHaveLength(1);
    expect(probe.seen.subjects[0]?.counts.fail).toBe(1);
    expect(merged.exitCode).toBe(1);
    const [duplicate] = merged.merge.duplicates;
    expect(duplicate?.name).toBe("SN1001");
    expect(duplicate?.occurrences.map((o) => [o.record, o.worst, o.counted])).toEqual([
      [1, "fail", true],
      [2, "pass", false],
    ]);
    expect(probe.seen.end?.warnings.join("\n")).toContain(
      "DUPLICATE SUBJECT: dut SN1001 is in 2 places",
    );
  });

  it("keeps a record's own exit code 2 (a run-level error) in the batch's", async () => {
    // Nothing in either record's subjects could not be checked: only p's run-end says 2.
    const checked = (l: RecordLine) =>
      l.type !== "input-error" && !(l.type === "verdict" && l.outcome === "error");
    const lines = datasheets("p", 5, 4)
      .filter(checked)
      .map((line) => (line.type === "run-end" ? { ...line, exitCode: 2 } : line));
    const bad = put("p", lines);
    const good = put("q", datasheets("q", 5, 5).filter(checked));
    const merged = await mergeRecords([good, bad], join(dir, "out-pq"), [recorder().create]);
    expect(merged.counts.error + merged.inputErrors).toBe(0);
    expect(merged.exitCode).toBe(2);
  });
});
