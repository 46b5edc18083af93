// The <testsuite>s of junit.xml: one per subject (a testcase per limit, then input errors,
// error events and "did not finish" as error testcases) and one for the run's own errors.
import type { LimitInfo } from "../model/limit.js";
import { IDENTITY_KEYS } from "../model/subject-identity.js";
import { laneSuffix } from "../model/verdict.js";
import type { EventLine, VerdictLine } from "../run/record.js";
import {
  describeVerdict,
  formatEvidence,
  formatNumber,
  getCaseName,
  getDurationMs,
} from "./format.js";
import { getFailOn, isWarningVerdict } from "./gate.js";
import type { RunView, SubjectView } from "./reporter.js";
import { escapeXmlAttribute, PreparedAttributes, type XmlWriter } from "./xml-writer.js";

/** Testcase counts of one <testsuite>. */
export interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

// One subject's <testsuite>: properties, a testcase per verdict, then its error testcases.
export function writeSubjectSuite(
  xml: XmlWriter,
  run: RunView,
  s: SubjectView,
  counts: SuiteCounts,
  testcaseNames: Map<string, string>,
): void {
  const { subject } = s;
  xml.open("testsuite", {
    name: subject.name,
    tests: counts.tests,
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    time: formatSeconds(getDurationMs(subject.startedAt, s.endedAt)),
    timestamp: subject.startedAt || run.start.startedAt,
    hostname: run.start.hostname,
    id: subject.subjectId,
  });
  writeProperties(xml, run, [
    ["subject.kind", subject.kind],
    ["subject.file", subject.file],
    ...IDENTITY_KEYS.map((k): [string, string | undefined] => [
      `subject.${k}`,
      subject.identity?.[k],
    ]),
    ["run.incomplete", run.incomplete ? "true" : undefined],
  ]);
  // The testcase start tag, escaped once per limit and subject (not per verdict); a per-lane
  // limit gets one name per lane ("... (lane 37)"), so CI test views keep the lanes apart.
  const names = new Map<string, PreparedAttributes>();
  const classPrefix = escapeXmlAttribute(`${subject.name}.`);
  for (const verdict of s.verdicts) {
    const key =
      verdict.lane === undefined ? verdict.limitId : `${verdict.limitId}\n${verdict.lane}`;
    let naming = names.get(key);
    if (!naming) {
      naming = prepareNaming(run, verdict, classPrefix, testcaseNames);
      names.set(key, naming);
    }
    writeVerdictCase(xml, run, naming, subject.file, verdict);
  }
  writeProblemCases(xml, s, run.incomplete);
  xml.close();
}

// ` name="…" classname="…"` of a verdict's testcase; the escaped limit name is kept across
// subjects (one escape per limit and lane per run).
function prepareNaming(
  run: RunView,
  verdict: VerdictLine,
  classPrefix: string,
  testcaseNames: Map<string, string>,
): PreparedAttributes {
  const limit = run.limits.get(verdict.limitId);
  const key = `${verdict.limitId}${laneSuffix(verdict)}`;
  let name = testcaseNames.get(key);
  if (name === undefined) {
    name = escapeXmlAttribute(getCaseName(verdict, limit));
    testcaseNames.set(key, name);
  }
  const area = escapeXmlAttribute(limit?.area ?? "unknown");
  return new PreparedAttributes(` name="${name}" classname="${classPrefix}${area}"`);
}

// Error testcases of a subject: input errors, error events, and "did not finish".
function writeProblemCases(xml: XmlWriter, s: SubjectView, incomplete: boolean): void {
  const { name } = s.subject;
  for (const e of s.inputErrors) {
    const where = formatEvidence(e);
    xml.open("testcase", {
      name: "read and validate the datasheet",
      classname: `${name}.input`,
      time: 0,
    });
    xml.leaf(
      "error",
      { type: e.code, message: `${where ? `${where}: ` : ""}${e.message}` },
      [`${e.code}: ${e.message}`, where ? `at ${where}` : "", `fix: ${e.remedy}`]
        .filter(Boolean)
        .join("\n"),
    );
    xml.close();
  }
  for (const e of s.events) {
    if (e.level !== "error") continue;
    xml.open("testcase", { name: `${e.kind} at ${e.time}`, classname: `${name}.events`, time: 0 });
    xml.leaf(
      "error",
      { type: e.kind, message: e.message },
      `${e.message}${e.step ? `\nstep: ${e.step}` : ""}`,
    );
    xml.close();
  }
  if (incomplete && s.endedAt === undefined) {
    xml.open("testcase", { name: "subject finished", classname: `${name}.run`, time: 0 });
    xml.leaf("error", { type: "XPO_INCOMPLETE", message: INCOMPLETE_MESSAGE }, INCOMPLETE_DETAIL);
    xml.close();
  }
}

const INCOMPLETE_MESSAGE = "the run did not finish: the record has no run-end line";
const INCOMPLETE_DETAIL =
  "The run record ends without run-end (the process crashed or was killed). Verdicts recorded before that point are reported; limits not reached were not checked.";

