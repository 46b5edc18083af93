// The ctrf.json reporter (Common Test Report Format, ctrf.io): one test per verdict (per lane
// for per-lane limits, named as in junit.xml), input errors and an unfinished run as failed
// tests. Status follows the gate: a failed limit below it is "passed" with rawStatus "warning"
// (and a "warning" tag), so CTRF tools count what the exit code counts.
import { join } from "node:path";
import { assumedSuffix } from "../model/limit.js";
import type { VerdictLine } from "../run/record.js";
import { writeFileFresh } from "../util/fresh-file.js";
import { fingerprintOf } from "./findings.js";
import { describeVerdict, getCaseName } from "./format.js";
import { isWarningVerdict } from "./gate.js";
import {
  type CreateReporter,
  type FinishedRunView,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

type Status = "passed" | "failed" | "skipped" | "pending" | "other";

/** One CTRF test, as the ctrf package's schema (0.0) has it. */
interface CtrfTest {
  testId: string;
  name: string;
  status: Status;
  duration: number;
  rawStatus: string;
  suite: string[];
  message?: string;
  filePath?: string;
  line?: number;
  tags: string[];
  labels: Record<string, string | number>;
}

const STATUS: Record<VerdictLine["outcome"], Status> = {
  pass: "passed",
  marginal: "passed",
  fail: "failed",
  "not-applicable": "skipped",
  error: "failed",
};

class CtrfReporter implements Reporter {
  readonly name = "ctrf";
  readonly file: string;
  readonly #tests: CtrfTest[] = [];
  #run: RunView | undefined;

  constructor(outDir: string) {
    this.file = join(outDir, "ctrf.json");
  }

  onStart(run: RunView): void {
    this.#run = run;
  }

  onSubject(s: SubjectView): void {
    const run = this.#run;
    if (!run) return;
    const suite = [s.subject.name];
    for (const v of s.verdicts) this.#tests.push(verdictTest(run, s, v));
    for (const e of s.inputErrors)
      this.#tests.push({
        testId: fingerprintOf([e.code, s.subject.name, e.message]),
        name: "read and validate the datasheet",
        status: "failed",
        duration: 0,
        rawStatus: "input-error",
        suite: [...suite, "input"],
        message: `${e.code}: ${e.message} (fix: ${e.remedy})`,
        ...(e.file === undefined ? {} : { filePath: e.file }),
        ...(e.line === undefined ? {} : { line: e.line }),
        tags: ["input-error"],
        labels: { code: e.code },
      });
    if (run.incomplete && s.endedAt === undefined)
      this.#tests.push(unfinished(`${s.subject.name} finished`, [...suite, "run"]));
  }

  finish(run: FinishedRunView): void {
    if (run.incomplete) this.#tests.push(unfinished("run finished", ["run"]));
    const report = buildCtrf(run, this.#tests);
    writeOnDisk(this.file, () => writeFileFresh(this.file, [`${JSON.stringify(report)}\n`]));
  }
}

// Registry entry: ctrf.json in outDir.
export const createCtrfReporter: CreateReporter = (outDir) => new CtrfReporter(outDir);

function verdictTest(run: RunView, s: SubjectView, v: VerdictLine): CtrfTest {
  const limit = run.limits.get(v.limitId);
  const warning = isWarningVerdict(v, run);
  const rawStatus = warning ? "warning" : v.outcome;
  const tags = [limit?.severity ?? "unknown", limit?.confidence ?? "unknown"];
  if (warning) tags.push("warning");
  if (assumedSuffix(limit)) tags.push("assumed");
  const test: CtrfTest = {
    testId: fingerprintOf([v.limitId, s.subject.name, v.lane ?? v.subject]),
    name: getCaseName(v, limit),
    status: warning ? "passed" : STATUS[v.outcome],
    duration: 0,
    rawStatus,
    suite: [s.subject.name, limit?.area ?? "unknown"],
    tags,
    labels: { limitId: v.limitId, ...(v.lane === undefined ? {} : { lane: v.lane }) },
  };
  if (v.outcome !== "pass")
    test.message = `${rawStatus.toUpperCase()}: ${describeVerdict(v, limit)}${v.reason ? `; ${v.reason}` : ""}`;
  const file = v.evidence?.file ?? s.subject.file;
  if (file !== undefined) test.filePath = file;
  if (v.evidence?.line !== undefined) test.line = v.evidence.line;
  return test;
}

function unfinished(name: string, suite: string[]): CtrfTest {
  return {
    testId: fingerprintOf(["XPO_INCOMPLETE", ...suite]),
    name,
    status: "failed",
    duration: 0,
    rawStatus: "error",
    suite,
    message: "the run did not finish: the record has no run-end line",
    tags: ["incomplete"],
    labels: { code: "XPO_INCOMPLETE" },
  };
}

function buildCtrf(run: FinishedRunView, tests: readonly CtrfTest[]) {
  const count = (status: Status) => tests.filter((t) => t.status === status).length;
  const start = Date.parse(run.start.startedAt);
  const stop = run.end ? Date.parse(run.end.endedAt) : start;
  return {
    reportFormat: "CTRF",
    specVersion: "0.0.0",
    timestamp: run.end?.endedAt ?? run.start.startedAt,
    generatedBy: `xpo-msa-harness ${run.start.harness.version}`,
    results: {
      tool: { name: "xpo-msa-harness", version: run.start.harness.version },
      summary: {
        tests: tests.length,
        passed: count("passed"),
        failed: count("failed"),
        skipped: count("skipped"),
        pending: 0,
        other: 0,
        start: Number.isFinite(start) ? start : 0,
        stop: Number.isFinite(stop) ? stop : 0,
        extra: {
          warnings: tests.filter((t) => t.rawStatus === "warning").length,
          failOn: run.start.failOn ?? "mandatory",
          exitCode: run.end?.exitCode,
        },
      },
      tests,
      environment: { extra: { profile: run.start.profile.id, runId: run.start.runId } },
    },
  };
}
