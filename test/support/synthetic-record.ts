// Synthetic run records for report tests and benchmarks: a validate run over N datasheets with a
// realistic mix of outcomes, and a live run with any number of readings over the bench channels
// plus 64-lane BER verdicts. Deterministic for a seed.
//
// The catalogue (synthetic-catalogue.json) is SYNTHETIC: ids start with SYN-, the source is "synthetic", and the bounds
// are made-up test values, not MSA limits. Real limits come only from schemas/.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import type { Bound, LimitInfo } from "../../src/model/limit.js";
import { createCounts, type Outcome } from "../../src/model/outcome.js";
import type { SubjectIdentity } from "../../src/model/subject-identity.js";
import {
  RECORD_FORMAT,
  type RecordLine,
  type RunStartLine,
  type VerdictLine,
} from "../../src/run/record.js";

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

export interface SyntheticValidateOptions {
  datasheets?: number;
  seed?: number;
  /** Put a hostile vendor string (`<script>`, `]]>`, control chars, lone surrogate) in datasheet 1. */
  hostile?: boolean;
  /** Drop subject-end of the last datasheet and run-end, as a crashed run leaves it. */
  incomplete?: boolean;
  /** Force the outcome mix: datasheets 1-4 get a fail, a marginal, an error, an input error. */
  showcase?: boolean;
}

const VENDORS = [
  "Acme Photonics",
  "Borealis Optics",
  "Cobalt Lightwave",
  "Delta Laser Works",
  "Epsilon Interconnect",
];
export const HOSTILE_VENDOR = `<script>alert(1)</script><img src=x onerror="window.__xss=1">`;
export const HOSTILE_PART = `PN ]]> &amp; <b>\u0001\u0000\u001f\uFFFE\uFFFF\uD800 "q" 'a'`;

