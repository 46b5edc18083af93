// The report page's script (bundled by scripts/build-html-client.mjs into
// src/generated/html-client.ts and inlined into report.html, allowed by a CSP hash). It reads the
// JSON data block and builds the subjects × areas matrix, the limit rows (in pages, worst first;
// passing rows unpacked from compressed blocks; on a large page the first page's before the page
// is ready and the rest after it, see packed.ts), input errors, events and plots, and wires the filters, pagers
// and `#s=<subject>&a=<area>` links. html[data-ready] is set once the page is shown and its
// filters work; html[data-complete] once every row is unpacked.
import { byId, findById } from "./dom.js";
import { applyFilters } from "./filters.js";
import { renderMatrix } from "./matrix.js";
import { unpackFirst, unpackRest } from "./packed.js";
import { createPage, type Page, rowsReady } from "./page.js";
import { renderPlots } from "./plots.js";
import { renderRows } from "./rows.js";
import { renderEvents, renderInputErrors } from "./tables.js";

const page = createPage();

function render(page: Page): void {
  showRows(page, true);
  renderMatrix(page);
}

// The current page of rows, or (rows still packed that the filters need) a note that they come
// once unpacked: page.pending makes the unpacking render them when it is done.
function showRows(page: Page, refilter: boolean): void {
  if (!rowsReady(page)) {
    page.pending = true;
    byId("rows-body").textContent = "";
    byId("shown").textContent = "Unpacking the passing rows…";
    return;
  }
  if (refilter) applyFilters(page);
  renderRows(page);
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
    showRows(page, false);
  });
  byId("next").addEventListener("click", () => {
    state.page++;
    showRows(page, false);
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

function unpackFailed(page: Page, error: unknown): void {
  // What is unpacked is all the filters will cover.
  page.complete = true;
  if (!readHash(page)) render(page);
  byId("shown").textContent =
    `This browser could not unpack the passing rows (${String(error)}): the failing, marginal and error rows are all shown; junit.xml has every row.`;
}

function markDone(): void {
  document.documentElement.setAttribute("data-ready", "true");
  document.documentElement.setAttribute("data-complete", "true");
}

// The problems first (inline), then the rest of the first page; the other rows after the page
// is ready. A render asked for meanwhile (page.pending) comes when every row is there.
async function load(page: Page): Promise<void> {
  try {
    await unpackFirst(page);
  } catch (error) {
    unpackFailed(page, error);
    markDone();
    return;
  }
  if (!readHash(page)) render(page);
  if (page.complete) {
    markDone();
    return;
  }
  document.documentElement.setAttribute("data-ready", "true");
  // Let the browser paint the page before the rest is unpacked.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  try {
    await unpackRest(page);
    if (page.pending) {
      page.pending = false;
      showRows(page, true);
    }
  } catch (error) {
    unpackFailed(page, error);
  }
  markDone();
}

bind(page);
renderInputErrors(page);
renderEvents(page);
renderPlots(page);
void load(page);
