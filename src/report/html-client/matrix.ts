// The subjects × areas matrix (runs with more than one subject): worst outcome per area, worst
// subjects first, a page at a time; a cell links to that subject's rows in that area.
import { SUBJECT, type SubjectRow } from "../html-columns.js";
import { at, byId, findById, h } from "./dom.js";
import { LABEL, MPAGE, outcomeOk, type Page } from "./page.js";

// Whether a subject's matrix row passes the filters.
function keepSubject(page: Page, i: number, q: string, area: number): boolean {
  const s = at(page.subjects, i);
  const { state } = page;
  if (q !== "" && at(page.subjectText, i).indexOf(q) === -1) return false;
  if (state.outcome === "all") return true;
  if (state.outcome === "problems" && s[SUBJECT.inputErrors] > 0) return true;
  for (let k = 0; k < page.outcomes.length; k++) {
    if (at(s[SUBJECT.counts], k) > 0 && outcomeOk(page, k)) {
      if (area < 0) return true;
      if (s[SUBJECT.worstByArea][area] === k) return true;
    }
  }
  return false;
}

// One area cell of a subject's row.
function areaCell(page: Page, i: number, s: SubjectRow, j: number, area: number): HTMLElement {
  const td = h("td", "cell");
  const oi = at(s[SUBJECT.worstByArea], j);
  const areaName = String(page.areas[j]);
  if (s[SUBJECT.inputErrors] > 0 && j === 0) {
    const ie = h("a", "o-error", "input error");
    ie.href = "#input-errors";
    td.appendChild(ie);
  } else if (oi >= 0) {
    const o = String(page.outcomes[oi]);
    const link = h("a", `o-${o}`, LABEL[o]);
    link.href = `#s=${i}&a=${areaName}`;
    link.title = `${s[SUBJECT.name]} · ${areaName}: ${o}`;
    td.appendChild(link);
  } else {
    td.appendChild(h("span", "o-none", "·"));
  }
  if (area === j) td.className += " sel";
  return td;
}

// One subject's row: name and identity, a cell per area, fail / marginal / error counts.
function subjectRow(page: Page, i: number, area: number): HTMLTableRowElement {
  const s = at(page.subjects, i);
  const tr = h("tr", "");
  const name = h("td", "name");
  const a = h("a", "", s[SUBJECT.name]);
  a.href = `#s=${i}`;
  name.appendChild(a);
  if (s[SUBJECT.identity]) name.appendChild(h("div", "title", s[SUBJECT.identity]));
  tr.appendChild(name);
  for (let j = 0; j < page.areas.length; j++) tr.appendChild(areaCell(page, i, s, j, area));
  const c = s[SUBJECT.counts];
  const count = (o: string) => at(c, page.outcomes.indexOf(o));
  tr.appendChild(h("td", "num", String(count("fail"))));
  tr.appendChild(h("td", "num", String(count("marginal"))));
  tr.appendChild(h("td", "num", String(count("error") + s[SUBJECT.inputErrors])));
  return tr;
}

// Show the current page of the matrix (nothing when the page has no matrix).
export function renderMatrix(page: Page): void {
  const body = findById("matrix-body");
  if (!body) return;
  const { state } = page;
  const q = state.text.trim().toLowerCase();
  const area = state.area === "all" ? -1 : page.areas.indexOf(state.area);
  const list = page.matrixOrder.filter((i) => keepSubject(page, i, q, area));
  const pages = Math.max(1, Math.ceil(list.length / MPAGE));
  if (state.mpage >= pages) state.mpage = pages - 1;
  const from = state.mpage * MPAGE;
  const to = Math.min(list.length, from + MPAGE);
  body.textContent = "";
  const frag = document.createDocumentFragment();
  for (let k = from; k < to; k++) frag.appendChild(subjectRow(page, at(list, k), area));
  body.appendChild(frag);
  const all = page.subjects.length;
  byId("matrix-shown").textContent =
    list.length === 0
      ? "No datasheets match the filters."
      : `Showing ${from + 1}–${to} of ${list.length} subjects${list.length !== all ? ` (${all} in the run)` : ""}, worst first`;
  byId<HTMLButtonElement>("mprev").disabled = state.mpage === 0;
  byId<HTMLButtonElement>("mnext").disabled = state.mpage >= pages - 1;
}
