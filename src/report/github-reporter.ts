// GitHub Actions: `::error` / `::warning` / `::notice` workflow commands on the datasheet lines
// (most severe first, within what GitHub shows: 10 of each level per step, 50 per job), and a
// Markdown job summary (verdict, counts, the failing limits with links to their lines) appended
// to $GITHUB_STEP_SUMMARY under its 1 MiB cap and kept as github-summary.md in --out. The
// annotations' levels follow the gate, as the exit code does.
import { appendFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { type Counts, createCounts, OUTCOMES } from "../model/outcome.js";
import { writeFileFresh } from "../util/fresh-file.js";
import { type BaselineComparison, type BaselineState, RunFindings } from "./baseline.js";
import { compareFindings, type Finding } from "./findings.js";
import { getOverallVerdict } from "./format.js";
import { getFailOn } from "./gate.js";
import {
  type CreateReporter,
  type FinishedRunView,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

/** Annotations GitHub shows per level and step. */
export const ANNOTATIONS_PER_LEVEL = 10;
/** $GITHUB_STEP_SUMMARY refuses more than 1 MiB per step; stay well under it. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

const COMMAND: Record<Finding["level"], string> = {
  error: "error",
  warning: "warning",
  note: "notice",
};

class GithubReporter implements Reporter {
  readonly name = "github";
  readonly file: string;
  #findings: RunFindings | undefined;
  readonly #counts: Counts = createCounts();
  #inputErrors = 0;
  readonly #env: NodeJS.ProcessEnv;
  readonly #out: (text: string) => void;

  constructor(outDir: string, env: NodeJS.ProcessEnv, out: (text: string) => void) {
    this.file = join(outDir, "github-summary.md");
    this.#env = env;
    this.#out = out;
  }

  onStart(run: RunView): void {
    this.#findings = new RunFindings(run);
  }

  onSubject(subject: SubjectView): void {
    for (const o of OUTCOMES) this.#counts[o] += subject.counts[o];
    this.#inputErrors += subject.inputErrors.length;
    this.#findings?.add(subject);
  }

  finish(run: FinishedRunView): void {
    const collected = this.#findings ?? new RunFindings({ ...run, baseline: undefined });
    const comparison = collected.comparison;
    const findings = [...collected.list].sort(compareFindings);
    const { lines, left } = renderAnnotations(findings);
    if (lines.length > 0) this.#out(`${lines.join("\n")}\n`);
    const summary = renderSummary(run, findings, {
      counts: this.#counts,
      inputErrors: this.#inputErrors,
      notAnnotated: left,
      link: lineLinker(this.#env),
      ...(comparison
        ? { baseline: comparison, stateOf: (f: Finding) => collected.stateOf(f) }
        : {}),
    });
    writeOnDisk(this.file, () => writeFileFresh(this.file, [summary]));
    const target = this.#env.GITHUB_STEP_SUMMARY;
    if (target) writeOnDisk(target, () => appendFileSync(target, summary));
  }
}

// Registry entry: annotations on stdout, the summary in outDir and $GITHUB_STEP_SUMMARY.
export const createGithubReporter: CreateReporter = (outDir) =>
  new GithubReporter(outDir, process.env, (text) => process.stdout.write(text));

// Workflow command escaping: data escapes %, CR, LF; properties also ":" and ",".
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// At most ANNOTATIONS_PER_LEVEL commands per level, most severe first; `left` were not shown.
export function renderAnnotations(sorted: readonly Finding[]): { lines: string[]; left: number } {
  const shown: Record<string, number> = {};
  const lines: string[] = [];
  let left = 0;
  for (const f of sorted) {
    const n = shown[f.level] ?? 0;
    if (n >= ANNOTATIONS_PER_LEVEL) {
      left++;
      continue;
    }
    shown[f.level] = n + 1;
    const props = [
      f.file === undefined ? "" : `file=${escapeProperty(f.file)}`,
      f.line === undefined ? "" : `line=${f.line}`,
      f.column === undefined ? "" : `col=${f.column}`,
      `title=${escapeProperty(f.title)}`,
    ].filter(Boolean);
    lines.push(`::${COMMAND[f.level]} ${props.join(",")}::${escapeData(f.message)}`);
  }
  return { lines, left };
}

// A link to a datasheet line in the repository being checked, when GitHub says which.
function lineLinker(env: NodeJS.ProcessEnv): (f: Finding) => string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return (f) => {
    if (!server || !repo || !sha || f.file === undefined || isAbsolute(f.file)) return undefined;
    const path = f.file.replace(/^\.\//, "").split("/").map(encodeURIComponent).join("/");
    return `${server}/${repo}/blob/${sha}/${path}${f.line === undefined ? "" : `#L${f.line}`}`;
  };
}

interface SummaryFacts {
  counts: Counts;
  inputErrors: number;
  notAnnotated: number;
  link: (f: Finding) => string | undefined;
  /** With --baseline: the comparison and each finding's state. */
  baseline?: BaselineComparison;
  stateOf?: (f: Finding) => BaselineState | undefined;
}

// Table cells: no pipes or newlines break the row.
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

// The job summary: verdict, counts, then one row per finding while under the size cap.
export function renderSummary(
  run: FinishedRunView,
  sorted: readonly Finding[],
  facts: SummaryFacts,
): string {
  const c = facts.counts;
  const warnings = sorted.filter((f) => f.kind === "warning").length;
  const verdict = getOverallVerdict({ ...facts, end: run.end, warnings });
  const head = [
    `## XPO ${run.start.kind}: ${verdict.toUpperCase()}`,
    "",
    `Profile ${run.start.profile.id} rev ${run.start.profile.revision}; gate --fail-on ${getFailOn(run)}.`,
    "",
    "| passed | failed | warnings | marginal | not applicable | errors | input errors |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${c.pass} | ${c.fail - warnings} | ${warnings} | ${c.marginal} | ${c["not-applicable"]} | ${c.error} | ${facts.inputErrors} |`,
    "",
  ];
  if (facts.notAnnotated > 0)
    head.push(
      `${facts.notAnnotated} finding(s) were not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step): all are listed below and in report.html.`,
      "",
    );
  const { baseline, stateOf } = facts;
  if (baseline) {
    head.push(`Compared with the baseline ${baseline.describe()}.`, "");
    for (const f of baseline.fixed())
      head.push(`- fixed: ${cell(f.title)} (${cell(f.file ?? "")})`);
    if (baseline.fixed().length > 0) head.push("");
  }
  if (sorted.length > 0)
    head.push(
      `| level | limit | where | finding |${baseline ? " baseline |" : ""}`,
      `| --- | --- | --- | --- |${baseline ? " --- |" : ""}`,
    );
  let text = `${head.join("\n")}\n`;
  let bytes = Buffer.byteLength(text);
  for (const [i, f] of sorted.entries()) {
    const where = `${f.file ?? ""}${f.line === undefined ? "" : `:${f.line}`}`;
    const url = facts.link(f);
    const state = stateOf ? ` ${stateOf(f) ?? ""} |` : "";
    const row = `| ${f.kind} | ${cell(f.title)} | ${url ? `[${cell(where)}](${url})` : cell(where)} | ${cell(f.message)} |${state}\n`;
    const rowBytes = Buffer.byteLength(row);
    if (bytes + rowBytes > SUMMARY_LIMIT_BYTES - 200) {
      text += `\n${sorted.length - i} more finding(s) left out to stay under GitHub's 1 MiB summary limit: see report.html.\n`;
      break;
    }
    text += row;
    bytes += rowBytes;
  }
  return text;
}
