// The merged report's own section of report.html: banners for records judged against different
// profiles and for records that did not finish (naming the shard), the table of records with
// their identity and the outcomes counted from each, and the subjects found in several records
// with every result. Rendered into the markup (no page script needed); empty for a single run.
import { OUTCOMES } from "../model/outcome.js";
import { escapeHtml as e } from "./html-sections.js";
import type { MergeInfo } from "./merge-model.js";

/** Duplicate subjects listed in the page (the JUnit and the terminal name every one). */
const MAX_DUPLICATE_ROWS = 500;

export function renderMergeSection(merge: MergeInfo | undefined): string {
  if (!merge) return "";
  const label = (i: number) => merge.records[i - 1]?.label ?? `record ${i}`;
  const parts: string[] = [];
  if (merge.mixedProfiles) {
    const groups = merge.profiles.map((g) => {
      const counts = OUTCOMES.map((o) => `${g.counts[o]} ${o}`).join(", ");
      return `<li>${e(g.id)} rev ${e(g.revision)} · sha256 <span class="mono">${e(g.hash.slice(0, 16))}</span>: ${e(g.records.map(label).join(", "))} (${e(counts)})</li>`;
    });
    parts.push(
      `<div class="banner incomplete" id="mixed-profiles"><strong>MIXED PROFILES:</strong> these records were judged against ${merge.profiles.length} different profiles or limit sets, so the counts below add results of different limits and are not one verdict. Counted per profile:<ul>${groups.join("")}</ul></div>`,
    );
  }
  if (merge.incomplete.length > 0 || merge.missingShards.length > 0) {
    const names = merge.incomplete.map((i) => {
      const r = merge.records[i - 1];
      return `<li><strong>${e(label(i))}</strong> did not finish (no run-end line: crashed or stopped; ${e(r?.path ?? "")}, host ${e(r?.hostname ?? "")}, started ${e(r?.startedAt ?? "")})</li>`;
    });
    for (const shard of merge.missingShards)
      names.push(
        `<li><strong>shard ${e(shard)}</strong> is missing: no record of it was given</li>`,
      );
    parts.push(
      `<div class="banner incomplete" id="incomplete-records"><strong>INCOMPLETE MERGE:</strong> what these shards had not reached was not checked.<ul>${names.join("")}</ul></div>`,
    );
  }
  parts.push(renderRecords(merge));
  if (merge.duplicates.length > 0) parts.push(renderDuplicates(merge, label));
  return `${parts.join("\n")}\n`;
}

function renderRecords(merge: MergeInfo): string {
  const rows = merge.records.map((r) => {
    const counts = OUTCOMES.map((o) => `<td class="num">${r.counts[o]}</td>`).join("");
    const ended = r.endedAt ?? "did not finish";
    return `<tr data-record="${r.index}"${r.endedAt ? "" : ' class="unfinished"'}><td>${r.index}</td><td>${e(r.label)}</td><td class="mono">${e(r.path)}</td><td>${e(r.hostname)}${r.runner ? ` · ${e(r.runner)}` : ""}${r.station ? ` · ${e(r.station)}` : ""}</td><td>${e(r.startedAt)}</td><td>${e(ended)}</td><td>${e(r.harness.version)} (${e(r.harness.commit)})</td><td>${e(r.profile.id)} rev ${e(r.profile.revision)} <span class="mono">${e(r.profile.hash.slice(0, 12))}</span></td><td class="num">${r.subjects}</td>${counts}<td class="num">${r.exitCode ?? "—"}</td></tr>`;
  });
  const heads = OUTCOMES.map((o) => `<th class="num">${e(o)}</th>`).join("");
  return `<section id="merged-records"><h2>Merged records (${merge.records.length})</h2><p class="muted">One report from several run records; the outcomes are those counted from each record (a subject found twice is counted once).</p><div class="scroll"><table><thead><tr><th>#</th><th>record</th><th>path</th><th>host · runner · station</th><th>started</th><th>ended</th><th>harness</th><th>profile · limits hash</th><th class="num">subjects</th>${heads}<th class="num">exit</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

function renderDuplicates(merge: MergeInfo, label: (i: number) => string): string {
  const rows = merge.duplicates.slice(0, MAX_DUPLICATE_ROWS).map((d) => {
    const results = d.occurrences.map((o) => {
      const counts = OUTCOMES.filter((k) => o.counts[k] > 0)
        .map((k) => `${o.counts[k]} ${k}`)
        .join(", ");
      const notable = o.notable.length > 0 ? ` · ${o.notable.join(", ")}` : "";
      const errors = o.inputErrors > 0 ? ` · ${o.inputErrors} input error(s)` : "";
      const mark = o.counted ? " <strong>(counted)</strong>" : " (shown, not counted)";
      return `<li>${e(label(o.record))}: <strong>${e(o.worst)}</strong>${mark} — ${e(counts || "no verdicts")}${e(errors)}${e(notable)}${o.finished ? "" : " · did not finish"}</li>`;
    });
    return `<tr><td>${e(d.kind)}</td><td>${e(d.name)}</td><td><ul>${results.join("")}</ul></td></tr>`;
  });
  const more = merge.duplicates.length - MAX_DUPLICATE_ROWS;
  const note = more > 0 ? `<p class="muted">${more} more in junit.xml.</p>` : "";
  return `<section id="duplicates"><h2>Subjects in more than one record (${merge.duplicates.length})</h2><p class="muted">Each is counted once, with its worst result (a retest never hides a failure); every result is listed here.</p><table><thead><tr><th>kind</th><th>subject</th><th>results</th></tr></thead><tbody>${rows.join("")}</tbody></table>${note}</section>`;
}
