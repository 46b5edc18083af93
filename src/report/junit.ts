// Render a run as JUnit XML (Jenkins xUnit junit-10.xsd): one <testsuite> per subject, one
// <testcase> per limit. fail -> <failure>, error -> <error>, not-applicable -> <skipped>,
// marginal -> passes, marked "MARGINAL" in <system-out> (the name stays stable so CI test
// history follows a limit across runs). Input errors and an unfinished run become <error>s, so a
// broken or crashed run can never look green.

import type { LimitInfo } from "../model/limit.js";
import { IDENTITY_KEYS } from "../model/subject-identity.js";
import type { EventLine, RunEndLine, RunStartLine, VerdictLine } from "../run/record.js";
import type { SubjectModel } from "../run/subject.js";
import { describeVerdict, formatEvidence, formatNumber, getDurationMs } from "./format.js";
import type { RunModel } from "./run-model.js";
import {
  escapeXmlAttribute,
  PreparedAttributes,
  XML_DECLARATION,
  XmlWriter,
} from "./xml-writer.js";

/** GitLab refuses JUnit reports above 30 MB. */
export const GITLAB_JUNIT_LIMIT_BYTES = 30 * 1000 * 1000;

/** Run-level facts every subject's suite repeats (properties, hostname). */
export interface JunitRun {
  start: RunStartLine;
  limits: ReadonlyMap<string, LimitInfo>;
  /** The run has no run-end: unfinished subjects get an error testcase. */
  incomplete: boolean;
}

// Widest values the root's counts and time can take: the root start tag is written last, into
// space reserved at the top of the file, so the reservation must fit any run.
const WIDEST_COUNT = 10 ** 15 - 1;
const WIDEST_TIME = "9".repeat(20);

/**
 * Writes a run's JUnit document one subject at a time: `addSubject()` for each subject as it
 * finishes, `takeBody()` for the XML written so far (stream it to a file), then `finish()`.
 * The root `<testsuites>` carries totals, known only at the end, so its start tag is rendered by
 * `finish()` padded to `headerBytes`: a file writer reserves that many bytes first and writes the
 * header there last. Memory stays bounded by one subject, whatever the number of subjects.
 */
export class JunitWriter {
  readonly #run: JunitRun;
  readonly #xml = new XmlWriter({ declaration: false, openElements: ["testsuites"] });
  readonly #totals: JunitTotals = { tests: 0, failures: 0, errors: 0 };
  readonly #names = new Map<string, string>();
  readonly headerBytes: number;

