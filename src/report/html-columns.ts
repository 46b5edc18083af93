// The shape of the data report.html embeds, shared by its builder (html-data.ts, in Node) and the
// page script (html-client/, in the browser). Rows are compact tuples (300,000 verdicts stay a
// few megabytes); both sides read and write them only through these named column maps.
import type { Outcome } from "../model/outcome.js";

/** How a failed verdict below the gate starts its reason; the page shows it as a warning. */
export const WARNING_REASON = "WARNING, not failing: ";

/** Columns of a limit row. */
export const LIMIT = {
  id: 0,
  /** index into ReportData.areas; -1 for a limit not in the record's catalogue */
  area: 1,
  title: 2,
  bound: 3,
  unit: 4,
  source: 5,
  confidence: 6,
  severity: 7,
  /** the JSON pointer of the value the limit checks */
  pointer: 8,
  /** the margin that fills a whole bar, or null */
  barScale: 9,
  note: 10,
  /** the maximum of a bound on a ratio (a bit error ratio): margins show in decades; else null */
  decadesOf: 11,
} as const;

export type LimitRow = [
  id: string,
  area: number,
  title: string,
  bound: string,
  unit: string,
  source: string,
  confidence: string,
  severity: string,
  pointer: string,
  barScale: number | null,
  note: string,
  decadesOf: number | null,
];

/** Columns of a subject row. */
export const SUBJECT = {
  name: 0,
  file: 1,
  identity: 2,
  kind: 3,
  /** counts by outcome, in ReportData.outcomes order */
  counts: 4,
  /** worst outcome index per area, -1 for none */
  worstByArea: 5,
  inputErrors: 6,
  finished: 7,
} as const;

export type SubjectRow = [
  name: string,
  file: string,
  identity: string,
  kind: string,
  counts: number[],
  worstByArea: number[],
  inputErrors: number,
  finished: boolean,
];

/** Columns of an input-error row. */
export const INPUT_ERROR = { subject: 0, code: 1, message: 2, remedy: 3, where: 4 } as const;

export type InputErrorRow = [
  subject: number,
  code: string,
  message: string,
  remedy: string,
  where: string,
];

/** Columns of an event row; subject -1 is the run itself. */
export const EVENT = { subject: 0, time: 1, level: 2, kind: 3, message: 4, step: 5 } as const;

export type EventRow = [
  subject: number,
  time: string,
  level: string,
  kind: string,
  message: string,
  step: string,
];

/** One column per verdict field, one entry per verdict. */
export interface VerdictColumns {
  /** subject index */
  s: number[];
  /** limit index */
  l: number[];
  /** outcome index into ReportData.outcomes */
  o: number[];
  /** observed, as text */
  x: string[];
  /** margin */
  m: (number | null)[];
  /** evidence; a leading ":" means "in the subject's own file" */
  e: string[];
  /** reason */
  r: string[];
  /** subject pointer, when it differs from the limit's */
  p: string[];
}

/** A text column of a packed block: its distinct values and, per row, the index of its value
 * (a block of 4,096 rows has at most a few hundred distinct texts per column, observed values
 * aside; the blocks of a 10,000-datasheet page inflate to about a third of the plain JSON). */
export type TextDictionary = [values: string[], index: number[]];

/** One packed block (html-packed.ts): VerdictColumns with every text column as a dictionary. */
export interface PackedColumns {
  s: number[];
  l: number[];
  o: number[];
  x: TextDictionary;
  m: (number | null)[];
  e: TextDictionary;
  r: TextDictionary;
  p: TextDictionary;
}

/** One plotted channel of one subject, downsampled. */
export interface PlotData {
  s: number;
  channel: string;
  unit: string;
  instrument: string;
  /** readings recorded, before downsampling */
  n: number;
  t: number[];
  v: number[];
  /** horizontal limit lines */
  lines: [label: string, value: number][];
}

/** Everything the page script reads from the embedded JSON block. */
export interface ReportData {
  outcomes: readonly Outcome[];
  areas: readonly string[];
  limits: LimitRow[];
  subjects: SubjectRow[];
  /** The failing, marginal and error rows, worst first. */
  v: VerdictColumns;
  /** Every other row (pass, not applicable): blocks of gzip-compressed JSON PackedColumns, in
   * base64, in record order (html-packed.ts); the page appends them to `v` once unpacked. */
  packed: string[];
  /** Rows in the run: `v`'s and the packed ones. */
  rows: number;
  inputErrors: InputErrorRow[];
  events: EventRow[];
  plots: PlotData[];
  /** Bench seconds per real second of a live run (a simulated bench runs faster); 1 otherwise. */
  timeScale?: number;
  /** Hover text of each cited source id (S3: publisher, date, what it states). */
  sourceTitles?: Record<string, string>;
}

/** A row's values by column name. */
export type RowValues<M extends Record<string, number>, R extends readonly unknown[]> = {
  [K in keyof M]: R[M[K]];
};

// Build a row from its values by column name (every column of the map is filled, no holes).
export function makeRow<M extends Record<string, number>, R extends unknown[]>(
  columns: M,
  values: RowValues<M, R>,
): R {
  const row: unknown[] = [];
  for (const key of Object.keys(columns) as (keyof M)[]) row[columns[key]] = values[key];
  return row as R;
}
