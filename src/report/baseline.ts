// A baseline: the findings of an earlier run record (`--baseline old/run.jsonl`), by fingerprint
// (findings.ts: limit, file, lane or subject, never the line). Each finding of this run is "new"
// or "unchanged"; a baseline finding this run no longer has is "fixed". SARIF (baselineState),
// the GitHub job summary and report.html show it, so a pull request that edits one datasheet shows
// what it changed.
import type { Baseline } from "./finding.js";
import { collectFindings, type Finding } from "./findings.js";
import { loadRecord } from "./load-record.js";
import type { RunView, SubjectView } from "./reporter.js";

export type { Baseline };
export type BaselineState = "new" | "unchanged";

// Read an earlier run record's findings.
export async function loadBaseline(path: string): Promise<Baseline> {
  const old = await loadRecord(path);
  const view: RunView = { start: old.start, limits: old.limits, incomplete: old.end === undefined };
  const findings = new Map<string, Finding>();
  for (const subject of old.subjects)
    for (const f of collectFindings(view, subject)) findings.set(f.fingerprint, f);
  return { path, findings };
}

/** Tallies this run's findings against a baseline as they come. */
export class BaselineComparison {
  readonly baseline: Baseline;
  readonly #seen = new Set<string>();
  newCount = 0;
  unchangedCount = 0;

  constructor(baseline: Baseline) {
    this.baseline = baseline;
  }

  // The state of one finding of this run (counted once per fingerprint).
  add(f: Finding): BaselineState {
    const state = this.baseline.findings.has(f.fingerprint) ? "unchanged" : "new";
    if (!this.#seen.has(f.fingerprint)) {
      this.#seen.add(f.fingerprint);
      if (state === "new") this.newCount++;
      else this.unchangedCount++;
    }
    return state;
  }

  // Baseline findings this run did not have.
  fixed(): Finding[] {
    return [...this.baseline.findings.values()].filter((f) => !this.#seen.has(f.fingerprint));
  }

  // "old/run.jsonl: 1 new, 3 unchanged, 2 fixed".
  describe(): string {
    return `${this.baseline.path}: ${this.newCount} new, ${this.unchangedCount} unchanged, ${this.fixed().length} fixed`;
  }
}

/** A run's findings as its subjects arrive, each with its baseline state when the run has one. */
export class RunFindings {
  readonly list: Finding[] = [];
  readonly comparison: BaselineComparison | undefined;
  readonly #states = new Map<Finding, BaselineState>();
  readonly #run: RunView;

  constructor(run: RunView) {
    this.#run = run;
    this.comparison = run.baseline ? new BaselineComparison(run.baseline) : undefined;
  }

  add(subject: SubjectView): void {
    for (const f of collectFindings(this.#run, subject)) {
      this.list.push(f);
      if (this.comparison) this.#states.set(f, this.comparison.add(f));
    }
  }

  stateOf(f: Finding): BaselineState | undefined {
    return this.#states.get(f);
  }
}
