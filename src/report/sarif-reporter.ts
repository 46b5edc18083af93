// The report.sarif reporter (SARIF 2.1.0, for code scanning): one rule per limit id (title, help
// with bound, source and confidence, default level from severity), one result per finding
// (findings.ts) with the datasheet region and a partialFingerprint stable across runs. Levels
// follow the gate: a failure that fails the run is "error", one below it "warning", marginal
// "note", so code scanning and the exit code agree.
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { LimitInfo, Severity } from "../model/limit.js";
import { writeFileFresh } from "../util/fresh-file.js";
import { type BaselineState, RunFindings } from "./baseline.js";
import type { Finding } from "./findings.js";
import {
  type CreateReporter,
  type FinishedRunView,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const DEFAULT_LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  mandatory: "error",
  recommended: "warning",
  informative: "note",
};

class SarifReporter implements Reporter {
  readonly name = "sarif";
  readonly file: string;
  #findings: RunFindings | undefined;

  constructor(outDir: string) {
    this.file = join(outDir, "report.sarif");
  }

  onStart(run: RunView): void {
    this.#findings = new RunFindings(run);
  }

  onSubject(subject: SubjectView): void {
    this.#findings?.add(subject);
  }

  finish(run: FinishedRunView): void {
    const findings = this.#findings ?? new RunFindings({ ...run, baseline: undefined });
    const log = buildSarif(run, findings.list, {
      stateOf: (f) => findings.stateOf(f),
      fixed: findings.comparison?.fixed() ?? [],
    });
    const text = `${JSON.stringify(log, null, 1)}\n`;
    writeOnDisk(this.file, () => writeFileFresh(this.file, [text]));
  }
}

// Registry entry: report.sarif in outDir.
export const createSarifReporter: CreateReporter = (outDir) => new SarifReporter(outDir);

/** With a baseline: each finding's state, and the baseline's findings this run no longer has. */
interface BaselineFacts {
  stateOf: (f: Finding) => BaselineState | undefined;
  fixed: readonly Finding[];
}

// The SARIF log of a run's findings (with a baseline: baselineState, and the fixed ones "absent").
function buildSarif(run: RunView, findings: readonly Finding[], baseline: BaselineFacts): Log {
  const rules: ReportingDescriptor[] = [...run.limits.values()].map(limitRule);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  for (const f of [...findings, ...baseline.fixed]) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push({
      id: f.ruleId,
      name: f.ruleId,
      shortDescription: { text: f.title },
      defaultConfiguration: { level: "error" },
    });
  }
  const results = findings.map((f): Result => {
    const result = toResult(f, index.get(f.ruleId) ?? 0);
    const state = baseline.stateOf(f);
    if (state) result.baselineState = state;
    return result;
  });
  for (const f of baseline.fixed) {
    // Fixed since the baseline: kept as an absent result (level none), as SARIF has it.
    const result = toResult(f, index.get(f.ruleId) ?? 0);
    result.level = "none";
    result.kind = "pass";
    result.baselineState = "absent";
    results.push(result);
  }
  const { harness, profile } = run.start;
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "xpo-msa-harness",
            version: harness.version,
            rules,
            properties: { profile: profile.id, profileRevision: profile.revision },
          },
        },
        automationDetails: { id: `xpo/${run.start.kind}/${profile.id}/` },
        results,
        properties: { failOn: run.start.failOn ?? "mandatory" },
      },
    ],
  };
}

// A rule for one limit: what it checks, its bound and where the bound comes from.
function limitRule(limit: LimitInfo): ReportingDescriptor {
  const assumed = limit.confidence === "assumed";
  const help = [
    `${limit.id} ${limit.title}: ${limit.boundText || "see the profile"}.`,
    `Source: ${limit.source} (confidence: ${limit.confidence}${assumed ? "; an assumed limit: no public source states this bound" : ""}).`,
    `Severity: ${limit.severity}.`,
    limit.appliesWhen ? `Applies when ${limit.appliesWhen}.` : "",
    limit.note ?? "",
  ]
    .filter(Boolean)
    .join(" ");
  const tags = [limit.area, limit.severity, limit.confidence];
  return {
    id: limit.id,
    name: limit.id.replace(/[^A-Za-z0-9]/g, ""),
    shortDescription: { text: `${limit.title}${limit.boundText ? ` ${limit.boundText}` : ""}` },
    fullDescription: { text: help },
    help: { text: help },
    defaultConfiguration: { level: DEFAULT_LEVEL[limit.severity] },
    properties: { tags, severity: limit.severity, confidence: limit.confidence, assumed },
  };
}

function toResult(f: Finding, ruleIndex: number): Result {
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.level,
    message: { text: f.message },
    partialFingerprints: { "xpoFinding/v1": f.fingerprint },
    properties: { kind: f.kind, ...(f.lane === undefined ? {} : { lane: f.lane }) },
  };
  if (f.file !== undefined) {
    const region =
      f.line === undefined
        ? undefined
        : { startLine: f.line, ...(f.column === undefined ? {} : { startColumn: f.column }) };
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: artifactOf(f.file),
          ...(region ? { region } : {}),
        },
      },
    ];
  }
  return result;
}

// A relative path stays relative to the checkout (%SRCROOT%), as code scanning expects.
function artifactOf(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: encodeURI(file.split("\\").join("/")), uriBaseId: "%SRCROOT%" };
}
