// Render a run as one self-contained HTML page: header and summary in the markup, the rows,
// matrix and plots built in the browser from an embedded JSON block. No network: CSS, script and
// (for live runs) uPlot are inline. A Content-Security-Policy allows only those inline blocks, by
// hash, so even a string that slipped past escaping could not run.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { REPORT_CLIENT_JS } from "../generated/html-client.js";
import { AREAS } from "../model/limit.js";
import { OUTCOMES, type Outcome } from "../model/outcome.js";
import type { RunEndLine, RunStartLine } from "../run/record.js";
import { formatIdentity, getDurationMs, getOverallVerdict, type OverallVerdict } from "./format.js";
import type { ReportData } from "./html-columns.js";
import { ReportDataBuilder, type RunTotals, serializeForScript } from "./html-data.js";
import { REPORT_CSS } from "./html-style.js";
import type { RunModel } from "./run-model.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

// Escape text for HTML content and attribute values.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

let uplotAssets: { js: string; css: string } | undefined;

// uPlot's minified script and stylesheet, read from node_modules once per process.
function getUplotAssets(): { js: string; css: string } {
  if (!uplotAssets) {
    const require = createRequire(import.meta.url);
    const main = require.resolve("uplot");
    const dist = main.slice(0, main.lastIndexOf("/"));
    uplotAssets = {
      js: readFileSync(`${dist}/uPlot.iife.min.js`, "utf8"),
      css: readFileSync(`${dist}/uPlot.min.css`, "utf8"),
    };
  }
  return uplotAssets;
}

