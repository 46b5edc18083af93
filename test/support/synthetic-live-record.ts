// A synthetic live run of one DUT: any number of readings over the bench channels, worst-reading
// verdicts, and 64-lane BER verdicts, deterministic for a seed. See synthetic-record.ts.
import type { LimitInfo } from "../../src/model/limit.js";
import { createCounts, type Outcome } from "../../src/model/outcome.js";
import type { RecordLine, RunStartLine, VerdictLine } from "../../src/run/record.js";
import { createRandom, createRunStart, iso, round } from "./synthetic-record.js";

export interface SyntheticLiveOptions {
  readings?: number;
  seed?: number;
  /** Readings per readings line. */
  batch?: number;
}

/** Channels of a live run, with the limits drawn on their plots and a nominal level. */
interface Channel {
  channel: string;
  unit: string;
  instrument: string;
  limitIds: string[];
  level: number;
  noise: number;
}

const CHANNELS: Channel[] = [
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
  start.station = SYNTHETIC_STATION;
  const limits = new Map(start.limits.map((l) => [l.id, l]));
  const subjectId = "dut-1";
  const lines: RecordLine[] = [start, ...createDutOpening(subjectId)];
  const perChannel = Math.floor(total / CHANNELS.length);
  const periodMs = 10;
  const spikeAt = Math.floor(perChannel * CASE_SPIKE_FRACTION);
  const counts = createCounts();
  const series = { perChannel, periodMs, spikeAt, batch };
  for (const ch of CHANNELS)
    lines.push(...createChannelReadings(ch, limits, random, subjectId, series));
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
    const verdict = createChannelVerdict(ch, limits, subjectId, spikeAt * periodMs, endMs);
    if (!verdict) continue;
    counts[verdict.outcome] += 1;
    lines.push(verdict);
  }
  for (const verdict of createBerVerdicts(limits, random, subjectId, endMs)) {
    counts[verdict.outcome] += 1;
    lines.push(verdict);
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

/** The bench a synthetic live run names: roles, resources, one identity. */
const SYNTHETIC_STATION: NonNullable<RunStartLine["station"]> = {
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

// The DUT's subject line and the output-on event that open a live run.
function createDutOpening(subjectId: string): RecordLine[] {
  return [
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
}

interface SeriesShape {
  perChannel: number;
  periodMs: number;
  spikeAt: number;
  batch: number;
}

// The readings lines of one channel, in batches; the case temperature spikes once over its limit.
function createChannelReadings(
  ch: Channel,
  limits: Map<string, LimitInfo>,
  random: () => number,
  subjectId: string,
  { perChannel, periodMs, spikeAt, batch }: SeriesShape,
): RecordLine[] {
  const lines: RecordLine[] = [];
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
  return lines;
}

// The worst-reading verdict of a channel with a limit (the case temperature fails).
function createChannelVerdict(
  ch: Channel,
  limits: Map<string, LimitInfo>,
  subjectId: string,
  spikeMs: number,
  endMs: number,
): VerdictLine | undefined {
  const limitId = ch.limitIds[0];
  const limit = limitId ? limits.get(limitId) : undefined;
  if (!limit) return undefined;
  const worst =
    ch.channel === "case temperature" ? (limit.bound.maximum ?? 0) + 2.5 : ch.level + ch.noise * 5;
  const outcome: Outcome = ch.channel === "case temperature" ? "fail" : "pass";
  const hi = limit.bound.maximum;
  const lo = limit.bound.minimum;
  const margin = Math.min(
    hi !== undefined ? hi - worst : Number.POSITIVE_INFINITY,
    lo !== undefined ? worst - lo : Number.POSITIVE_INFINITY,
  );
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
        `${ch.instrument} ${SYNTHETIC_STATION.instruments.find((i) => i.role === ch.instrument)?.resource ?? ""}`.trim(),
      command: "MEAS?",
    },
    conditions: { "supply voltage": "50 V", "coolant inlet": "42 °C" },
    time: iso(endMs),
  };
  if (outcome === "fail")
    verdict.reason = `reading at t=${spikeMs / 1000} s above ${limit.boundText}`;
  return verdict;
}

// Pre-FEC BER verdicts of the 64 lanes; lane 37 is marginal.
function createBerVerdicts(
  limits: Map<string, LimitInfo>,
  random: () => number,
  subjectId: string,
  endMs: number,
): VerdictLine[] {
  const ber = limits.get("SYN-OPT-001");
  if (!ber) return [];
  const verdicts: VerdictLine[] = [];
  {
    const max = ber.bound.maximum ?? 0;
    for (let lane = 0; lane < 64; lane++) {
      const marginal = lane === 37;
      const observed = marginal ? max * 0.97 : max * (0.01 + random() * 0.2);
      const outcome: Outcome = marginal ? "marginal" : "pass";
      verdicts.push({
        type: "verdict",
        subjectId,
        limitId: ber.id,
        subject: `lane ${lane} pre-FEC BER`,
        lane,
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
  return verdicts;
}
