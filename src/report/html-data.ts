// The data the HTML report embeds as JSON: compact, column-oriented arrays so that 300,000
// verdicts stay a few megabytes, and downsampled readings for the plots. The page builds its
// rows from this in the browser (pages of rows, never one DOM node per verdict up front). The
// shape and the column maps are in html-columns.ts, shared with the page script.
import { AREAS, assumedSuffix, type Bound, type LimitInfo, type Severity } from "../model/limit.js";
import { DEFAULT_FAIL_ON, isWarning, OUTCOMES, type Outcome } from "../model/outcome.js";
import type { EventLine, VerdictLine } from "../run/record.js";
import { downsampleMinMax } from "./downsample.js";
import {
  formatEvidence,
  formatIdentity,
  formatLimit,
  formatObserved,
  getWorstOutcome,
} from "./format.js";
import { describeGate } from "./gate.js";
import {
  EVENT,
  type EventRow,
  INPUT_ERROR,
  type InputErrorRow,
  LIMIT,
  type LimitRow,
  makeRow,
  type PlotData,
  type ReportData,
  SUBJECT,
  type SubjectRow,
  type VerdictColumns,
  WARNING_REASON,
} from "./html-columns.js";
import { type ColumnSink, emptyColumns, PackedRows } from "./html-packed.js";
import type { SubjectView } from "./reporter.js";

/** Buckets per plotted channel: at most twice as many points are drawn. */
const PLOT_BUCKETS = 1200;

/** Counts by outcome for each area (the "By area" table), in AREAS order. */
export type AreaCounts = Record<Outcome, number>[];

/** What the page shows above the rows, gathered subject by subject. */
export interface RunTotals {
  counts: Record<Outcome, number>;
  /** Failed limits below the gate (also in counts.fail). */
  warnings: number;
  /** With --baseline: "old/run.jsonl: 1 new, 3 unchanged, 2 fixed (...)". */
  baseline?: string;
  inputErrors: number;
  subjects: number;
  /** The first subject's line (the page names it when it is the only one). */
  first?: SubjectView["subject"];
  allDatasheets: boolean;
  areaCounts: AreaCounts;
}

const AREA_INDEX = new Map<string, number>(AREAS.map((a, i) => [a, i]));
const OUTCOME_INDEX = new Map<Outcome, number>(OUTCOMES.map((o, i) => [o, i]));

/**
 * Builds the page's data one subject at a time (`xpo validate` feeds each datasheet as it is
 * checked, so no second pass over the record is needed), then `finish()`.
 */
export class ReportDataBuilder {
  readonly #limitsById: ReadonlyMap<string, LimitInfo>;
  readonly #limitIndex = new Map<string, number>();
  readonly #limits: LimitRow[] = [];
  /** Failing, marginal and error rows, inline in the page. */
  readonly #v: VerdictColumns = emptyColumns();
  /** Every other row, packed as it arrives (html-packed.ts). */
  readonly #packed = new PackedRows();
  readonly #subjects: SubjectRow[] = [];
  readonly #inputErrors: InputErrorRow[] = [];
  readonly #events: EventRow[] = [];
  readonly #plots: PlotData[] = [];
  readonly totals: RunTotals = {
    counts: createOutcomeCounts(),
    warnings: 0,
    inputErrors: 0,
    subjects: 0,
    allDatasheets: true,
    areaCounts: AREAS.map(() => createOutcomeCounts()),
  };

  readonly #failOn: Severity;

  constructor(limits: ReadonlyMap<string, LimitInfo>, failOn: Severity = DEFAULT_FAIL_ON) {
    this.#limitsById = limits;
    this.#failOn = failOn;
    for (const limit of limits.values()) this.#addLimit(limit);
  }

