// The limit rows: one page of filtered verdicts at a time, with the pager and the subject chip.
import { LIMIT, SUBJECT, WARNING_REASON } from "../html-columns.js";
import { at, byId, fmt, h } from "./dom.js";
import { LABEL, PAGE, type Page } from "./page.js";

// The outcome pill of an outcome index.
export function pill(page: Page, oi: number): HTMLSpanElement {
  const o = String(page.outcomes[oi]);
  return h("span", `pill o-${o}`, LABEL[o] || o);
}

// Evidence of a verdict: ":12:3" (in the subject's own file) gets the file's name back.
function evidenceText(page: Page, i: number): string {
  const e = at(page.v.e, i);
  if (e.charAt(0) === ":") {
    const s = at(page.subjects, at(page.v.s, i));
    return (s[SUBJECT.file] || s[SUBJECT.name]) + (e.length > 1 ? e : "");
  }
  return e;
}

// "datasheets/acme/x.yaml:12:3" shows as "x.yaml:12:3"; the full path is the cell's tooltip.
function shortPath(ev: string): string {
  const m = /^([^ ]*\/)([^/ ]+:\d+(?::\d+)?)$/.exec(ev);
  return m ? String(m[2]) : ev;
}

/** Decades of margin that fill a whole bar. */
const FULL_DECADES = 3;

// A margin below a ratio's upper bound in decades: log10(bound / observed); observed = bound - m.
function decades(bound: number, m: number): number {
  const observed = bound - m;
  return observed > 0 ? Math.log10(bound / observed) : Number.POSITIVE_INFINITY;
}

// The margin as a signed number (in decades for a bit error ratio) and a bar scaled to the bound.
function marginCell(page: Page, i: number): HTMLTableCellElement {
  const td = h("td", "num obs");
  const m = at(page.v.m, i);
  if (m === null) return td;
  const limit = at(page.limits, at(page.v.l, i));
  const logBound = limit[LIMIT.decadesOf];
  let scale = limit[LIMIT.barScale];
  let shown = m;
  if (logBound) {
    shown = decades(logBound, m);
    scale = FULL_DECADES;
    td.title = `margin ${(m > 0 ? "+" : "") + fmt(m)} (linear)`;
  }
  const text = Number.isFinite(shown)
    ? (shown > 0 ? "+" : "") + fmt(Number(shown.toFixed(2)))
    : "+∞";
  td.appendChild(document.createTextNode(logBound ? `${text} decades` : text));
  if (scale) {
    const bar = h("span", "bar");
    const marginal = page.outcomes[at(page.v.o, i)] === "marginal";
    const fill = h("i", marginal ? "mar" : m < 0 ? "neg" : "");
    fill.style.width = `${Math.max(4, Math.min(1, Math.abs(shown) / scale) * 100)}%`;
    bar.appendChild(fill);
    bar.title = "margin relative to the bound";
    td.appendChild(bar);
  }
  return td;
}

// Limit title cell: title, JSON pointer, and the limit's note folded away.
function titleCell(page: Page, i: number): HTMLTableCellElement {
  const l = at(page.limits, at(page.v.l, i));
  const pointer = at(page.v.p, i);
  const title = h("td", "ttl");
  title.appendChild(document.createTextNode(l[LIMIT.title]));
  if (pointer || l[LIMIT.pointer])
    title.appendChild(h("div", "title mono", pointer || l[LIMIT.pointer]));
  if (l[LIMIT.note]) {
    // Notes and conditions fold away so long provenance text does not stretch every row.
    const note = h("details", "title");
    note.appendChild(h("summary", "", "note"));
    note.appendChild(document.createTextNode(l[LIMIT.note]));
    title.appendChild(note);
  }
  return title;
}

// The titles of the source ids a limit cites ("S3, S13 (...)"), one per line, for the hover.
function sourceHover(page: Page, cited: string): string {
  const titles = page.data.sourceTitles ?? {};
  const ids = cited.match(/\b[A-Z]+\d+\b/g) ?? [];
  return [...new Set(ids)]
    .map((id) => titles[id])
    .filter(Boolean)
    .join("\n");
}

