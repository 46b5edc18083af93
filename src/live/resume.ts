// Read a live run's record back for `xpo run --resume`: what was planned, which measure steps
// completed, the counts so far and the last reading time. A partial last line (SIGKILL while
// writing) is cut off so appended lines start on a line of their own.
import { readFileSync, truncateSync } from "node:fs";
import { XpoError } from "../model/errors.js";
import { type Counts, createCounts, isWarning, type Outcome } from "../model/outcome.js";
import type { RunStartLine } from "../run/record.js";

export interface PreviousRun {
  start: RunStartLine;
  subjectId: string;
  completed: Set<string>;
  counts: Counts;
  /** Failed limits below the gate so far (the run-start's catalogue gives the severities). */
  warnings: number;
  /** The data of each completed step's step-done event (its state, see step.ts). */
  stepData: Map<string, Record<string, unknown>>;
  /** How many times each step has started (its next step-start is attempt + 1). */
  attempts: Map<string, number>;
  lastT: number;
}

// Load what a resumed run needs from `path`; throws when the record cannot be resumed.
export function readPreviousRun(path: string): PreviousRun {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new XpoError("XPO_FILE_NOT_FOUND", "cannot read the record to resume", { file: path });
  }
  const end = text.lastIndexOf("\n");
  if (end < text.length - 1) {
    truncateSync(path, Buffer.byteLength(text.slice(0, end + 1)));
    text = text.slice(0, end + 1);
  }
  let start: RunStartLine | undefined;
  let subjectId: string | undefined;
  const completed = new Set<string>();
  const counts = createCounts();
  const stepData = new Map<string, Record<string, unknown>>();
  const attempts = new Map<string, number>();
  let lastT = 0;
  for (const [index, raw] of text.split("\n").entries()) {
    if (raw.trim() === "") continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw);
    } catch {
      throw new XpoError("XPO_RECORD_INVALID", `line ${index + 1} is not JSON`, {
        file: path,
        line: index + 1,
      });
    }
    switch (line.type) {
      case "run-start":
        start = line as unknown as RunStartLine;
        break;
      case "subject":
        if (line.kind === "dut") subjectId = String(line.subjectId);
        break;
      case "verdict":
        counts[line.outcome as keyof Counts]++;
        break;
      case "readings": {
        const t = line.t as number[];
        lastT = Math.max(lastT, t[t.length - 1] ?? 0);
        break;
      }
      case "event":
        if (line.kind === "step-start" && typeof line.step === "string")
          attempts.set(line.step, (attempts.get(line.step) ?? 0) + 1);
        if (line.kind === "step-done" && typeof line.step === "string") {
          completed.add(line.step);
          const data = line.data;
          if (typeof data === "object" && data !== null)
            stepData.set(line.step, data as Record<string, unknown>);
        }
        break;
      case "run-end":
        throw new XpoError(
          "XPO_USAGE",
          "this run already ended (its record has run-end): start a new run instead",
          { file: path },
        );
    }
  }
  if (start === undefined || start.live === undefined || subjectId === undefined)
    throw new XpoError(
      "XPO_RECORD_INVALID",
      "not the record of a live run (no run-start with live info and DUT subject)",
      { file: path },
    );
  return {
    start,
    subjectId,
    completed,
    counts,
    warnings: countWarnings(text, start),
    stepData,
    attempts,
    lastT,
  };
}

// Failed verdicts of limits below the default gate, by the run-start's catalogue.
function countWarnings(text: string, start: RunStartLine): number {
  const severity = new Map(start.limits.map((l) => [l.id, l.severity]));
  let warnings = 0;
  for (const raw of text.split("\n")) {
    if (!raw.includes('"verdict"') || !raw.includes('"fail"')) continue;
    const line = JSON.parse(raw) as { type?: string; outcome?: Outcome; limitId?: string };
    if (
      line.type === "verdict" &&
      line.outcome &&
      isWarning(line.outcome, severity.get(line.limitId ?? ""))
    )
      warnings++;
  }
  return warnings;
}