  addSubject(s: SubjectView): void {
    const si = this.#subjects.length;
    const file = s.subject.file ?? "";
    const areaCounts = AREAS.map(() => createOutcomeCounts());
    for (const verdict of s.verdicts) this.#addVerdict(si, file, verdict, areaCounts);
    const worstByArea = areaCounts.map((counts) => {
      const worst = getWorstOutcome(counts);
      return worst === undefined ? -1 : (OUTCOME_INDEX.get(worst) ?? -1);
    });
    this.#subjects.push(
      makeRow<typeof SUBJECT, SubjectRow>(SUBJECT, {
        name: s.subject.name,
        file,
        identity: formatIdentity(s.subject.identity),
        kind: s.subject.kind,
        counts: OUTCOMES.map((o) => s.counts[o]),
        worstByArea,
        inputErrors: s.inputErrors.length,
        finished: s.endedAt !== undefined,
      }),
    );
    this.#addTotals(s);
    for (const e of s.inputErrors) {
      const { code, message, remedy } = e;
      const row = { subject: si, code, message, remedy, where: formatEvidence(e) };
      this.#inputErrors.push(makeRow<typeof INPUT_ERROR, InputErrorRow>(INPUT_ERROR, row));
    }
    for (const e of s.events) this.#events.push(toEventRow(si, e));
    this.#addPlots(si, s);
  }

  // The page data, with events not tied to a subject last.
  finish(runEvents: readonly EventLine[]): ReportData {
    for (const e of runEvents) this.#events.push(toEventRow(-1, e));
    return {
      outcomes: OUTCOMES,
      areas: AREAS,
      limits: this.#limits,
      subjects: this.#subjects,
      v: worstFirst(this.#v),
      packed: this.#packed.finish(),
      rows: this.#v.s.length + this.#packed.rows,
      inputErrors: this.#inputErrors,
      events: this.#events,
      plots: this.#plots,
    };
  }

  // One verdict into the columns; counted in its subject's and the run's area counts.
  #addVerdict(si: number, file: string, verdict: VerdictLine, areaCounts: AreaCounts): void {
    let li = this.#limitIndex.get(verdict.limitId);
    if (li === undefined) li = this.#addUnknownLimit(verdict);
    const limit = this.#limits[li] as LimitRow;
    const ai = limit[LIMIT.area];
    if (ai >= 0) {
      (areaCounts[ai] as Record<Outcome, number>)[verdict.outcome] += 1;
      (this.totals.areaCounts[ai] as Record<Outcome, number>)[verdict.outcome] += 1;
    }
    const oi = OUTCOME_INDEX.get(verdict.outcome) ?? 0;
    const inline = PROBLEM_RANK[oi] !== undefined;
    const v: ColumnSink = inline ? this.#v : this.#packed.open;
    v.s.push(si);
    v.l.push(li);
    v.o.push(oi);
    v.x.push(formatObserved(verdict.observed));
    v.m.push(typeof verdict.margin === "number" ? verdict.margin : null);
    const evidence = verdict.evidence;
    if (evidence && file && evidence.file === file && evidence.instrument === undefined) {
      const column = evidence.column === undefined ? "" : `:${evidence.column}`;
      v.e.push(evidence.line === undefined ? ":" : `:${evidence.line}${column}`);
    } else {
      v.e.push(formatEvidence(evidence));
    }
    const info = this.#limitsById.get(verdict.limitId);
    const warning = isWarning(verdict.outcome, info?.severity, this.#failOn);
    if (warning) this.totals.warnings += 1;
    const gate = warning ? `${WARNING_REASON}${describeGate(info, this.#failOn)}; ` : "";
    v.r.push(`${gate}${verdict.reason ?? ""}${assumedSuffix(info)}`);
    const lane = verdict.lane === undefined ? "" : `lane ${verdict.lane} (${verdict.subject})`;
    v.p.push(lane || (verdict.subject === limit[LIMIT.pointer] ? "" : verdict.subject));
    if (!inline) this.#packed.flushIfFull();
  }

  #addTotals(s: SubjectView): void {
    const { totals } = this;
    for (const o of OUTCOMES) totals.counts[o] += s.counts[o];
    totals.inputErrors += s.inputErrors.length;
    totals.subjects += 1;
    totals.first ??= s.subject;
    if (s.subject.kind !== "datasheet") totals.allDatasheets = false;
  }

  #addPlots(si: number, s: SubjectView): void {
    for (const series of s.channels.values()) {
      const points = downsampleMinMax(series.t, series.v, PLOT_BUCKETS);
      this.#plots.push({
        s: si,
        channel: series.channel,
        unit: series.unit,
        instrument: series.instrument ?? "",
        n: series.count,
        t: points.t.map((ms) => Math.round(ms) / 1000),
        v: points.v,
        lines: series.limitIds.flatMap((id) => getLimitLines(this.#limitsById.get(id))),
      });
    }
  }

  // A verdict naming a limit the record's catalogue lacks still gets a row (area -1: no area).
  #addUnknownLimit(verdict: VerdictLine): number {
    const li = this.#addLimit({
      id: verdict.limitId,
      area: "mechanical",
      title: "(limit not in the record's catalogue)",
      boundText: "",
      bound: {},
      unit: verdict.unit,
      source: "",
      confidence: "assumed",
      severity: "informative",
      subject: verdict.subject,
    });
    (this.#limits[li] as LimitRow)[LIMIT.area] = -1;
    return li;
  }

  #addLimit(limit: LimitInfo): number {
    const index = this.#limits.length;
    this.#limitIndex.set(limit.id, index);
    const note = [limit.note, limit.appliesWhen ? `applies: ${limit.appliesWhen}` : undefined];
    this.#limits.push(
      makeRow<typeof LIMIT, LimitRow>(LIMIT, {
        id: limit.id,
        area: AREA_INDEX.get(limit.area) ?? -1,
        title: limit.title,
        bound: formatLimit(limit),
        unit: limit.unit,
        source: limit.source,
        confidence: limit.confidence,
        severity: limit.severity,
        pointer: limit.subject,
        barScale: getBarScale(limit.bound),
        note: note.filter(Boolean).join(" · "),
        decadesOf: getDecadesBound(limit),
      }),
    );
    return index;
  }
}