const T0 = Date.parse("2026-11-20T14:00:00.000Z");
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function createRunStart(kind: RunStartLine["kind"], datasheets: number): RunStartLine {
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

// A validate run over N synthetic datasheets.
export function createSyntheticValidateRecord(
  options: SyntheticValidateOptions = {},
): RecordLine[] {
  const n = options.datasheets ?? 10;
  const random = createRandom(options.seed ?? 1);
  const limits = createSyntheticLimits();
  const lines: RecordLine[] = [createRunStart("validate", n)];
  const counts = createCounts();
  let inputErrors = 0;
  let clock = 50;
  for (let i = 0; i < n; i++) {
    const subjectId = `ds-${i + 1}`;
    const vendor = VENDORS[i % VENDORS.length] as string;
    const file = `datasheets/${slug(vendor)}/xpo-${String(i + 1).padStart(5, "0")}.yaml`;
    const identity: SubjectIdentity = {
      vendor,
      partNumber: `XPO-${(6400 + (i % 7) * 100).toString()}-${["DR8", "FR8", "LPO", "SR8"][i % 4]}`,
      hardwareRevision: `${1 + (i % 3)}.0`,
      firmwareRevision: `2.${i % 10}.1`,
      opticsVariant: ["DR8", "FR8", "LPO", "SR8"][i % 4] as string,
    };
    if (options.hostile && i === 0) {
      identity.vendor = HOSTILE_VENDOR;
      identity.partNumber = HOSTILE_PART;
    }
    lines.push({
      type: "subject",
      subjectId,
      kind: "datasheet",
      name: file,
      file,
      identity,
      startedAt: iso(clock),
    });
    const roll = random();
    const showcase = options.showcase ? i : -1;
    const inputError = showcase === 3 || (!options.showcase && roll < 0.02);
    if (inputError) {
      inputErrors += 1;
      lines.push({
        type: "input-error",
        subjectId,
        code: "XPO_YAML_SYNTAX",
        message: options.hostile
          ? `bad indentation near "${HOSTILE_VENDOR}"`
          : "bad indentation of a mapping entry",
        remedy: "Fix the YAML syntax at the line shown.",
        file,
        line: 14,
        column: 3,
      });
    } else {
      // Showcase: datasheet 1 fails SYN-PWR-001, 2 is marginal on SYN-COO-003, 3 has an error.
      const pick = (chance: boolean) => (chance ? Math.floor(random() * limits.length) : -1);
      const failAt = pick(!options.showcase && roll > 0.9);
      const marginalAt = pick(!options.showcase && roll > 0.8 && roll < 0.9);
      const errorAt = showcase === 2 ? 7 : pick(!options.showcase && roll > 0.02 && roll < 0.04);
      limits.forEach((limit, k) => {
        let outcome: Outcome = "pass";
        if (
          limit.appliesWhen &&
          !(identity.opticsVariant === "LPO" && limit.id === "SYN-PWR-005") &&
          !(identity.opticsVariant !== "SR8" && limit.id === "SYN-OPT-004")
        )
          outcome = "not-applicable";
        else if (k === failAt || (showcase === 0 && limit.id === "SYN-PWR-001")) outcome = "fail";
        else if (k === marginalAt || (showcase === 1 && limit.id === "SYN-COO-003"))
          outcome = "marginal";
        else if (k === errorAt) outcome = "error";
        const verdict = createVerdict(subjectId, limit, outcome, random, {
          file,
          line: 5 + k * 2,
          column: 5,
        });
        verdict.time = iso(clock);
        counts[verdict.outcome] += 1;
        lines.push(verdict);
      });
    }
    clock += 3;
    if (!(options.incomplete && i === n - 1))
      lines.push({ type: "subject-end", subjectId, endedAt: iso(clock) });
  }
  if (!options.incomplete) {
    lines.push({
      type: "run-end",
      endedAt: iso(clock + 5),
      counts,
      inputErrors,
      exitCode: counts.fail > 0 ? 1 : counts.error > 0 || inputErrors > 0 ? 2 : 0,
    });
  }
  return lines;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

// A verdict for a limit with an observed value chosen to produce the outcome.
function createVerdict(
  subjectId: string,
  limit: LimitInfo,
  outcome: Outcome,
  random: () => number,
  evidence: VerdictLine["evidence"],
): VerdictLine {
  const { bound } = limit;
  const verdict: VerdictLine = {
    type: "verdict",
    subjectId,
    limitId: limit.id,
    subject: limit.subject.replace("*", "0"),
    observed: null,
    unit: limit.unit,
    margin: null,
    outcome,
  };
  if (evidence) verdict.evidence = evidence;
  if (outcome === "not-applicable") {
    verdict.reason = `applies to ${limit.appliesWhen ?? "other modules"}`;
    return verdict;
  }
  if (outcome === "error") {
    verdict.reason = "the derived value could not be computed: lane count missing";
    return verdict;
  }
  if (bound.enum) {
    const options = bound.enum as string[];
    verdict.observed =
      outcome === "fail" ? "unknown" : options[Math.floor(random() * options.length)];
    if (outcome === "fail") verdict.reason = `"unknown" is not ${limit.boundText}`;
    if (outcome === "marginal") verdict.outcome = "pass";
    return verdict;
  }
  const hi = bound.maximum;
  const lo = bound.minimum;
  const scale = hi !== undefined && lo !== undefined ? (hi - lo) / 2 : Math.abs(hi ?? lo ?? 1) || 1;
  const guard = round(scale * 0.02);
  const [edge, inward] = hi !== undefined ? [hi, -1] : [lo as number, 1];
  let value: number;
  if (outcome === "fail") value = edge - inward * scale * (0.02 + random() * 0.1);
  else if (outcome === "marginal") value = edge + inward * guard * random() * 0.9;
  else value = edge + inward * scale * (0.1 + random() * 0.6);
  value = round(value);
  const margins = [
    hi !== undefined ? hi - value : Number.POSITIVE_INFINITY,
    lo !== undefined ? value - lo : Number.POSITIVE_INFINITY,
  ];
  verdict.observed = value;
  verdict.margin = round(Math.min(...margins));
  if (outcome === "marginal") verdict.guard = guard;
  if (outcome === "fail") verdict.reason = `${value} ${limit.unit} is outside ${limit.boundText}`;
  return verdict;
}

function round(value: number): number {
  return Number(value.toPrecision(5));
}

export interface SyntheticLiveOptions {
  readings?: number;
  seed?: number;
  /** Readings per readings line. */
  batch?: number;
}

/** Channels of a live run, with the limits drawn on their plots and a nominal level. */
const CHANNELS: {
  channel: string;
  unit: string;
  instrument: string;
  limitIds: string[];
  level: number;
  noise: number;
}[] = [
  {
    channel: "supply voltage",
    unit: "V",
    instrument: "psu",
    limitIds: ["SYN-ELE-001"],
    level: 50,
    noise: 0.05,
  },
  {
    channel: "supply current",
    unit: "A",
    instrument: "psu",
    limitIds: ["SYN-ELE-002"],
    level: 8.6,
    noise: 0.15,
  },
  {
    channel: "supply power",
    unit: "W",
    instrument: "power-meter",
    limitIds: ["SYN-PWR-001"],
    level: 430,
    noise: 6,
  },
  {
    channel: "coolant inlet temperature",
    unit: "°C",
    instrument: "chiller",
    limitIds: ["SYN-COO-001"],
    level: 42,
    noise: 0.1,
  },
  {
    channel: "coolant outlet temperature",
    unit: "°C",
    instrument: "chiller",
    limitIds: [],
    level: 48,
    noise: 0.15,
  },
  {
    channel: "coolant flow",
    unit: "L/min",
    instrument: "chiller",
    limitIds: ["SYN-COO-002"],
    level: 1.2,
    noise: 0.02,
  },
  {
    channel: "case temperature",
    unit: "°C",
    instrument: "thermal-logger",
    limitIds: ["SYN-COO-005"],
    level: 61,
    noise: 0.3,
  },
];

/** Index of the case-temperature sample that spikes above its limit (for peak tests). */
export const CASE_SPIKE_FRACTION = 0.61;

// A live run of one DUT with `readings` readings spread over the bench channels.
export function createSyntheticLiveRecord(options: SyntheticLiveOptions = {}): RecordLine[] {
  const total = options.readings ?? 1_000_000;
  const batch = options.batch ?? 1000;
  const random = createRandom(options.seed ?? 7);
  const start = createRunStart("live", 1);
  start.station = {
    name: "lab-bench-2",
    file: "stations/lab-bench-2.yaml",
    instruments: [
      {
        role: "psu",
        resource: "TCPIP0::10.0.0.21::5025::SOCKET",
        identity: "SIM,PSU-60-20,0001,1.0",
      },
      { role: "power-meter", resource: "TCPIP0::10.0.0.22::5025::SOCKET" },
      { role: "chiller", resource: "ASRL/dev/ttyUSB0::INSTR" },
      { role: "thermal-logger", resource: "ASRL/dev/ttyUSB1::INSTR" },
      { role: "bert", resource: "TCPIP0::10.0.0.30::5025::SOCKET" },
    ],
  };
  const limits = new Map(start.limits.map((l) => [l.id, l]));
  const subjectId = "dut-1";
  const lines: RecordLine[] = [
    start,
    {
      type: "subject",
      subjectId,
      kind: "dut",
      name: "XPO-6400-DR8 SN A1B2C3",
      identity: {
        vendor: "Acme Photonics",
        partNumber: "XPO-6400-DR8",
        serialNumber: "A1B2C3",
        hardwareRevision: "1.0",
        firmwareRevision: "2.3.1",
        opticsVariant: "DR8",
      },
      startedAt: iso(0),
    },
    {
      type: "event",
      subjectId,
      time: iso(1000),
      level: "info",
      kind: "output-on",
      message: "supply output on at 50 V, current limit set first",
      step: "power-up",
    },
  ];
  const perChannel = Math.floor(total / CHANNELS.length);
  const periodMs = 10;
  const spikeAt = Math.floor(perChannel * CASE_SPIKE_FRACTION);
  const counts = createCounts();
  for (const ch of CHANNELS) {
    const maxId = ch.limitIds[0];
    const caseLimit = maxId ? limits.get(maxId)?.bound.maximum : undefined;
    for (let from = 0; from < perChannel; from += batch) {
      const size = Math.min(batch, perChannel - from);
      const t = new Array<number>(size);
      const v = new Array<number>(size);
      for (let k = 0; k < size; k++) {
        const i = from + k;
        const drift = Math.sin((i / perChannel) * Math.PI * 3) * ch.noise * 4;
        let value = ch.level + drift + (random() - 0.5) * 2 * ch.noise;
        if (ch.channel === "case temperature" && i === spikeAt && caseLimit !== undefined)
          value = caseLimit + 2.5;
        t[k] = i * periodMs;
        v[k] = Math.round(value * 1000) / 1000;
      }
      const line: RecordLine = {
        type: "readings",
        subjectId,
        channel: ch.channel,
        unit: ch.unit,
        instrument: ch.instrument,
        t,
        v,
      };
      if (ch.limitIds.length > 0) line.limitIds = ch.limitIds;
      lines.push(line);
    }
  }
  const endMs = perChannel * periodMs;
  lines.push({
    type: "event",
    subjectId,
    time: iso(spikeAt * periodMs),
    level: "warning",
    kind: "case-temperature-high",
    message:
      "case temperature above its limit for one sample; supply left on (below the trip threshold)",
    step: "soak",
  });
  for (const ch of CHANNELS) {
    const limitId = ch.limitIds[0];
    const limit = limitId ? limits.get(limitId) : undefined;
    if (!limit) continue;
    const worst =
      ch.channel === "case temperature"
        ? (limit.bound.maximum ?? 0) + 2.5
        : ch.level + ch.noise * 5;
    const outcome: Outcome = ch.channel === "case temperature" ? "fail" : "pass";
    const hi = limit.bound.maximum;
    const lo = limit.bound.minimum;
    const margin = Math.min(
      hi !== undefined ? hi - worst : Number.POSITIVE_INFINITY,
      lo !== undefined ? worst - lo : Number.POSITIVE_INFINITY,
    );
    counts[outcome] += 1;
    const verdict: VerdictLine = {
      type: "verdict",
      subjectId,
      limitId: limit.id,
      subject: `${ch.channel} (worst reading)`,
      observed: round(worst),
      unit: ch.unit,
      margin: round(margin),
      outcome,
      evidence: {
        instrument:
          `${ch.instrument} ${start.station.instruments.find((i) => i.role === ch.instrument)?.resource ?? ""}`.trim(),
        command: "MEAS?",
      },
      conditions: { "supply voltage": "50 V", "coolant inlet": "42 °C" },
      time: iso(endMs),
    };
    if (outcome === "fail")
      verdict.reason = `reading at t=${(spikeAt * periodMs) / 1000} s above ${limit.boundText}`;
    lines.push(verdict);
  }
  const ber = limits.get("SYN-OPT-001");
  if (ber) {
    const max = ber.bound.maximum ?? 0;
    for (let lane = 0; lane < 64; lane++) {
      const marginal = lane === 37;
      const observed = marginal ? max * 0.97 : max * (0.01 + random() * 0.2);
      const outcome: Outcome = marginal ? "marginal" : "pass";
      counts[outcome] += 1;
      lines.push({
        type: "verdict",
        subjectId,
        limitId: ber.id,
        subject: `lane ${lane} pre-FEC BER`,
        observed: Number(observed.toPrecision(3)),
        unit: "",
        margin: Number((max - observed).toPrecision(3)),
        outcome,
        guard: max * 0.05,
        evidence: {
          instrument: "bert TCPIP0::10.0.0.30::5025::SOCKET",
          command: `FETC:BER? (@${lane + 1})`,
        },
        time: iso(endMs),
      });
    }
  }
  lines.push({
    type: "event",
    subjectId,
    time: iso(endMs + 500),
    level: "info",
    kind: "output-off",
    message: "supply output off (procedure complete)",
    step: "power-down",
  });
  lines.push({ type: "subject-end", subjectId, endedAt: iso(endMs + 1000) });
  lines.push({
    type: "run-end",
    endedAt: iso(endMs + 1200),
    counts,
    inputErrors: 0,
    exitCode: counts.fail > 0 ? 1 : 0,
  });
  return lines;
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
