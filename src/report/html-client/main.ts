// The report page's script (bundled by scripts/build-html-client.mjs into
// src/generated/html-client.ts and inlined into report.html, allowed by a CSP hash). It reads the
// JSON data block and builds the subjects × areas matrix, the limit rows (in pages, worst first;
// passing rows unpacked from compressed blocks after the first render), input
// errors, events and plots, and wires the filters, pagers and `#s=<subject>&a=<area>` links.
import { byId, findById } from "./dom.js";
import { applyFilters } from "./filters.js";
import { renderMatrix } from "./matrix.js";
import { unpackRows } from "./packed.js";
import { createPage, type Page } from "./page.js";
import { renderPlots } from "./plots.js";
import { renderRows } from "./rows.js";
import { renderEvents, renderInputErrors } from "./tables.js";

const page = createPage();

function render(page: Page): void {
  applyFilters(page);
  renderRows(page);
  renderMatrix(page);
}

// Follow a "#s=<subject>[&a=<area>]" link; false when the hash is not one.
function readHash(page: Page): boolean {
  const m = /^#s=(\d+)(?:&a=([a-z]+))?$/.exec(location.hash);
  if (!m) return false;
  const i = Number(m[1]);
  if (!(i >= 0 && i < page.subjects.length)) return false;
  const { state } = page;
  state.subject = i;
  state.area = m[2] && page.areas.indexOf(m[2]) >= 0 ? m[2] : "all";
  byId<HTMLSelectElement>("f-area").value = state.area;
  state.page = 0;
  render(page);
  byId("limits").scrollIntoView();
  return true;
}

// A filter changed: back to the first page of rows and of the matrix.
function refilter(page: Page, change: () => void): void {
  change();
  page.state.page = 0;
  page.state.mpage = 0;
  render(page);
}

function bind(page: Page): void {
  const { state } = page;
  const fo = byId<HTMLSelectElement>("f-outcome");
  const fa = byId<HTMLSelectElement>("f-area");
  const ft = byId<HTMLInputElement>("f-text");
  fo.addEventListener("change", () => refilter(page, () => (state.outcome = fo.value)));
  fa.addEventListener("change", () => refilter(page, () => (state.area = fa.value)));
  let timer = 0;
  ft.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => refilter(page, () => (state.text = ft.value)), 120);
  });
  byId("prev").addEventListener("click", () => {
    state.page--;
    renderRows(page);
  });
  byId("next").addEventListener("click", () => {
    state.page++;
    renderRows(page);
  });
  byId("f-subject-clear").addEventListener("click", () => {
    state.subject = -1;
    state.page = 0;
    if (location.hash.indexOf("#s=") === 0)
      history.replaceState(null, "", location.pathname + location.search);
    render(page);
  });
  const mprev = findById("mprev");
  if (mprev) {
    mprev.addEventListener("click", () => {
      state.mpage--;
      renderMatrix(page);
    });
    byId("mnext").addEventListener("click", () => {
      state.mpage++;
      renderMatrix(page);
    });
  }
  window.addEventListener("hashchange", () => readHash(page));
}

bind(page);
renderInputErrors(page);
renderEvents(page);
// The problems first (inline), then every row once the packed ones are unpacked.
render(page);
renderPlots(page);
unpackRows(page).then(
  () => {
    if (!readHash(page)) render(page);
    document.documentElement.setAttribute("data-ready", "true");
  },
  (error: unknown) => {
    byId("shown").textContent =
      `This browser could not unpack the passing rows (${String(error)}): the failing, marginal and error rows are all shown; junit.xml has every row.`;
    readHash(page);
    document.documentElement.setAttribute("data-ready", "true");
  },
);
