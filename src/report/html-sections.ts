// The sections of report.html's markup: header facts, summary, filters, and the empty tables
// the page script fills (see html-client/).
import { AREAS } from "../model/limit.js";
import { OUTCOMES, type Outcome } from "../model/outcome.js";
import type { ProfileSource } from "../model/profile-info.js";
import type { RunEndLine, RunStartLine } from "../run/record.js";
import { formatIdentity, getDurationMs } from "./format.js";
import type { ReportData } from "./html-columns.js";
import type { RunTotals } from "./html-data.js";

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

const OUTCOME_LABEL: Record<Outcome, string> = {
  pass: "pass",
  fail: "fail",
  marginal: "marginal",
  "not-applicable": "not applicable",
  error: "error (not checked)",
};

/** "datasheet" when every subject is one, else "module". */
export type SubjectNoun = "datasheet" | "module";

// The header's facts: subject(s), profile, harness, station, times, host, command, rule.
export function describeMeta(
  start: RunStartLine,
  end: RunEndLine | undefined,
  totals: RunTotals,
  subjectNoun: SubjectNoun,
): [string, string][] {
  const single = totals.subjects === 1 ? totals.first : undefined;
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
    "Gate",
    `--fail-on ${start.failOn ?? "mandatory"}: ${totals.warnings} failed limit(s) below it shown as warnings`,
  ]);
  if (totals.baseline) meta.push(["Baseline", totals.baseline]);
  meta.push([
    "Harness",
    `xpo-msa-harness ${start.harness.version} · commit ${start.harness.commit}`,
  ]);
  if (start.station) {
    const instruments = start.station.instruments.map((i) => `${i.role} ${i.resource}`).join(", ");
    meta.push(["Station", `${start.station.name}${instruments ? ` (${instruments})` : ""}`]);
  }
  meta.push(["Started", start.startedAt]);
  const duration = getDurationMs(start.startedAt, end?.endedAt);
  meta.push([
    "Ended",
    end
      ? `${end.endedAt}${duration === undefined ? "" : ` (${formatDuration(duration)})`} · exit code ${end.exitCode}`
      : "did not finish (no run-end in the record)",
  ]);
  meta.push(["Host", start.hostname]);
  meta.push(["Run", `${start.runId} (${start.kind})`]);
  if (start.argv) meta.push(["Command", `xpo ${start.argv.join(" ")}`]);
  meta.push(["Decision rule", start.profile.decisionRule]);
  return meta;
}

