// The second pass of a merge: every record's subjects go to the reporters one record at a time,
// so memory holds one record and the reports, never the sum of the records. A subject that the
// first pass found in several places (the same datasheet in two shards, a DUT tested twice) is
// held until its last result is in; then the worst result is fed and counted, once (a retest
// never hides a failure), and every result is listed in the merge's duplicates.

import { type Counts, createCounts, OUTCOMES, type Outcome } from "../model/outcome.js";
import type { EventLine } from "../run/record.js";
import type { SubjectModel } from "../run/subject.js";
import { getWorstOutcome } from "./format.js";
import {
  type MergeInfo,
  type ProfileGroup,
  type SubjectOccurrence,
  subjectKey,
} from "./merge-model.js";
import type { SubjectView } from "./reporter.js";
import type { RunModel } from "./run-model.js";

interface Held {
  record: number;
  view: SubjectModel;
}

/** Failing, error and marginal limit ids kept per duplicate result. */
const MAX_NOTABLE = 20;

export class MergeFeeder {
  readonly counts: Counts = createCounts();
  inputErrors = 0;
  /** Run-level events of every record, each message prefixed with its record's label. */
  readonly events: EventLine[] = [];
  /** Notes of the records themselves (a truncated last line, ...), each naming its record. */
  readonly warnings: string[] = [];
  readonly #feed: (subject: SubjectView) => void;
  readonly #merge: MergeInfo;
  readonly #expected: ReadonlyMap<string, number>;
  readonly #held = new Map<string, Held[]>();
  readonly #groupOf = new Map<number, ProfileGroup>();

  // `expected`: how many times the first pass saw each subject key.
  constructor(
    feed: (subject: SubjectView) => void,
    merge: MergeInfo,
    expected: ReadonlyMap<string, number>,
  ) {
    this.#feed = feed;
    this.#merge = merge;
    this.#expected = expected;
    for (const group of merge.profiles) for (const r of group.records) this.#groupOf.set(r, group);
  }

  // Feed one record (index 1-based, as in merge.records).
  addRecord(index: number, run: RunModel): void {
    const label = this.#merge.records[index - 1]?.label ?? `record ${index}`;
    // The merge names an unfinished record itself (describeMergeProblems).
    for (const w of run.warnings)
      if (!w.includes("(INCOMPLETE)")) this.warnings.push(`${label}: ${w}`);
    for (const e of run.events) this.events.push({ ...e, message: `[${label}] ${e.message}` });
    for (const s of run.subjects) this.#add(index, s);
  }

  // Resolve duplicates whose other results never came (a record changed since the first pass).
  flush(): void {
    for (const group of this.#held.values()) this.#resolve(group);
    this.#held.clear();
  }

  #add(record: number, s: SubjectModel): void {
    // Subject ids restart at s1 in every record: make them unique in the merged view.
    const view = {
      ...s,
      subject: { ...s.subject, subjectId: `r${record}.${s.subject.subjectId}` },
    };
    const key = subjectKey(s.subject);
    if ((this.#expected.get(key) ?? 1) <= 1) {
      this.#count(record, view);
      return;
    }
    const group = this.#held.get(key) ?? [];
    group.push({ record, view });
    this.#held.set(key, group);
    if (group.length >= (this.#expected.get(key) ?? 1)) {
      this.#held.delete(key);
      this.#resolve(group);
    }
  }

  #resolve(group: Held[]): void {
    if (group.length === 1) {
      const only = group[0] as Held;
      this.#count(only.record, only.view);
      return;
    }
    // The worst result counts; on a tie, the later record's.
    let counted = group[0] as Held;
    for (const held of group) if (severity(held.view) >= severity(counted.view)) counted = held;
    const occurrences: SubjectOccurrence[] = group.map((held) => describe(held, held === counted));
    const { kind, name } = counted.view.subject;
    this.#merge.duplicates.push({ kind, name, occurrences });
    this.#count(counted.record, counted.view);
  }

  #count(record: number, view: SubjectModel): void {
    this.#feed(view);
    const targets = [
      this.counts,
      this.#merge.records[record - 1]?.counts,
      this.#groupOf.get(record)?.counts,
    ];
    for (const counts of targets) if (counts) for (const o of OUTCOMES) counts[o] += view.counts[o];
    this.inputErrors += view.inputErrors.length;
  }
}

// 4 could not check (errors, input errors, unfinished), 3 fail, 2 marginal, 1 pass, 0 nothing.
function severity(s: SubjectModel): number {
  if (s.inputErrors.length > 0 || s.counts.error > 0 || s.endedAt === undefined) return 4;
  if (s.counts.fail > 0) return 3;
  if (s.counts.marginal > 0) return 2;
  return s.counts.pass > 0 ? 1 : 0;
}

function describe({ record, view }: Held, counted: boolean): SubjectOccurrence {
  const worst: Outcome | "none" =
    view.inputErrors.length > 0 ? "error" : (getWorstOutcome(view.counts) ?? "none");
  const notable = view.verdicts
    .filter((v) => v.outcome === "fail" || v.outcome === "error" || v.outcome === "marginal")
    .slice(0, MAX_NOTABLE)
    .map((v) => `${v.limitId} ${v.outcome}`);
  return {
    record,
    subjectId: view.subject.subjectId,
    counts: { ...view.counts },
    inputErrors: view.inputErrors.length,
    finished: view.endedAt !== undefined,
    worst,
    notable,
    counted,
  };
}
