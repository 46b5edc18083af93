// Synthetic run records for report tests and benchmarks: a validate run over N datasheets with a
// realistic mix of outcomes, and a live run with any number of readings over the bench channels
// plus 64-lane BER verdicts. Deterministic for a seed.
//
// The catalogue (synthetic-catalogue.json) is SYNTHETIC: ids start with SYN-, the source is "synthetic", and the bounds
// are made-up test values, not MSA limits. Real limits come only from schemas/.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import type { Bound, LimitInfo } from "../../src/model/limit.js";
import { RECORD_FORMAT, type RecordLine, type RunStartLine } from "../../src/run/record.js";

/** One synthetic limit as test/support/synthetic-catalogue.json writes it (named keys). */
interface CatalogueEntry extends Omit<LimitInfo, "boundText" | "bound" | "source"> {
  minimum?: number | undefined;
  maximum?: number | undefined;
  enum?: string[] | undefined;
}

const CATALOGUE = JSON.parse(
  readFileSync(new URL("./synthetic-catalogue.json", import.meta.url), "utf8"),
) as CatalogueEntry[];

const SOURCE = "synthetic";

// Say a synthetic bound in words, as the profile loader would.
function describeSyntheticBound(entry: CatalogueEntry): string {
  const unit = entry.unit ? ` ${entry.unit}` : "";
  if (entry.enum) return `one of ${entry.enum.join(", ")}`;
  if (entry.minimum !== undefined && entry.maximum !== undefined)
    return `${entry.minimum} .. ${entry.maximum}${unit}`;
  if (entry.maximum !== undefined) return `<= ${entry.maximum}${unit}`;
  return `>= ${entry.minimum}${unit}`;
}

// The synthetic limit catalogue, shaped as run-start.limits.
export function createSyntheticLimits(): LimitInfo[] {
  return CATALOGUE.map(({ minimum, maximum, enum: options, appliesWhen, ...entry }) => {
    const bound: Bound = {};
    if (minimum !== undefined) bound.minimum = minimum;
    if (maximum !== undefined) bound.maximum = maximum;
    if (options) bound.enum = options;
    const limit: LimitInfo = {
      id: entry.id,
      area: entry.area,
      title: entry.title,
      boundText: describeSyntheticBound({ ...entry, minimum, maximum, enum: options }),
      bound,
      unit: entry.unit,
      source: SOURCE,
      confidence: entry.confidence,
      severity: entry.severity,
      subject: entry.subject,
    };
    if (appliesWhen) limit.appliesWhen = appliesWhen;
    return limit;
  });
}

// Deterministic PRNG (mulberry32), shared with the benchmarks' datasheet generator.
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE_VENDOR = `<script>alert(1)</script><img src=x onerror="window.__xss=1">`;
export const HOSTILE_PART = `PN ]]> &amp; <b>\u0001\u0000\u001f\uFFFE\uFFFF\uD800 "q" 'a'`;

const T0 = Date.parse("2026-11-20T14:00:00.000Z");
export const iso = (ms: number) => new Date(T0 + ms).toISOString();

export function createRunStart(kind: RunStartLine["kind"], datasheets: number): RunStartLine {
  return {
    type: "run-start",
    format: RECORD_FORMAT,
    runId: `synthetic-${kind}-${datasheets}`,
    kind,
    startedAt: iso(0),
    hostname: "ci-runner-07",
    harness: { version: "0.1.0", commit: "0117b43c0ffe" },
    profile: {
      id: "xpo-1.0-synthetic",
      revision: "1.0",
      title: "Synthetic XPO profile (test data, not MSA limits)",
      hash: "9f2c4e0d8a1b7c3e5f60718293a4b5c6d7e8f9011223344556677889900aabbcc".slice(0, 64),
      decisionRule:
        "marginal when the value is within the guard band (measurement uncertainty) of a bound; guard band from the datasheet tolerance",
    },
    limits: createSyntheticLimits(),
    argv:
      kind === "validate"
        ? ["validate", "datasheets/", "--out", "reports/"]
        : ["run", "station.yaml"],
  };
}

export function round(value: number): number {
  return Number(value.toPrecision(5));
}

// The record as JSONL text.
export function serializeRecord(lines: readonly RecordLine[]): string {
  let out = "";
  for (const line of lines) out += `${JSON.stringify(line)}\n`;
  return out;
}

// Write the record as JSONL.
export async function writeRecord(lines: readonly RecordLine[], path: string): Promise<void> {
  await writeFile(path, serializeRecord(lines));
}
