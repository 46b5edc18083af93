// gl-code-quality-report.json: GitLab's Code Quality format (a JSON array of issues with a
// fingerprint each), so a merge request shows the findings that are new and those fixed. One issue
// per finding (findings.ts); severity follows the gate: a failure that fails the run is
// "critical", an input error "blocker", one below the gate "minor", marginal "info".
import { isAbsolute, join, relative } from "node:path";
import { writeFileFresh } from "../util/fresh-file.js";
import { collectFindings, type Finding } from "./findings.js";
import {
  type CreateReporter,
  type Reporter,
  type RunView,
  type SubjectView,
  writeOnDisk,
} from "./reporter.js";

type Severity = "info" | "minor" | "major" | "critical" | "blocker";

const SEVERITY: Record<Finding["kind"], Severity> = {
  fail: "critical",
  error: "critical",
  "input-error": "blocker",
  warning: "minor",
  marginal: "info",
};

class GitlabReporter implements Reporter {
  readonly name = "gitlab";
  readonly label = "gitlab";
  readonly file: string;
  readonly #findings: Finding[] = [];
  #run: RunView | undefined;

  constructor(outDir: string) {
    this.file = join(outDir, "gl-code-quality-report.json");
  }

  onStart(run: RunView): void {
    this.#run = run;
  }

  onSubject(subject: SubjectView): void {
    if (this.#run) this.#findings.push(...collectFindings(this.#run, subject));
  }

  finish(): void {
    const issues = this.#findings.map(toIssue);
    writeOnDisk(this.file, () =>
      writeFileFresh(this.file, [`${JSON.stringify(issues, null, 1)}\n`]),
    );
  }
}

// Registry entry: gl-code-quality-report.json in outDir.
export const createGitlabReporter: CreateReporter = (outDir) => new GitlabReporter(outDir);

function toIssue(f: Finding) {
  const file = f.file ?? "";
  // GitLab matches paths relative to the repository root (the job's working directory).
  const path = isAbsolute(file) ? relative(process.cwd(), file) : file.replace(/^\.\//, "");
  return {
    type: "issue",
    description: f.message,
    check_name: f.ruleId,
    fingerprint: f.fingerprint,
    severity: SEVERITY[f.kind],
    categories: ["Compatibility"],
    location: { path: path.split("\\").join("/"), lines: { begin: f.line ?? 1 } },
  };
}