  constructor(run: JunitRun) {
    this.#run = run;
    this.headerBytes = Buffer.byteLength(
      this.#header(
        { tests: WIDEST_COUNT, failures: WIDEST_COUNT, errors: WIDEST_COUNT },
        WIDEST_TIME,
      ),
    );
  }

  addSubject(subject: SubjectModel): void {
    const counts = countSuite(subject, this.#run.incomplete);
    this.#totals.tests += counts.tests;
    this.#totals.failures += counts.failures;
    this.#totals.errors += counts.errors;
    writeSubjectSuite(this.#xml, this.#run, subject, counts, this.#names);
  }

  // XML written since the last call, in 64 KB buffers.
  takeBody(): Buffer[] {
    return this.#xml.takeBuffers();
  }

  // Close the document: returns the rest of the body and the header (exactly headerBytes long).
  finish(events: readonly EventLine[], end: RunEndLine | undefined): JunitEnding {
    const runErrors = events.filter((e) => e.level === "error");
    const { incomplete } = this.#run;
    if (incomplete || runErrors.length > 0) {
      const extra = runErrors.length + (incomplete ? 1 : 0);
      this.#totals.tests += extra;
      this.#totals.errors += extra;
      writeRunSuite(this.#xml, this.#run, runErrors, incomplete);
    }
    const rest = this.#xml.endChunks();
    const time = formatSeconds(getDurationMs(this.#run.start.startedAt, end?.endedAt));
    const text = this.#header(this.#totals, time);
    const pad = this.headerBytes - Buffer.byteLength(text);
    // Whitespace after the root start tag is allowed in element content.
    const header = Buffer.from(`${text.slice(0, -1)}${" ".repeat(pad)}\n`, "utf8");
    return { header, rest };
  }

  // The XML declaration and the root start tag, ending in a newline.
  #header(totals: JunitTotals, time?: string): string {
    const { profile, kind } = this.#run.start;
    const attributes = new PreparedAttributes({
      name: `xpo ${kind} ${profile.id} ${profile.revision}`,
      tests: totals.tests,
      failures: totals.failures,
      errors: totals.errors,
      time,
    });
    return `${XML_DECLARATION}<testsuites${attributes.text}>\n`;
  }
}

export interface JunitTotals {
  tests: number;
  failures: number;
  errors: number;
}

export interface JunitEnding {
  header: Buffer;
  rest: Buffer[];
}

// Render the JUnit XML document for a run held in memory.
export function renderJunit(run: RunModel): string {
  const writer = new JunitWriter({
    start: run.start,
    limits: run.limits,
    incomplete: run.end === undefined,
  });
  for (const subject of run.subjects) writer.addSubject(subject);
  const body = writer.takeBody();
  const { header, rest } = writer.finish(run.events, run.end);
  return Buffer.concat([header, ...body, ...rest]).toString("utf8");
}

function countSuite(s: SubjectModel, incomplete: boolean) {
  const unfinished = incomplete && s.endedAt === undefined ? 1 : 0;
  const eventErrors = s.events.filter((e) => e.level === "error").length;
  const extraErrors = s.inputErrors.length + eventErrors + unfinished;
  return {
    tests: s.verdicts.length + extraErrors,
    failures: s.counts.fail,
    errors: s.counts.error + extraErrors,
    skipped: s.counts["not-applicable"],
  };
}

type SuiteCounts = ReturnType<typeof countSuite>;

function writeSubjectSuite(
  xml: XmlWriter,
  run: JunitRun,
  s: SubjectModel,
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
    file: subject.file,
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
  // The testcase start tag, escaped once per limit and subject (not per verdict).
  const names = new Map<string, PreparedAttributes>();
  const classPrefix = escapeXmlAttribute(`${subject.name}.`);
  for (const verdict of s.verdicts) {
    let naming = names.get(verdict.limitId);
    if (!naming) {
      const limit = run.limits.get(verdict.limitId);
      let name = testcaseNames.get(verdict.limitId);
      if (name === undefined) {
        name = escapeXmlAttribute(getTestcaseName(verdict.limitId, limit));
        testcaseNames.set(verdict.limitId, name);
      }
      const area = escapeXmlAttribute(limit?.area ?? "unknown");
      naming = new PreparedAttributes(` name="${name}" classname="${classPrefix}${area}"`);
      names.set(verdict.limitId, naming);
    }
    writeVerdictCase(xml, run, naming, subject.file, verdict);
  }
  for (const e of s.inputErrors) {
    const where = formatEvidence(e);
    xml.open("testcase", {
      name: "read and validate the datasheet",
      classname: `${subject.name}.input`,
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
    xml.open("testcase", {
      name: `${e.kind} at ${e.time}`,
      classname: `${subject.name}.events`,
      time: 0,
    });
    xml.leaf(
      "error",
      { type: e.kind, message: e.message },
      `${e.message}${e.step ? `\nstep: ${e.step}` : ""}`,
    );
    xml.close();
  }
  if (run.incomplete && s.endedAt === undefined) {
    xml.open("testcase", { name: "subject finished", classname: `${subject.name}.run`, time: 0 });
    xml.leaf("error", { type: "XPO_INCOMPLETE", message: INCOMPLETE_MESSAGE }, INCOMPLETE_DETAIL);
    xml.close();
  }
  xml.close();
}

const INCOMPLETE_MESSAGE = "the run did not finish: the record has no run-end line";
const INCOMPLETE_DETAIL =
  "The run record ends without run-end (the process crashed or was killed). Verdicts recorded before that point are reported; limits not reached were not checked.";

function writeRunSuite(
  xml: XmlWriter,
  run: JunitRun,
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
  run: JunitRun,
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
  run: JunitRun,
  naming: PreparedAttributes,
  subjectFile: string | undefined,
  verdict: VerdictLine,
): void {
  const limit = run.limits.get(verdict.limitId);
  const inSuiteFile = subjectFile !== undefined && verdict.evidence?.file === subjectFile;
  // The suite names the file, so system-out gives only the line (300,000 testcases add up).
  const line = describeVerdict(verdict, limit, inSuiteFile && verdict.outcome === "pass");
  xml.open("testcase", naming);
  switch (verdict.outcome) {
    case "fail":
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
      xml.leaf("skipped", { message: verdict.reason ?? "not applicable" });
      break;
    default:
      break;
  }
  const mark =
    verdict.outcome === "marginal"
      ? "MARGINAL (inside the guard band)"
      : verdict.outcome.toUpperCase();
  xml.leaf(
    "system-out",
    {},
    `${mark} ${verdict.limitId}: ${line}${verdict.reason ? `; ${verdict.reason}` : ""}`,
  );
  xml.close();
}

// "XPO-PWR-001 Maximum module power <= 480 W": stable across runs, readable in CI test views.
export function getTestcaseName(limitId: string, limit: LimitInfo | undefined): string {
  if (!limit) return limitId;
  return `${limit.id} ${limit.title}${limit.boundText ? ` ${limit.boundText}` : ""}`;
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
    ["subject", verdict.subject],
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

function formatSeconds(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : (ms / 1000).toFixed(3);
}
