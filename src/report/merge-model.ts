// What a merged report knows about the records it was built from (`xpo report` over many
// run.jsonl): each record's identity, whether they agree on the profile, which shards did not
// finish, and the subjects that appear in more than one place. Reporters find it on the run
// view (`run.merge`); every reporter gets the merged subjects whether it reads this or not.
import type { Counts, Outcome } from "../model/outcome.js";
import type { HarnessInfo, RunStartLine } from "../run/record.js";

/** One record of the merge, as the merged report names it. */
export interface MergedRecord {
  /** 1-based, in merge order. */
  index: number;
  /** The path as given or found. */
  path: string;
  /** A short name: "shard 2/3", else the record's folder ("bench1-slot2"). */
  label: string;
  shard?: { index: number; count: number } | undefined;
  runId: string;
  kind: RunStartLine["kind"];
  hostname: string;
  /** The CI job, when the record names one (run-start.runner). */
  runner?: string | undefined;
  station?: string | undefined;
  startedAt: string;
  /** Missing when the record has no run-end: that run did not finish. */
  endedAt?: string | undefined;
  /** The record's own exit code (from its run-end). */
  exitCode?: number | undefined;
  harness: HarnessInfo;
  profile: { id: string; revision: string; hash: string };
  /** Subjects the record holds, and the outcomes this merge counted from it. */
  subjects: number;
  counts: Counts;
}

/** Records judged against one profile (id, revision and limits hash all equal). */
export interface ProfileGroup {
  id: string;
  revision: string;
  hash: string;
  /** Indexes of its records. */
  records: number[];
  /** Outcomes counted from those records. */
  counts: Counts;
}

/** One result of a subject that appears more than once. */
export interface SubjectOccurrence {
  record: number;
  subjectId: string;
  counts: Counts;
  inputErrors: number;
  finished: boolean;
  /** The worst outcome of this result (input errors count as error). */
  worst: Outcome | "none";
  /** Failing, error and marginal limit ids of this result (at most 20). */
  notable: string[];
  /** The one result the merged counts include. */
  counted: boolean;
}

/** A subject (the same datasheet path, or the same DUT) found in several records. */
export interface DuplicateSubject {
  kind: "datasheet" | "dut";
  name: string;
  occurrences: SubjectOccurrence[];
}

export interface MergeInfo {
  records: MergedRecord[];
  profiles: ProfileGroup[];
  /** More than one profile group: the counts add results judged against different limits. */
  mixedProfiles: boolean;
  /** Indexes of records without a run-end (a crashed or stopped shard). */
  incomplete: number[];
  /** Shards ("2/3") of an `xpo validate --shard` split with no record at all (a job that never
   * uploaded its record): their share of the inputs was not checked. */
  missingShards: string[];
  /** Filled while the records are read; complete by the time reporters finish. */
  duplicates: DuplicateSubject[];
}

// True when the merged report cannot be whole: a record did not finish or a shard is missing.
export function isMergeIncomplete(merge: MergeInfo): boolean {
  return merge.incomplete.length > 0 || merge.missingShards.length > 0;
}

// The key that makes two subjects "the same": a datasheet by its path, a DUT by its id.
export function subjectKey(subject: { kind: string; name: string }): string {
  return `${subject.kind}\u0000${subject.name}`;
}

// One line per problem of the merge, for the terminal and for every report's notes.
export function describeMergeProblems(merge: MergeInfo): string[] {
  const notes: string[] = [];
  const name = (i: number) => {
    const r = merge.records[i - 1];
    return r ? `${r.label} (${r.path}, host ${r.hostname})` : `record ${i}`;
  };
  if (merge.mixedProfiles) {
    const groups = merge.profiles.map(
      (g) =>
        `${g.id} rev ${g.revision} hash ${g.hash.slice(0, 12)}: ${g.records.map(name).join(", ")}`,
    );
    notes.push(
      `MIXED PROFILES: the records were judged against ${merge.profiles.length} different profiles or limit sets, so their counts do not add up to one verdict (${groups.join("; ")})`,
    );
  }
  for (const shard of merge.missingShards)
    notes.push(
      `SHARD MISSING: no record of shard ${shard} was given, so its share of the inputs was not checked: the merged report is incomplete`,
    );
  for (const i of merge.incomplete)
    notes.push(
      `RECORD DID NOT FINISH: ${name(i)} has no run-end line (the shard crashed or was stopped): the merged report is incomplete`,
    );
  for (const d of merge.duplicates.slice(0, MAX_DUPLICATE_NOTES)) {
    const results = d.occurrences.map(
      (o) => `${name(o.record)}: ${o.worst}${o.counted ? " (counted)" : ""}`,
    );
    notes.push(
      `DUPLICATE SUBJECT: ${d.kind} ${d.name} is in ${d.occurrences.length} places; counted once (the worst result): ${results.join("; ")}`,
    );
  }
  const more = merge.duplicates.length - MAX_DUPLICATE_NOTES;
  if (more > 0) notes.push(`DUPLICATE SUBJECT: ${more} more (see the merged records section)`);
  return notes;
}

/** Duplicate subjects named one by one in the notes; the report's section lists them all. */
const MAX_DUPLICATE_NOTES = 20;