function hashOf(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const VERDICT_TEXT: Record<OverallVerdict, [string, string]> = {
  pass: ["PASS", "every checked limit met"],
  marginal: ["PASS", "with marginal results"],
  fail: ["FAIL", "a limit is not met"],
  error: ["ERROR", "not everything could be checked"],
  incomplete: ["INCOMPLETE", "the run did not finish"],
};

const OUTCOME_LABEL: Record<Outcome, string> = {
  pass: "pass",
  fail: "fail",
  marginal: "marginal",
  "not-applicable": "not applicable",
  error: "error (not checked)",
};

/** Everything the page shows: run-level lines of the record, totals and the page data. */
export interface ReportPage {
  start: RunStartLine;
  end?: RunEndLine | undefined;
  warnings: readonly string[];
  totals: RunTotals;
  data: ReportData;
}

// Render the report page for a run held in memory.
export function renderHtml(run: RunModel): string {
  const builder = new ReportDataBuilder(run.limits);
  for (const subject of run.subjects) builder.addSubject(subject);
  const data = builder.finish(run.events);
  const page = { start: run.start, end: run.end, warnings: run.warnings, totals: builder.totals };
  return renderReportPageParts({ ...page, data }).join("");
}

// The page in three parts, markup / embedded data / markup, to be written one after another:
// the data of a 10,000-datasheet run is 20 MB of ASCII, and joining it to markup that holds
// non-Latin-1 characters ("·", "…") would make V8 copy it all into a two-byte string first.
export function renderReportPageParts(page: ReportPage): [string, string, string] {
  const { data, totals } = page;
  const hasPlots = data.plots.length > 0;
  const uplot = hasPlots ? getUplotAssets() : undefined;
  const css = REPORT_CSS + (uplot ? uplot.css : "");
  const scripts = uplot ? [uplot.js, REPORT_CLIENT_JS] : [REPORT_CLIENT_JS];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(hashOf).join(" ")}`,
    `style-src ${hashOf(css)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

  const { start } = page;
  const verdict = getOverallVerdict({
    end: page.end,
    counts: totals.counts,
    inputErrors: totals.inputErrors,
  });
  const [verdictWord, verdictNote] = VERDICT_TEXT[verdict];
  const single = totals.subjects === 1 ? totals.first : undefined;
  const subjectNoun = totals.allDatasheets ? "datasheet" : "module";
  const title = single
    ? `${single.name}: ${verdictWord}`
    : `${totals.subjects} ${subjectNoun}s: ${verdictWord}`;
  const e = escapeHtml;

  const meta: [string, string][] = [];
  if (single) {
    meta.push(["Subject", single.name]);
    const identity = formatIdentity(single.identity);
    if (identity) meta.push(["Identity", identity]);
  } else {
    meta.push(["Subjects", `${totals.subjects} ${subjectNoun}s`]);
  }
  meta.push([
    "Profile",
    `${start.profile.id} rev ${start.profile.revision} · ${start.profile.title}`,
  ]);
  meta.push(["Limits hash", `sha256 ${start.profile.hash}`]);
  meta.push([
    "Harness",
    `xpo-msa-harness ${start.harness.version} · commit ${start.harness.commit}`,
  ]);
  if (start.station) {
    const instruments = start.station.instruments.map((i) => `${i.role} ${i.resource}`).join(", ");
    meta.push(["Station", `${start.station.name}${instruments ? ` (${instruments})` : ""}`]);
  }
  meta.push(["Started", start.startedAt]);
  const duration = getDurationMs(start.startedAt, page.end?.endedAt);
  meta.push([
    "Ended",
    page.end
      ? `${page.end.endedAt}${duration === undefined ? "" : ` (${formatDuration(duration)})`} · exit code ${page.end.exitCode}`
      : "did not finish (no run-end in the record)",
  ]);
  meta.push(["Host", start.hostname]);
  meta.push(["Run", `${start.runId} (${start.kind})`]);
  if (start.argv) meta.push(["Command", `xpo ${start.argv.join(" ")}`]);
  meta.push(["Decision rule", start.profile.decisionRule]);

  const cards = OUTCOMES.map(
    (o) =>
      `<div class="card ${o}" data-outcome="${o}"><div class="n" id="count-${o}">${totals.counts[o]}</div><div class="l">${e(OUTCOME_LABEL[o])}</div></div>`,
  );
  cards.push(
    `<div class="card input"><div class="n" id="count-input-error">${totals.inputErrors}</div><div class="l">input errors (${subjectNoun}s not checked)</div></div>`,
  );

  const areaRows = AREAS.map((area, i) => {
    const c = totals.areaCounts[i] as Record<Outcome, number>;
    const cells = OUTCOMES.map(
      (o) =>
        `<td class="num${c[o] === 0 ? " zero" : ""}" data-area-outcome="${area}:${o}">${c[o]}</td>`,
    ).join("");
    return `<tr><td>${area}</td>${cells}</tr>`;
  }).join("");

  const warnings = page.warnings.filter((w) => !w.includes("(INCOMPLETE)"));
  const multi = totals.subjects > 1;
  const areaOptions = AREAS.map((a) => `<option value="${a}">${a}</option>`).join("");
  const before = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="xpo-msa-harness ${e(start.harness.version)}">
<link rel="icon" href="data:,">
<title>XPO compliance · ${e(title)}</title>
<style>${css}</style>
</head>
<body data-verdict="${verdict}">
<header class="top">
<div class="verdict v-${verdict}" id="verdict">${verdictWord}<small>${e(verdictNote)}</small></div>
<div><h1>XPO MSA compliance report</h1><div class="sub">${e(title)} · ${e(start.kind)} run · profile ${e(start.profile.id)} rev ${e(start.profile.revision)}</div></div>
</header>
<main>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${e(k)}</dt><dd${k === "Limits hash" ? ' class="mono"' : ""}>${e(v)}</dd></div>`).join("")}</dl>
${verdict === "incomplete" ? `<div class="banner incomplete" id="incomplete"><strong>INCOMPLETE:</strong> the run record has no run-end line; the run crashed or was stopped. Results below are what was recorded before that; limits not reached were not checked.</div>` : ""}
${warnings.length > 0 ? `<div class="banner warn" id="warnings"><strong>Notes on the record</strong><ul>${warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul></div>` : ""}
<section id="summary"><div class="summary-grid"><div><h2>Summary</h2>
<div class="cards">${cards.join("")}</div></div>
<div><h2>By area</h2>
<table class="areas"><thead><tr><th>area</th>${OUTCOMES.map((o) => `<th class="num">${e(OUTCOME_LABEL[o])}</th>`).join("")}</tr></thead><tbody>${areaRows}</tbody></table></div></div>
</section>
<section class="filters-top">
<h2>Filters</h2>
<div class="filters">
<label>Show <select id="f-outcome"><option value="all">all outcomes</option><option value="problems">failing, marginal and errors</option><option value="fail">fail only</option><option value="marginal">marginal only</option><option value="error">errors only</option><option value="not-applicable">not applicable</option><option value="pass">pass</option></select></label>
<label>Area <select id="f-area"><option value="all">all areas</option>${areaOptions}</select></label>
<label>Search <input type="search" id="f-text" placeholder="limit id, title, ${subjectNoun}, vendor, value…" autocomplete="off"></label>
<span class="chip" id="f-subject" hidden>${subjectNoun}: <strong id="f-subject-name"></strong><button type="button" id="f-subject-clear" title="show every ${subjectNoun}">×</button></span>
</div>
</section>
${
  multi
    ? `<section id="matrix"><h2>${subjectNoun === "datasheet" ? "Datasheets" : "Modules"} × areas</h2>
<p class="muted">Worst outcome per area; select a cell to see that ${subjectNoun}'s limits in that area.</p>
<table class="matrix"><thead><tr><th>${subjectNoun}</th>${AREAS.map((a) => `<th>${a}</th>`).join("")}<th class="num">fail</th><th class="num">marginal</th><th class="num">errors</th></tr></thead><tbody id="matrix-body"></tbody></table>
<div class="pager"><button type="button" id="mprev">‹ previous</button><button type="button" id="mnext">next ›</button><span id="matrix-shown"></span></div>
</section>`
    : ""
}
${hasPlots ? `<section id="plots"><h2>Readings</h2><div class="plots" id="plots-box"></div></section>` : ""}
<section id="limits"><h2>Limits</h2>
<div class="pager"><button type="button" id="prev">‹ previous</button><button type="button" id="next">next ›</button><span id="page-info"></span> · <span id="shown"></span></div>
<div class="scroll"><table class="rows"><thead><tr>${multi ? "<th>subject</th>" : ""}<th>limit</th><th>title</th><th class="num">observed</th><th>limit</th><th>unit</th><th class="num">margin</th><th>outcome</th><th>source</th><th>confidence</th><th>evidence</th></tr></thead><tbody id="rows-body"></tbody></table></div>
</section>
${
  data.inputErrors.length > 0
    ? `<section id="input-errors"><h2>Input errors (${data.inputErrors.length})</h2><p class="muted">These ${subjectNoun}s could not be checked.</p><table><thead><tr><th>${subjectNoun}</th><th>code</th><th>message</th><th>where</th><th>fix</th></tr></thead><tbody id="input-errors-body"></tbody></table><p class="muted" id="input-errors-more"></p></section>`
    : ""
}
${
  data.events.length > 0
    ? `<section id="events"><h2>Events (${data.events.length})</h2><table><thead><tr><th>time</th><th>subject</th><th>level</th><th>kind</th><th>message</th></tr></thead><tbody id="events-body"></tbody></table></section>`
    : ""
}
<noscript><p>The limit rows, matrix and plots need JavaScript; the summary above and junit.xml carry the counts.</p></noscript>
<footer>Rendered by xpo-msa-harness ${e(start.harness.version)} from a run record (${e(start.runId)}). Limits are the profile's, read from the record; the report is a pure function of the record.</footer>
</main>
<script type="application/json" id="report-data">`;
  const after = `</script>
${scripts.map((s) => `<script>${s}</script>`).join("\n")}
</body>
</html>
`;
  return [before, serializeForScript(data), after];
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
