// Which verdicts the filters keep: subject, area, outcome and text search.
import { LIMIT } from "../html-columns.js";
import { at } from "./dom.js";
import { outcomeOk, type Page } from "./page.js";

// Recompute page.filtered from the filter state.
export function applyFilters(page: Page): void {
  const { state, v, limits } = page;
  const q = state.text.trim().toLowerCase();
  const area = state.area === "all" ? -2 : page.areas.indexOf(state.area);
  const lm = limits.map((_, i) => q === "" || at(page.limitText, i).indexOf(q) !== -1);
  const sm = page.subjects.map((_, i) => q === "" || at(page.subjectText, i).indexOf(q) !== -1);
  const out: number[] = [];
  const n = v.s.length;
  for (let i = 0; i < n; i++) {
    const s = at(v.s, i);
    const l = at(v.l, i);
    if (state.subject >= 0 && s !== state.subject) continue;
    if (area !== -2 && at(limits, l)[LIMIT.area] !== area) continue;
    if (!outcomeOk(page, at(v.o, i))) continue;
    if (q !== "" && !lm[l] && !sm[s] && !matchesVerdictText(page, i, q)) continue;
    out.push(i);
  }
  page.filtered = out;
}

// The verdict's own text (observed, reason, evidence, pointer) contains q.
function matchesVerdictText(page: Page, i: number, q: string): boolean {
  const { v } = page;
  return [v.x, v.r, v.e, v.p].some((column) => at(column, i).toLowerCase().indexOf(q) !== -1);
}
