// The input-error and event tables (the first 1,000 of each).
import { EVENT, INPUT_ERROR, SUBJECT } from "../html-columns.js";
import { at, byId, findById, h } from "./dom.js";
import type { Page } from "./page.js";

const MAX_ROWS = 1000;

// Fill the input-error table, if the page has one.
export function renderInputErrors(page: Page): void {
  const body = findById("input-errors-body");
  if (!body) return;
  const errors = page.data.inputErrors;
  const max = Math.min(errors.length, MAX_ROWS);
  for (let k = 0; k < max; k++) {
    const e = at(errors, k);
    const tr = h("tr", "");
    tr.appendChild(h("td", "", at(page.subjects, e[INPUT_ERROR.subject])[SUBJECT.name]));
    const code = h("td", "");
    code.appendChild(h("code", "", e[INPUT_ERROR.code]));
    tr.appendChild(code);
    tr.appendChild(h("td", "", e[INPUT_ERROR.message]));
    tr.appendChild(h("td", "mono", e[INPUT_ERROR.where]));
    tr.appendChild(h("td", "", e[INPUT_ERROR.remedy]));
    body.appendChild(tr);
  }
  if (errors.length > max)
    byId("input-errors-more").textContent = `${errors.length - max} more in the run record.`;
}

// Events are coloured like outcomes: error as fail, warning as marginal, info as n/a.
function levelClass(level: string): string {
  if (level === "error") return "fail";
  return level === "warning" ? "marginal" : "not-applicable";
}

// Fill the event table, if the page has one.
export function renderEvents(page: Page): void {
  const body = findById("events-body");
  if (!body) return;
  const events = page.data.events;
  const max = Math.min(events.length, MAX_ROWS);
  for (let k = 0; k < max; k++) {
    const e = at(events, k);
    const si = e[EVENT.subject];
    const tr = h("tr", "");
    tr.appendChild(h("td", "mono", e[EVENT.time]));
    tr.appendChild(h("td", "", si >= 0 ? at(page.subjects, si)[SUBJECT.name] : "run"));
    const lvl = h("td", "");
    lvl.appendChild(h("span", `pill o-${levelClass(e[EVENT.level])}`, e[EVENT.level]));
    tr.appendChild(lvl);
    tr.appendChild(h("td", "", e[EVENT.kind]));
    const step = e[EVENT.step];
    tr.appendChild(h("td", "", e[EVENT.message] + (step ? ` (step: ${step})` : "")));
    body.appendChild(tr);
  }
}
