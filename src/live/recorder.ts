// The live run's side of the run record: every line is flushed as soon as it is written, so
// SIGKILL loses at most the readings not yet batched. Readings are batched per channel.
import type { Severity } from "../model/limit.js";
import { type Counts, createCounts, isWarning } from "../model/outcome.js";
import type { EventLine, RecordLine, VerdictLine } from "../run/record.js";
import type { RecordWriter } from "../run/record-writer.js";

/** Readings per channel gathered before a `readings` line is written. */
const READINGS_BATCH = 20;

interface ChannelBuffer {
  unit: string;
  limitIds: string[];
  instrument?: string;
  t: number[];
  v: number[];
}

export type LiveVerdict = Omit<VerdictLine, "type" | "subjectId">;

export interface RecorderListener {
  verdict?(verdict: LiveVerdict): void;
  event?(event: EventLine): void;
  reading?(channel: string, value: number, unit: string): void;
}

export class LiveRecorder {
  readonly writer: RecordWriter;
  readonly subjectId: string;
  readonly counts: Counts;
  /** Failed limits below the gate (also in counts.fail): warnings, as `xpo validate` has them. */
  warnings: number;
  private readonly severityOf: (limitId: string) => Severity | undefined;
  private readonly timeScale: number;
  private readonly startReal = performance.now();
  private readonly offsetMs: number;
  private readonly buffers = new Map<string, ChannelBuffer>();
  private readonly listeners: RecorderListener[] = [];
  private sealed = false;
  /** A running measure step's verdicts, written when it completes (undefined: write at once). */
  private held: LiveVerdict[] | undefined;

  constructor(
    writer: RecordWriter,
    subjectId: string,
    options: {
      timeScale: number;
      offsetMs?: number;
      counts?: Counts;
      warnings?: number;
      severityOf?: (limitId: string) => Severity | undefined;
    },
  ) {
    this.writer = writer;
    this.subjectId = subjectId;
    this.timeScale = options.timeScale;
    this.offsetMs = options.offsetMs ?? 0;
    this.counts = options.counts ?? createCounts();
    this.warnings = options.warnings ?? 0;
    this.severityOf = options.severityOf ?? (() => undefined);
  }

  listen(listener: RecorderListener): void {
    this.listeners.push(listener);
  }

  // Bench time since the run started, ms (virtual time on a simulated bench).
  now(): number {
    return Math.round(this.offsetMs + (performance.now() - this.startReal) * this.timeScale);
  }

  // Append one line and flush it to disk at once.
  append(line: RecordLine): void {
    if (this.sealed) return;
    this.writer.append(line);
    this.writer.flush();
  }

  verdict(verdict: LiveVerdict): void {
    if (this.sealed) return;
    if (this.held !== undefined) {
      this.held.push(verdict);
      return;
    }
    this.writeVerdict(verdict);
  }

  // Hold a step's verdicts until it completes (releaseVerdicts) or is interrupted
  // (dropVerdicts): a step that re-runs on resume then has its verdicts in the record once.
  holdVerdicts(): void {
    this.held = [];
  }

  // Write the held verdicts (the step completed, or a final trip ended it).
  releaseVerdicts(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const verdict of held) this.writeVerdict(verdict);
  }

  // Forget the held verdicts of an interrupted step (it re-runs on resume); returns how many.
  dropVerdicts(): number {
    const count = this.held?.length ?? 0;
    this.held = undefined;
    return count;
  }

  private writeVerdict(verdict: LiveVerdict): void {
    this.counts[verdict.outcome]++;
    if (isWarning(verdict.outcome, this.severityOf(verdict.limitId))) this.warnings++;
    this.append({
      type: "verdict",
      subjectId: this.subjectId,
      time: new Date().toISOString(),
      ...verdict,
    });
    for (const l of this.listeners) l.verdict?.(verdict);
  }

  event(
    level: EventLine["level"],
    kind: string,
    message: string,
    extra: Pick<EventLine, "step" | "data"> = {},
  ): void {
    if (this.sealed) return;
    const line: EventLine = {
      type: "event",
      subjectId: this.subjectId,
      time: new Date().toISOString(),
      level,
      kind,
      message,
      ...extra,
    };
    this.append(line);
    for (const l of this.listeners) l.event?.(line);
  }

  // Add one reading of a channel; written in batches.
  reading(
    channel: string,
    unit: string,
    value: number,
    limitIds: string[] = [],
    instrument?: string,
  ): void {
    if (this.sealed || !Number.isFinite(value)) return;
    let buffer = this.buffers.get(channel);
    if (buffer === undefined) {
      buffer = { unit, limitIds, t: [], v: [], ...(instrument ? { instrument } : {}) };
      this.buffers.set(channel, buffer);
    }
    buffer.t.push(this.now());
    buffer.v.push(value);
    for (const l of this.listeners) l.reading?.(channel, value, unit);
    if (buffer.t.length >= READINGS_BATCH) this.flushChannel(channel, buffer);
  }

  // Write every channel's pending readings.
  flushReadings(): void {
    for (const [channel, buffer] of this.buffers) this.flushChannel(channel, buffer);
  }

  private flushChannel(channel: string, buffer: ChannelBuffer): void {
    if (buffer.t.length === 0) return;
    this.append({
      type: "readings",
      subjectId: this.subjectId,
      channel,
      unit: buffer.unit,
      t: buffer.t,
      v: buffer.v,
      ...(buffer.limitIds.length > 0 ? { limitIds: buffer.limitIds } : {}),
      ...(buffer.instrument ? { instrument: buffer.instrument } : {}),
    });
    buffer.t = [];
    buffer.v = [];
  }

  // Stop recording: later lines (from work still in flight after a trip) are dropped.
  seal(): void {
    this.flushReadings();
    this.sealed = true;
  }
}