/** Rank of the outcomes kept inline, by outcome index: fail, then error, then marginal. */
const PROBLEM_RANK: (number | undefined)[] = OUTCOMES.map((o) =>
  o === "fail" ? 0 : o === "error" ? 1 : o === "marginal" ? 2 : undefined,
);

// The inline rows worst first (fail, error, marginal), in record order within each outcome.
function worstFirst(v: VerdictColumns): VerdictColumns {
  const order = v.o.map((_, i) => i);
  const rank = (i: number) => PROBLEM_RANK[v.o[i] as number] ?? 9;
  order.sort((a, b) => rank(a) - rank(b) || a - b);
  const pick = <T>(column: T[]): T[] => order.map((i) => column[i] as T);
  return {
    s: pick(v.s),
    l: pick(v.l),
    o: pick(v.o),
    x: pick(v.x),
    m: pick(v.m),
    e: pick(v.e),
    r: pick(v.r),
    p: pick(v.p),
  };
}

function toEventRow(si: number, e: EventLine): EventRow {
  const { time, level, kind, message } = e;
  const row = { subject: si, time, level, kind, message, step: e.step ?? "" };
  return makeRow<typeof EVENT, EventRow>(EVENT, row);
}

function createOutcomeCounts(): Record<Outcome, number> {
  return { pass: 0, fail: 0, marginal: 0, "not-applicable": 0, error: 0 };
}

// Horizontal lines for a limit's numeric bounds, labelled with the limit id and bound.
function getLimitLines(limit: LimitInfo | undefined): [string, number][] {
  if (!limit) return [];
  const { bound } = limit;
  const lines: [string, number][] = [];
  const add = (label: string, value: number | undefined) => {
    if (typeof value === "number" && Number.isFinite(value)) {
      lines.push([`${limit.id} ${label} ${value} ${limit.unit}`.trim(), value]);
    }
  };
  add("max", bound.maximum);
  add("max (excl.)", bound.exclusiveMaximum);
  add("min", bound.minimum);
  add("min (excl.)", bound.exclusiveMinimum);
  return lines;
}

// A bit error ratio spans decades: a margin of +0.000239968 says nothing, "+1.9 decades" does.
// Only for a positive upper bound on a quantity in "ratio" (the page shows log10(bound/observed)).
function getDecadesBound(limit: LimitInfo): number | null {
  const { maximum, exclusiveMaximum, minimum, exclusiveMinimum } = limit.bound;
  const high = maximum ?? exclusiveMaximum;
  if (limit.unit !== "ratio" || high === undefined || !(high > 0)) return null;
  return minimum === undefined && exclusiveMinimum === undefined ? high : null;
}

// The margin that fills a whole bar: half the range of a two-sided bound, else the bound's size.
function getBarScale(bound: Bound): number | null {
  const hi = bound.maximum ?? bound.exclusiveMaximum;
  const lo = bound.minimum ?? bound.exclusiveMinimum;
  let scale: number | undefined;
  if (hi !== undefined && lo !== undefined) scale = (hi - lo) / 2;
  else scale = Math.abs(hi ?? lo ?? 0);
  return scale > 0 && Number.isFinite(scale) ? scale : null;
}

// Serialize data for a <script type="application/json"> block: `<`, `>`, `&`, U+2028 and
// U+2029 become \u escapes, so no string can close the block or start markup.
export function serializeForScript(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
