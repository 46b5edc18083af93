// `xpo report` over many records: one set of reports (every reporter in the registry) from the
// run.jsonl of several shards, runners or bench positions. Two passes: a light scan of every
// record (identity, profile, subjects, run-end: merge-scan.ts), then each record read in full
// and its subjects streamed to the reporters (merge-subjects.ts), one record at a time.
import { basename, dirname } from "node:path";
import type { LimitInfo } from "../model/limit.js";
import {
  type Counts,
  createCounts,
  DEFAULT_FAIL_ON,
  exitCodeFor,
  FAIL_ON_LEVELS,
} from "../model/outcome.js";
import type { RunEndLine, RunStartLine } from "../run/record.js";
import { countWarnings } from "./gate.js";
import { loadRecord } from "./load-record.js";
import {
  describeMergeProblems,
  isMergeIncomplete,
  type MergedRecord,
  type MergeInfo,
  type ProfileGroup,
  subjectKey,
} from "./merge-model.js";
import { type RecordScan, scanRecord } from "./merge-scan.js";
import { MergeFeeder } from "./merge-subjects.js";
import type { CreateReporter } from "./reporter.js";
import { REPORTERS } from "./reporters.js";
import { ReportStream, type WrittenReports } from "./write-reports.js";

export interface MergedReports {
  written: WrittenReports;
  merge: MergeInfo;
  /** Outcomes counted (each subject once) and input errors, over every record. */
  counts: Counts;
  inputErrors: number;
  /** The batch's exit code, as one run would give it: 0 / 1 / 2 (see mergedExitCode). */
  exitCode: number;
}

// Merge the records at `paths` (in that order) and write every report into outDir.
export async function mergeRecords(
  paths: readonly string[],
  outDir: string,
  entries: readonly CreateReporter[] = REPORTERS,
): Promise<MergedReports> {
  const scans: RecordScan[] = [];
  for (const path of paths) scans.push(await scanRecord(path));
  const merge = describeRecords(scans);
  const expected = new Map<string, number>();
  for (const scan of scans)
    for (const s of scan.subjects)
      expected.set(subjectKey(s), (expected.get(subjectKey(s)) ?? 0) + 1);

  const limits = new Map<string, LimitInfo>();
  for (const scan of scans)
    for (const limit of scan.start.limits) if (!limits.has(limit.id)) limits.set(limit.id, limit);
  const start = mergedStart(scans, [...limits.values()]);
  const incomplete = isMergeIncomplete(merge);
  const stream = new ReportStream(outDir, { start, limits, incomplete, merge }, entries);
  try {
    let belowGate = 0;
    const feeder = new MergeFeeder(
      (s) => {
        belowGate += countWarnings(s.verdicts, { start, limits });
        stream.addSubject(s);
      },
      merge,
      expected,
    );
    for (const [i, scan] of scans.entries()) feeder.addRecord(i + 1, await loadRecord(scan.path));
    feeder.flush();
    const { counts, inputErrors } = feeder;
    const exitCode = mergedExitCode(merge, counts, inputErrors, belowGate);
    const end: RunEndLine | undefined = incomplete
      ? undefined
      : {
          type: "run-end",
          endedAt: latest(merge.records),
          counts,
          inputErrors,
          warnings: belowGate,
          exitCode,
        };
    const warnings = [...describeMergeProblems(merge), ...feeder.warnings];
    await stream.prepare();
    const written = stream.finish({ end, events: feeder.events, warnings });
    return { written, merge, counts, inputErrors, exitCode };
  } catch (error) {
    stream.abort();
    throw error;
  }
}

// 2 when records disagree on the profile or one did not finish; else the worst of what the
// counted subjects give and each record's own exit code (which also covers run-level errors).
// `warnings`: failed limits below the gate (also in counts.fail).
export function mergedExitCode(
  merge: MergeInfo,
  counts: Counts,
  inputErrors: number,
  warnings = 0,
): number {
  if (merge.mixedProfiles || isMergeIncomplete(merge)) return 2;
  let code = exitCodeFor(counts, inputErrors, warnings);
  for (const r of merge.records) code = Math.max(code, r.exitCode ?? 2);
  return code;
}

