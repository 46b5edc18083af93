// Render a run as one self-contained HTML page: header and summary in the markup, the rows,
// matrix and plots built in the browser from an embedded JSON block. No network: CSS, script and
// (for live runs) uPlot are inline. A Content-Security-Policy allows only those inline blocks, by
// hash, so even a string that slipped past escaping could not run.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { REPORT_CLIENT_JS } from "../generated/html-client.js";
import type { RunEndLine, RunStartLine } from "../run/record.js";
import { getOverallVerdict, type OverallVerdict } from "./format.js";
import { getFailOn } from "./gate.js";
import type { ReportData } from "./html-columns.js";
import { ReportDataBuilder, type RunTotals, serializeForScript } from "./html-data.js";
import {
  describeMeta,
  escapeHtml,
  renderFilters,
  renderLimits,
  renderMatrix,
  renderProblemTables,
  renderSources,
  renderSummary,
  type SubjectNoun,
  sourceTitles,
} from "./html-sections.js";
import { REPORT_CSS } from "./html-style.js";
import { renderMergeSection } from "./merge-html.js";
import type { MergeInfo } from "./merge-model.js";
import type { RunModel } from "./run-model.js";

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
  warning: ["PASS", "with warnings: limits below the gate not met"],
  fail: ["FAIL", "a limit is not met"],
  error: ["ERROR", "not everything could be checked"],
  incomplete: ["INCOMPLETE", "the run did not finish"],
};

/** Everything the page shows: run-level lines of the record, totals and the page data. */
export interface ReportPage {
  start: RunStartLine;
  end?: RunEndLine | undefined;
  warnings: readonly string[];
  totals: RunTotals;
  data: ReportData;
  /** A merge of several records (xpo report a/ b/): their identities, mismatches, duplicates. */
  merge?: MergeInfo | undefined;
}

// Render the report page for a run held in memory.
export function renderHtml(run: RunModel): string {
  const builder = new ReportDataBuilder(run.limits, getFailOn(run));
  for (const subject of run.subjects) builder.addSubject(subject);
  const data = builder.finish(run.events);
  const page = { start: run.start, end: run.end, warnings: run.warnings, totals: builder.totals };
  return renderReportPageParts({ ...page, data }).join("");
}

// The page in three parts, markup / embedded data / markup, to be written one after another:
// the data of a 10,000-datasheet run is 20 MB of ASCII, and joining it to markup that holds
// non-Latin-1 characters ("·", "…") would make V8 copy it all into a two-byte string first.
export function renderReportPageParts(page: ReportPage): [string, string, string] {
  const { totals } = page;
  const data: ReportData = {
    ...page.data,
    timeScale: page.start.live?.timeScale ?? 1,
    sourceTitles: sourceTitles(page.start.sources),
  };
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
    warnings: totals.warnings,
    mixedProfiles: page.merge?.mixedProfiles,
  });
  const [verdictWord, verdictNote] = VERDICT_TEXT[verdict];
  const single = totals.subjects === 1 ? totals.first : undefined;
  const subjectNoun: SubjectNoun = totals.allDatasheets ? "datasheet" : "module";
  const title = single
    ? `${single.name}: ${verdictWord}`
    : `${totals.subjects} ${subjectNoun}s: ${verdictWord}`;
  const e = escapeHtml;

  const warnings = page.warnings.filter((w) => !w.includes("(INCOMPLETE)"));
  const multi = totals.subjects > 1;
  const meta = describeMeta(start, page.end, totals, subjectNoun);
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
${renderMeta(meta)}
${verdict === "incomplete" ? `<div class="banner incomplete" id="incomplete"><strong>INCOMPLETE:</strong> the run record has no run-end line; the run crashed or was stopped. Results below are what was recorded before that; limits not reached were not checked.</div>` : ""}
${renderMergeSection(page.merge)}
${warnings.length > 0 ? `<div class="banner warn" id="warnings"><strong>Notes on the record</strong><ul>${warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul></div>` : ""}
${renderSummary(totals, subjectNoun)}${renderFilters(subjectNoun)}${renderMatrix(multi, subjectNoun)}${hasPlots ? `<section id="plots"><h2>Readings</h2><div class="plots" id="plots-box"></div></section>` : ""}
${renderLimits(multi)}${renderProblemTables(data, subjectNoun)}${renderSources(start.sources)}<noscript><p>The limit rows, matrix and plots need JavaScript; the summary above and junit.xml carry the counts.</p></noscript>
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

// Long entries (the station's instrument list, the decision rule) fold away below the short
// ones, so the summary stays above the fold; they are in the page, one click away.
const LONG_META = new Set(["Station", "Decision rule"]);

function renderMeta(meta: readonly (readonly [string, string])[]): string {
  const e = escapeHtml;
  const item = ([k, v]: readonly [string, string]) =>
    `<div><dt>${e(k)}</dt><dd${k === "Limits hash" ? ' class="mono"' : ""}>${e(v)}</dd></div>`;
  const short = meta.filter(([k]) => !LONG_META.has(k));
  const long = meta.filter(([k]) => LONG_META.has(k));
  const more =
    long.length === 0
      ? ""
      : `<details class="meta-more"><summary>${e(long.map(([k], i) => (i === 0 ? k : k.toLowerCase())).join(" and "))}</summary><dl class="meta wide">${long.map(item).join("")}</dl></details>`;
  return `<dl class="meta">${short.map(item).join("")}</dl>${more}`;
}