// The summary: counts by outcome (cards) and by area (table).
export function renderSummary(totals: RunTotals, subjectNoun: SubjectNoun): string {
  const e = escapeHtml;
  const cards = OUTCOMES.map(
    (o) =>
      `<div class="card ${o}" data-outcome="${o}"><div class="n" id="count-${o}">${totals.counts[o]}</div><div class="l">${e(OUTCOME_LABEL[o])}</div></div>`,
  );
  // Failed limits below the gate (--fail-on), also counted under "fail": shown, not failing.
  cards.splice(
    2,
    0,
    `<div class="card warning"><div class="n" id="count-warning">${totals.warnings}</div><div class="l">warnings (failed below the gate, not failing)</div></div>`,
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
  return `<section id="summary"><div class="summary-grid"><div><h2>Summary</h2>
<div class="cards">${cards.join("")}</div></div>
<div><h2>By area</h2>
<table class="areas"><thead><tr><th>area</th>${OUTCOMES.map((o) => `<th class="num">${e(OUTCOME_LABEL[o])}</th>`).join("")}</tr></thead><tbody>${areaRows}</tbody></table></div></div>
</section>
`;
}

// The filter controls.
export function renderFilters(subjectNoun: SubjectNoun): string {
  const areaOptions = AREAS.map((a) => `<option value="${a}">${a}</option>`).join("");
  return `<section class="filters-top">
<h2>Filters</h2>
<div class="filters">
<label>Show <select id="f-outcome"><option value="all">all outcomes</option><option value="problems">failing, marginal and errors</option><option value="fail">fail only</option><option value="marginal">marginal only</option><option value="error">errors only</option><option value="not-applicable">not applicable</option><option value="pass">pass</option></select></label>
<label>Area <select id="f-area"><option value="all">all areas</option>${areaOptions}</select></label>
<label>Search <input type="search" id="f-text" placeholder="limit id, title, ${subjectNoun}, vendor, value…" autocomplete="off"></label>
<span class="chip" id="f-subject" hidden>${subjectNoun}: <strong id="f-subject-name"></strong><button type="button" id="f-subject-clear" title="show every ${subjectNoun}">×</button></span>
</div>
</section>
`;
}

// The subjects × areas matrix (empty body, filled by the page script), for runs of several.
export function renderMatrix(multi: boolean, subjectNoun: SubjectNoun): string {
  if (!multi) return "\n";
  return `<section id="matrix"><h2>${subjectNoun === "datasheet" ? "Datasheets" : "Modules"} × areas</h2>
<p class="muted">Worst outcome per area; select a cell to see that ${subjectNoun}'s limits in that area.</p>
<table class="matrix"><thead><tr><th>${subjectNoun}</th>${AREAS.map((a) => `<th>${a}</th>`).join("")}<th class="num">fail</th><th class="num">marginal</th><th class="num">errors</th></tr></thead><tbody id="matrix-body"></tbody></table>
<div class="pager"><button type="button" id="mprev">‹ previous</button><button type="button" id="mnext">next ›</button><span id="matrix-shown"></span></div>
</section>
`;
}

// The limit rows' table (filled by the page script).
export function renderLimits(multi: boolean): string {
  return `<section id="limits"><h2>Limits</h2>
<div class="pager"><button type="button" id="prev">‹ previous</button><button type="button" id="next">next ›</button><span id="page-info"></span> · <span id="shown"></span></div>
<div class="scroll"><table class="rows"><thead><tr>${multi ? "<th>subject</th>" : ""}<th>limit</th><th>title</th><th class="num">observed</th><th>limit</th><th class="num">margin</th><th>outcome</th><th>source · confidence</th><th>evidence</th></tr></thead><tbody id="rows-body"></tbody></table></div>
</section>
`;
}

// The input-error and event tables, when there are any.
export function renderProblemTables(data: ReportData, subjectNoun: SubjectNoun): string {
  const errors = data.inputErrors.length;
  const events = data.events.length;
  const inputErrors =
    errors > 0
      ? `<section id="input-errors"><h2>Input errors (${errors})</h2><p class="muted">These ${subjectNoun}s could not be checked.</p><table><thead><tr><th>${subjectNoun}</th><th>code</th><th>message</th><th>where</th><th>fix</th></tr></thead><tbody id="input-errors-body"></tbody></table><p class="muted" id="input-errors-more"></p></section>`
      : "";
  const eventTable =
    events > 0
      ? `<section id="events"><h2>Events (${events})</h2><table><thead><tr><th>time</th><th>subject</th><th>level</th><th>kind</th><th>message</th></tr></thead><tbody id="events-body"></tbody></table></section>`
      : "";
  return `${inputErrors}\n${eventTable}\n`;
}

// The sources the limits cite (the record's copy of the profile's sources.json), when it has them.
export function renderSources(sources: readonly ProfileSource[] | undefined): string {
  if (!sources || sources.length === 0) return "";
  const e = escapeHtml;
  const rows = sources
    .map(
      (source) =>
        `<tr id="source-${e(source.id)}"><td class="nw"><code>${e(source.id)}</code></td><td>${e(source.publisher)}</td><td class="nw">${e(source.date)}</td><td>${e(source.kind)}</td><td>${e(source.what)}</td><td class="ev mono">${e(source.where)}</td></tr>`,
    )
    .join("");
  return `<section id="sources"><h2>Sources (${sources.length})</h2><p class="muted">What the limits' source ids stand for: the profile's sources.json, as recorded in the run.</p><table><thead><tr><th>id</th><th>publisher</th><th>date</th><th>kind</th><th>what it states</th><th>where</th></tr></thead><tbody>${rows}</tbody></table></section>
`;
}

/** Hover text per source id: publisher, date and what it states. */
export function sourceTitles(
  sources: readonly ProfileSource[] | undefined,
): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const source of sources ?? [])
    titles[source.id] = `${source.id}: ${source.publisher}, ${source.date}. ${source.what}`;
  return titles;
}

// "850 ms", "3.1 s", "4 min 12 s".
function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
