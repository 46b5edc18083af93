// The GitHub Actions, GitLab CI and Jenkins recipes of docs/ci.md ("## GitHub Actions",
// "## GitLab CI", "## Jenkins"), run as written in a workspace holding every fixture datasheet
// (one limit fails in each failing fixture), with `npx xpo` pointed at this build. The files the
// recipes hand to GitHub, GitLab and Jenkins must exist and pass their checks: report.sarif
// against the SARIF 2.1.0 schema, junit.xml against both Jenkins schemas and read by
// python3-junitparser, the Code Quality report's fields, the annotations and the job summary.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { execa } from "execa";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../src/util/repo-root.js";
import { xpoBin } from "./support/cli.js";
import { JUNIT_XSDS, xmllint } from "./support/junit-consumers.js";
import { describeWithTool, gateTool } from "./support/tools.js";

const doc = readFileSync(join(repoRoot, "docs/ci.md"), "utf8");
const root = mkdtempSync(join(tmpdir(), "xpo-ci-outputs-"));

// The first fenced block of `lang` after the heading.
function blockAfter(heading: string, lang: string): string {
  const at = doc.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`docs/ci.md has no heading ${heading}`);
  const open = doc.indexOf(`\n\`\`\`${lang}\n`, at);
  const start = open + lang.length + 5;
  return doc.slice(start, doc.indexOf("\n```\n", start));
}

function workspace(name: string): string {
  const ws = join(root, name);
  mkdirSync(join(ws, "datasheets"), { recursive: true });
  cpSync(join(repoRoot, "fixtures/datasheets"), join(ws, "datasheets"), { recursive: true });
  return ws;
}

async function sh(command: string, cwd: string, env: Record<string, string> = {}) {
  const script = command.replaceAll("npx xpo", `"${process.execPath}" "${xpoBin}"`);
  return execa("bash", ["-c", script], {
    cwd,
    env: { NO_COLOR: "1", GITHUB_ACTIONS: "", ...env },
    reject: false,
  });
}

function expectValidJunit(path: string): void {
  for (const xsd of JUNIT_XSDS)
    expect(() => xmllint("--noout", "--schema", xsd, path)).not.toThrow();
}

describeWithTool(gateTool("xmllint", "libxml2-utils"), "docs/ci.md recipes for CI outputs", () => {
  it("GitHub Actions: annotations, job summary, SARIF for upload, the artifacts", async () => {
    const workflow = parse(blockAfter("## GitHub Actions", "yaml"));
    const steps = workflow.jobs.validate.steps as {
      run?: string;
      uses?: string;
      with?: Record<string, string>;
    }[];
    const validate = steps.find((s) => s.run?.includes("xpo validate"))?.run ?? "";
    const ws = workspace("github");
    const summary = join(ws, "summary.md");
    const run = await sh(validate, ws, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(run.exitCode, run.stderr).toBe(1); // mandatory limits fail in the fail fixtures
    expect(run.stdout).toMatch(
      /^::error file=datasheets\/fail\/XPO-\w+-\d+\.yaml,line=\d+,col=\d+,title=XPO-/m,
    );
    expect(run.stdout).toMatch(/^::warning file=datasheets\/fail\/XPO-PWR-006\.yaml,/m);
    expect(readFileSync(summary, "utf8")).toMatch(/^## XPO validate: (FAIL|ERROR)$/m);

    const sarifFile =
      steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))?.with
        ?.sarif_file ?? "";
    const sarif = JSON.parse(readFileSync(join(ws, sarifFile), "utf8"));
    const schema = JSON.parse(
      readFileSync(
        join(repoRoot, "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"),
        "utf8",
      ),
    );
    const check = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(check(sarif), JSON.stringify(check.errors)).toBe(true);
    const artifacts =
      steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))?.with?.path ?? "";
    for (const path of artifacts.trim().split("\n"))
      expect(existsSync(join(ws, path.trim())), path).toBe(true);
    expectValidJunit(join(ws, "reports/junit.xml"));
  });

  it("GitLab CI: JUnit and Code Quality reports where the job declares them", async () => {
    const job = parse(blockAfter("## GitLab CI", "yaml"))["validate-datasheets"];
    const ws = workspace("gitlab");
    for (const command of job.script as string[]) {
      if (command.trim() === "npm ci") continue;
      const run = await sh(command, ws);
      expect(run.exitCode, run.stderr).toBe(1);
    }
    expectValidJunit(join(ws, job.artifacts.reports.junit));
    const issues = JSON.parse(readFileSync(join(ws, job.artifacts.reports.codequality), "utf8"));
    expect(issues.length).toBeGreaterThan(20);
    const prints = new Set(issues.map((i: { fingerprint: string }) => i.fingerprint));
    expect(prints.size).toBe(issues.length);
    for (const issue of issues) {
      expect(issue.severity).toMatch(/^(info|minor|major|critical|blocker)$/);
      expect(existsSync(join(ws, issue.location.path)), issue.location.path).toBe(true);
    }
    for (const path of job.artifacts.paths as string[])
      expect(existsSync(join(ws, path))).toBe(true);
  });

  it("Jenkins: the validate step's exit code and the junit.xml the junit step reads", async () => {
    const pipeline = blockAfter("## Jenkins", "groovy");
    const command = /sh\(script: '([^']+)', returnStatus: true\)/.exec(pipeline)?.[1] ?? "";
    expect(command).toContain("xpo validate");
    const ws = workspace("jenkins");
    const run = await sh(command, ws);
    expect(run.exitCode).toBe(1);
    const junit = /junit testResults: '([^']+)'/.exec(pipeline)?.[1] ?? "";
    expectValidJunit(join(ws, junit));
  });
});
