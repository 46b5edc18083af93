// The page's data and the state of its filters, shared by the sections of the page script.
import {
  LIMIT,
  type LimitRow,
  type ReportData,
  SUBJECT,
  type SubjectRow,
  type VerdictColumns,
} from "../html-columns.js";
import { at } from "./dom.js";

/** Limit rows per page of the table. */
export const PAGE = 100;
/** Subjects per page of the matrix. */
export const MPAGE = 50;

/** How an outcome is written in pills and matrix cells. */
export const LABEL: Record<string, string> = {
  pass: "pass",
  fail: "FAIL",
  marginal: "marginal",
  error: "error",
  "not-applicable": "n/a",
};

/** What the filters and pagers are set to. */
export interface FilterState {
  /** "all", "problems" or one outcome */
  outcome: string;
  /** "all" or one area */
  area: string;
  text: string;
  /** subject index, -1 for every subject */
  subject: number;
  page: number;
  mpage: number;
}

export interface Page {
  data: ReportData;
  outcomes: readonly string[];
  areas: readonly string[];
  limits: LimitRow[];
  subjects: SubjectRow[];
  v: VerdictColumns;
  state: FilterState;
  /** outcome indexes of fail, marginal and error */
  problem: ReadonlySet<number>;
  /** lower-case search text of each limit and each subject */
  limitText: string[];
  subjectText: string[];
  /** verdict indexes that pass the filters, in record order */
  filtered: number[];
  /** subject indexes, worst first (the matrix order) */
  matrixOrder: number[];
  /** packed blocks appended to v so far (packed.ts) */
  unpacked: number;
  /** every packed block is in v, so filters and pages cover every row */
  complete: boolean;
  /** a render waits for the rest of the blocks */
  pending: boolean;
}

const WORST_FIRST = ["fail", "error", "marginal", "pass", "not-applicable"];

// Read the embedded data block and set up the page with no filter applied.
export function createPage(): Page {
  const block = document.getElementById("report-data");
  const data = JSON.parse(block?.textContent ?? "") as ReportData;
  const { areas, limits, subjects, v } = data;
  const outcomes: readonly string[] = data.outcomes;
  const problem = new Set(["fail", "marginal", "error"].map((o) => outcomes.indexOf(o)));
  const rank: number[] = [];
  WORST_FIRST.forEach((o, r) => {
    rank[outcomes.indexOf(o)] = r;
  });
  const subjectRank = (s: SubjectRow): number => {
    if (s[SUBJECT.inputErrors] > 0) return 1;
    let worst = 9;
    for (let k = 0; k < outcomes.length; k++)
      if (at(s[SUBJECT.counts], k) > 0 && at(rank, k) < worst) worst = at(rank, k);
    return worst;
  };
  return {
    data,
    outcomes,
    areas,
    limits,
    subjects,
    v,
    state: { outcome: "all", area: "all", text: "", subject: -1, page: 0, mpage: 0 },
    problem,
    limitText: limits.map((l) =>
      `${l[LIMIT.id]} ${l[LIMIT.title]} ${l[LIMIT.bound]} ${l[LIMIT.source]} ${l[LIMIT.confidence]} ${areas[l[LIMIT.area]]}`.toLowerCase(),
    ),
    subjectText: subjects.map((s) => `${s[SUBJECT.name]} ${s[SUBJECT.identity]}`.toLowerCase()),
    filtered: [],
    matrixOrder: subjects
      .map((_, i) => i)
      .sort((a, b) => subjectRank(at(subjects, a)) - subjectRank(at(subjects, b)) || a - b),
    unpacked: 0,
    complete: data.packed.length === 0,
    pending: false,
  };
}

// Whether the rows unpacked so far are all the current filters and page can show: with no
// filter set, page k of every row is page k of the rows in record order.
export function rowsReady(page: Page): boolean {
  if (page.complete) return true;
  const { state } = page;
  const unfiltered =
    state.outcome === "all" &&
    state.area === "all" &&
    state.text.trim() === "" &&
    state.subject < 0;
  return unfiltered && (state.page + 1) * PAGE <= page.v.s.length;
}

// Whether the outcome filter keeps this outcome index.
export function outcomeOk(page: Page, oi: number): boolean {
  const { outcome } = page.state;
  if (outcome === "all") return true;
  if (outcome === "problems") return page.problem.has(oi);
  return page.outcomes[oi] === outcome;
}