// The run's own <testsuite>: errors not tied to a subject, and "the run did not finish".
export function writeRunSuite(
  xml: XmlWriter,
  run: RunView,
  errors: readonly EventLine[],
  incomplete: boolean,
): void {
  const tests = errors.length + (incomplete ? 1 : 0);
  xml.open("testsuite", {
    name: `run ${run.start.runId}`,
    tests,
    failures: 0,
    errors: tests,
    skipped: 0,
    timestamp: run.start.startedAt,
    hostname: run.start.hostname,
  });
  writeProperties(xml, run, [["run.incomplete", incomplete ? "true" : undefined]]);
  for (const e of errors) {
    xml.open("testcase", { name: `${e.kind} at ${e.time}`, classname: "run.events", time: 0 });
    xml.leaf("error", { type: e.kind, message: e.message }, e.message);
    xml.close();
  }
  if (incomplete) {
    xml.open("testcase", { name: "run finished", classname: "run", time: 0 });
    xml.leaf("error", { type: "XPO_INCOMPLETE", message: INCOMPLETE_MESSAGE }, INCOMPLETE_DETAIL);
    xml.close();
  }
  xml.close();
}

function writeProperties(
  xml: XmlWriter,
  run: RunView,
  extra: readonly [string, string | undefined][],
): void {
  const { start } = run;
  const rows: [string, string | undefined][] = [
    ["profile", start.profile.id],
    ["profile.revision", start.profile.revision],
    ["profile.title", start.profile.title],
    ["profile.hash", start.profile.hash],
    ["profile.decisionRule", start.profile.decisionRule],
    ["harness.version", start.harness.version],
    ["harness.commit", start.harness.commit],
    ["run.id", start.runId],
    ["run.kind", start.kind],
    ["station", start.station?.name],
    ...extra,
  ];
  xml.open("properties");
  for (const [name, value] of rows) {
    if (value !== undefined && value !== "") xml.leaf("property", { name, value });
  }
  xml.close();
}

function writeVerdictCase(
  xml: XmlWriter,
  run: RunView,
  naming: PreparedAttributes,
  subjectFile: string | undefined,
  verdict: VerdictLine,
): void {
  const limit = run.limits.get(verdict.limitId);
  const inSuiteFile = subjectFile !== undefined && verdict.evidence?.file === subjectFile;
  // The suite names the file, so system-out gives only the line (300,000 testcases add up).
  const line = describeVerdict(verdict, limit, inSuiteFile && verdict.outcome === "pass");
  const warning = isWarningVerdict(verdict, run);
  const out = (mark: string, detail: string) =>
    `${mark} ${verdict.limitId}${laneSuffix(verdict)}: ${line}${verdict.reason ? `; ${verdict.reason}` : ""}${detail}`;
  // Passing and marginal testcases (most of them) hold only their system-out: one write.
  if (verdict.outcome === "pass") {
    xml.leafIn("testcase", naming, "system-out", out("PASS", ""));
    return;
  }
  xml.open("testcase", naming);
  switch (verdict.outcome) {
    case "fail":
      // Below the gate: a passing testcase marked WARNING, as the exit code has it.
      if (!warning)
        xml.leaf("failure", { type: "limit", message: line }, describeDetail(verdict, limit));
      break;
    case "error":
      xml.leaf(
        "error",
        {
          type: "not-checked",
          message: verdict.reason ?? "the harness could not check this limit",
        },
        describeDetail(verdict, limit),
      );
      break;
    case "not-applicable":
      // The reason as text: the dtkit JUnit 4 schema allows no attribute on <skipped>.
      xml.leaf("skipped", {}, verdict.reason ?? "not applicable");
      break;
    default:
      break;
  }
  const mark = warning
    ? `WARNING (${limit?.severity ?? "?"} limit not met; below the gate --fail-on ${getFailOn(run)})`
    : verdict.outcome === "marginal"
      ? "MARGINAL (inside the guard band)"
      : verdict.outcome.toUpperCase();
  const detail = warning ? `\n${describeDetail(verdict, limit)}` : "";
  xml.leaf("system-out", {}, out(mark, detail));
  xml.close();
}

function describeDetail(verdict: VerdictLine, limit: LimitInfo | undefined): string {
  const unit = verdict.unit || limit?.unit || "";
  const rows: [string, string | undefined][] = [
    ["limit", limit ? `${limit.id} ${limit.title}` : verdict.limitId],
    ["observed", `${formatDetailValue(verdict.observed)} ${unit}`.trim()],
    ["bound", limit?.boundText],
    [
      "margin",
      verdict.margin === null ? undefined : `${formatNumber(verdict.margin)} ${unit}`.trim(),
    ],
    [
      "guard band",
      verdict.guard === undefined ? undefined : `${formatNumber(verdict.guard)} ${unit}`.trim(),
    ],
    [
      "source",
      limit ? `${limit.source} (confidence: ${limit.confidence}, ${limit.severity})` : undefined,
    ],
    ["subject", `${verdict.subject}${laneSuffix(verdict)}`],
    ["evidence", formatEvidence(verdict.evidence) || undefined],
    ["reason", verdict.reason],
    ["conditions", verdict.conditions ? JSON.stringify(verdict.conditions) : undefined],
  ];
  return rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

function formatDetailValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "—";
}

// Milliseconds as JUnit's seconds with three decimals.
export function formatSeconds(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : (ms / 1000).toFixed(3);
}