// One verdict's row.
function buildRow(page: Page, i: number, multi: boolean): HTMLTableRowElement {
  const { v } = page;
  const l = at(page.limits, at(v.l, i));
  const outcome = String(page.outcomes[at(v.o, i)]);
  const tr = h("tr", `o-row-${outcome}`);
  tr.setAttribute("data-outcome", outcome);
  if (multi) tr.appendChild(h("td", "subj", at(page.subjects, at(v.s, i))[SUBJECT.name]));
  const id = h("td", "id");
  id.appendChild(h("code", "", l[LIMIT.id]));
  tr.appendChild(id);
  tr.appendChild(titleCell(page, i));
  // The unit goes with the observed value (the bound text carries its own): one column fewer.
  const unit = l[LIMIT.unit] && l[LIMIT.unit] !== "ratio" ? ` ${l[LIMIT.unit]}` : "";
  tr.appendChild(h("td", "num obs", at(v.x, i) + (at(v.x, i) ? unit : "")));
  tr.appendChild(h("td", "bound", l[LIMIT.bound]));
  tr.appendChild(marginCell(page, i));
  const oc = h("td", "");
  // A failed limit below the gate is a warning: the pill says so, as the summary card does.
  const warning = outcome === "fail" && at(v.r, i).startsWith(WARNING_REASON);
  oc.appendChild(warning ? h("span", "pill o-marginal", "WARNING") : pill(page, at(v.o, i)));
  if (at(v.r, i)) oc.appendChild(h("div", "title", at(v.r, i)));
  tr.appendChild(oc);
  // Source and confidence share a cell, so the table fits a 1280-px window.
  const src = h("td", "src", l[LIMIT.source]);
  src.title = sourceHover(page, l[LIMIT.source]);
  // "assumed" is shown by its flag alone; other confidences as text.
  const assumed = l[LIMIT.confidence] === "assumed";
  const conf = h("div", "title nw conf", assumed ? "" : l[LIMIT.confidence]);
  if (assumed) {
    const flag = h("span", "flag", "assumed");
    flag.title =
      "assumed value: not confirmed by an MSA member; a lab may override it in its profile";
    conf.appendChild(flag);
  }
  src.appendChild(conf);
  tr.appendChild(src);
  const ev = evidenceText(page, i);
  const evCell = h("td", "ev mono", shortPath(ev));
  evCell.title = ev;
  tr.appendChild(evCell);
  return tr;
}

// Show the current page of filtered rows, the pager and the subject chip.
export function renderRows(page: Page): void {
  const { state, filtered } = page;
  const tbody = byId("rows-body");
  tbody.textContent = "";
  // Until every block is unpacked only the unfiltered rows are shown (page.ts rowsReady): all
  // of the run's rows match, so the total is known.
  const total = page.complete ? filtered.length : page.data.rows;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  if (state.page >= pages) state.page = pages - 1;
  const from = state.page * PAGE;
  const to = Math.min(total, from + PAGE);
  const multi = page.subjects.length > 1;
  const frag = document.createDocumentFragment();
  for (let k = from; k < to; k++) frag.appendChild(buildRow(page, at(filtered, k), multi));
  tbody.appendChild(frag);
  const inRun = page.data.rows;
  byId("shown").textContent =
    total === 0
      ? `No rows match the filters (${inRun} in the run).`
      : `Showing ${from + 1}–${to} of ${total} rows${total !== inRun ? ` (${inRun} in the run)` : ""}`;
  byId("page-info").textContent = `page ${state.page + 1} of ${pages}`;
  byId<HTMLButtonElement>("prev").disabled = state.page === 0;
  byId<HTMLButtonElement>("next").disabled = state.page >= pages - 1;
  const chip = byId("f-subject");
  chip.hidden = state.subject < 0;
  if (state.subject >= 0)
    byId("f-subject-name").textContent = at(page.subjects, state.subject)[SUBJECT.name];
}