// Each record's identity, the profile groups, the unfinished records.
function describeRecords(scans: readonly RecordScan[]): MergeInfo {
  const groups = new Map<string, ProfileGroup>();
  const records = scans.map((scan, i): MergedRecord => {
    const { start, end } = scan;
    const index = i + 1;
    const { id, revision, hash } = start.profile;
    const key = `${id}\u0000${revision}\u0000${hash}`;
    const group = groups.get(key) ?? { id, revision, hash, records: [], counts: createCounts() };
    group.records.push(index);
    groups.set(key, group);
    return {
      index,
      path: scan.path,
      label: start.shard
        ? `shard ${start.shard.index}/${start.shard.count}`
        : basename(dirname(scan.path)) || scan.path,
      shard: start.shard,
      runId: start.runId,
      kind: start.kind,
      hostname: start.hostname,
      runner: start.runner,
      station: start.station?.name,
      startedAt: start.startedAt,
      endedAt: end?.endedAt,
      exitCode: end?.exitCode,
      harness: start.harness,
      profile: { id, revision, hash },
      subjects: scan.subjects.length,
      counts: createCounts(),
    };
  });
  const profiles = [...groups.values()];
  const incomplete = records.filter((r) => r.endedAt === undefined).map((r) => r.index);
  const missingShards = findMissingShards(records);
  const mixedProfiles = profiles.length > 1;
  return { records, profiles, mixedProfiles, incomplete, missingShards, duplicates: [] };
}

// For each shard count n among the records, the shards of 1..n that no record is.
function findMissingShards(records: readonly MergedRecord[]): string[] {
  const present = new Map<number, Set<number>>();
  for (const { shard } of records) {
    if (!shard) continue;
    const set = present.get(shard.count) ?? new Set<number>();
    set.add(shard.index);
    present.set(shard.count, set);
  }
  const missing: string[] = [];
  for (const [count, set] of [...present].sort((a, b) => a[0] - b[0]))
    for (let index = 1; index <= count; index++)
      if (!set.has(index)) missing.push(`${index}/${count}`);
  return missing;
}

// The merged run's start line: the first record's profile, the earliest start, every host, the
// union of the records' limit catalogues (the first record's entry for an id wins).
function mergedStart(scans: readonly RecordScan[], limits: LimitInfo[]): RunStartLine {
  const first = (scans[0] as RecordScan).start;
  const starts = scans.map((s) => s.start);
  const unique = (values: string[]) => {
    const set = [...new Set(values)];
    return set.length > 4
      ? `${set.slice(0, 4).join(", ")} and ${set.length - 4} more`
      : set.join(", ");
  };
  const start: RunStartLine = {
    type: "run-start",
    format: first.format,
    runId: `merge of ${scans.length} records`,
    kind: first.kind,
    startedAt: starts.map((s) => s.startedAt).sort()[0] ?? first.startedAt,
    hostname: unique(starts.map((s) => s.hostname)),
    harness: {
      version: unique(starts.map((s) => s.harness.version)),
      commit: unique(starts.map((s) => s.harness.commit)),
    },
    profile: first.profile,
    limits,
  };
  // The gate: the strictest of the records' (a merge never waves through what a shard gated).
  const failOn = FAIL_ON_LEVELS.findLast((level) =>
    starts.some((s) => (s.failOn ?? DEFAULT_FAIL_ON) === level),
  );
  if (failOn) start.failOn = failOn;
  const stations = new Set(starts.map((s) => s.station?.name));
  if (stations.size === 1 && first.station) start.station = first.station;
  return start;
}

function latest(records: readonly MergedRecord[]): string {
  return (
    records
      .map((r) => r.endedAt ?? "")
      .sort()
      .at(-1) ?? ""
  );
}
