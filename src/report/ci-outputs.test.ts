// The CI-facing reporters, through the CLI as a pipeline runs them (--reporter sarif --reporter
// github, GitHub's environment variables set): report.sarif is valid against the SARIF 2.1.0
// schema (ajv, the schema the SARIF multitool ships) and passes the multitool's own `validate`;
// annotations and the job summary follow the gate; fingerprints are stable across runs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { validate as validateCtrf } from "ctrf";
import type { Log } from "sarif";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { repoRoot } from "../util/repo-root.js";

const SARIF_SCHEMA = join(
  repoRoot,
  "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json",
);
const MULTITOOL = join(repoRoot, "node_modules/@microsoft/sarif-multitool/bin.js");

let dir: string;
let inputs: string[];

async function run(out: string, extra: string[] = [], env: Record<string, string> = {}) {
  return runXpo(
    [
      "validate",
      ...inputs,
      "--out",
      out,
      "--no-progress",
      "--reporter",
      "sarif",
      "--reporter",
      "github",
      ...extra,
    ],
    {
      env: {
        GITHUB_SERVER_URL: "https://github.example",
        GITHUB_REPOSITORY: "vendor/datasheets",
        GITHUB_SHA: "0123abc",
        ...env,
      },
    },
  );
}

function readSarif(out: string): Log {
  return JSON.parse(readFileSync(join(out, "report.sarif"), "utf8")) as Log;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-ci-"));
  const pwr = readFileSync(join(repoRoot, "fixtures/datasheets/fail/XPO-PWR-006.yaml"), "utf8");
  const m450 = join(dir, "m450.yaml");
  writeFileSync(m450, pwr.replace("maxPowerW: 420", "maxPowerW: 450"));
  inputs = ["fixtures/datasheets/fail/XPO-OPT-003.yaml", "fixtures/datasheets/pass", m450];
});

describe("report.sarif", () => {
  it("is valid SARIF 2.1.0 (ajv and the multitool), levels following the gate", async () => {
    const out = join(dir, "a");
    const summary = join(dir, "summary.md");
    const result = await run(out, [], { GITHUB_STEP_SUMMARY: summary });
    expect(result.exitCode, result.stderr).toBe(1);
    const log = readSarif(out);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, "utf8")));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);

    const checked = join(dir, "multitool.sarif");
    execFileSync(process.execPath, [
      MULTITOOL,
      "validate",
      join(out, "report.sarif"),
      "-o",
      checked,
      "--quiet",
    ]);
    const problems = (JSON.parse(readFileSync(checked, "utf8")) as Log).runs[0]?.results ?? [];
    expect(problems.filter((p) => p.level === "error")).toEqual([]);

    const sarifRun = log.runs[0];
    const results = sarifRun?.results ?? [];
    const byRule = (id: string) => results.find((r) => r.ruleId === id);
    expect(byRule("XPO-OPT-003")).toMatchObject({ level: "error", properties: { lane: 4 } });
    expect(byRule("XPO-OPT-003")?.message.text).toContain("(lane 4)");
    expect(byRule("XPO-OPT-003")?.locations?.[0]?.physicalLocation).toMatchObject({
      artifactLocation: {
        uri: "fixtures/datasheets/fail/XPO-OPT-003.yaml",
        uriBaseId: "%SRCROOT%",
      },
      region: { startLine: 64, startColumn: 75 },
    });
    expect(byRule("XPO-PWR-006")).toMatchObject({ level: "warning" });
    expect(byRule("XPO-PWR-006")?.message.text).toContain("[assumed limit]");
    const rule = sarifRun?.tool.driver.rules?.find((r) => r.id === "XPO-PWR-006");
    expect(rule?.defaultConfiguration?.level).toBe("warning");
    expect(rule?.help?.text).toMatch(/<= 31\.25 pJ\/bit.*Source: S1, S2.*assumed/);

    // The annotations: most severe first, levels as the gate has them, lane in the title.
    const annotations = result.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(annotations[0]).toMatch(
      /^::error file=fixtures\/datasheets\/fail\/XPO-OPT-003\.yaml,line=64,col=75,title=XPO-OPT-003 TDECQ per lane \(lane 4\)::/,
    );
    expect(
      annotations.some((a) =>
        /^::warning file=.*m450\.yaml,line=\d+,col=\d+,title=XPO-PWR-006 /.test(a),
      ),
    ).toBe(true);
    const md = readFileSync(summary, "utf8");
    expect(md).toContain("## XPO validate: FAIL");
    expect(md).toContain(
      "[fixtures/datasheets/fail/XPO-OPT-003.yaml:64](https://github.example/vendor/datasheets/blob/0123abc/fixtures/datasheets/fail/XPO-OPT-003.yaml#L64)",
    );
    expect(md).toMatch(/\| \d+ \| 1 \| 1 \| \d+ \|/);
  });

  it("keeps partialFingerprints across runs and when the line moves", async () => {
    const first = readSarif(join(dir, "a")).runs[0]?.results ?? [];
    const pwr = join(dir, "m450.yaml");
    writeFileSync(pwr, `# a comment that moves every line\n${readFileSync(pwr, "utf8")}`);
    const out = join(dir, "b");
    await run(out);
    const second = readSarif(out).runs[0]?.results ?? [];
    const prints = (rs: typeof first) =>
      rs.map((r) => r.partialFingerprints?.["xpoFinding/v1"]).sort();
    expect(prints(second)).toEqual(prints(first));
    const line = (rs: typeof first) =>
      rs.find((r) => r.ruleId === "XPO-PWR-006")?.locations?.[0]?.physicalLocation?.region
        ?.startLine ?? 0;
    expect(line(second)).toBe(line(first) + 1);
  });

  it("--fail-on recommended: the warning becomes an error annotation and result", async () => {
    const out = join(dir, "c");
    const result = await run(out, ["--fail-on", "recommended"]);
    expect(result.exitCode).toBe(1);
    const results = readSarif(out).runs[0]?.results ?? [];
    expect(results.find((r) => r.ruleId === "XPO-PWR-006")?.level).toBe("error");
    expect(result.stdout).toMatch(/^::error file=.*title=XPO-PWR-006 /m);
  });
});

describe("ctrf.json and gl-code-quality-report.json", () => {
  it("ctrf.json is valid for the ctrf package and counts what the exit code counts", async () => {
    const out = join(dir, "f");
    const result = await runXpo([
      "validate",
      ...inputs,
      "--out",
      out,
      "--no-progress",
      "--reporter",
      "ctrf",
      "--reporter",
      "gitlab",
    ]);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(join(out, "ctrf.json"), "utf8"));
    const checked = validateCtrf(report);
    expect(checked.errors).toEqual([]);
    expect(checked.valid).toBe(true);
    const { summary, tests } = report.results;
    expect(summary.failed).toBe(1);
    expect(summary.extra).toMatchObject({ warnings: 1, failOn: "mandatory", exitCode: 1 });
    expect(summary.tests).toBe(tests.length);
    const failed = tests.find((t: { status: string }) => t.status === "failed");
    expect(failed).toMatchObject({
      name: expect.stringMatching(/^XPO-OPT-003 .*\(lane 4\)$/),
      line: 64,
    });
    const warned = tests.find((t: { rawStatus: string }) => t.rawStatus === "warning");
    expect(warned).toMatchObject({
      status: "passed",
      tags: expect.arrayContaining(["warning", "assumed"]),
    });
    expect(new Set(tests.map((t: { testId: string }) => t.testId)).size).toBe(tests.length);
  });

  it("gl-code-quality-report.json: an issue per finding, unique fingerprints, severity by the gate", () => {
    const issues = JSON.parse(readFileSync(join(dir, "f", "gl-code-quality-report.json"), "utf8"));
    expect(issues).toHaveLength(2);
    for (const issue of issues) {
      expect(issue).toMatchObject({
        type: "issue",
        description: expect.any(String),
        check_name: expect.stringMatching(/^XPO-/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        location: { path: expect.not.stringMatching(/^\//), lines: { begin: expect.any(Number) } },
      });
    }
    const severity = Object.fromEntries(
      issues.map((i: { check_name: string; severity: string }) => [i.check_name, i.severity]),
    );
    expect(severity).toEqual({ "XPO-OPT-003": "critical", "XPO-PWR-006": "minor" });
    expect(
      issues.find((i: { check_name: string }) => i.check_name === "XPO-OPT-003").location,
    ).toEqual({
      path: "fixtures/datasheets/fail/XPO-OPT-003.yaml",
      lines: { begin: 64 },
    });
  });
});

describe("--baseline", () => {
  it("marks findings new, unchanged and fixed in SARIF, the job summary and report.html", async () => {
    const before = join(dir, "before");
    expect((await run(before)).exitCode).toBe(1);
    // The pull request: XPO-OPT-003's datasheet dropped (fixed), XPO-MECH-001's added (new), the
    // 450 W module left as it is (unchanged).
    const after = join(dir, "after");
    const summary = join(dir, "after.md");
    const result = await runXpo(
      [
        "validate",
        "fixtures/datasheets/fail/XPO-MECH-001.yaml",
        inputs[2] ?? "",
        "--out",
        after,
        "--no-progress",
        "--reporter",
        "sarif",
        "--reporter",
        "github",
        "--reporter",
        "html",
        "--baseline",
        join(before, "run.jsonl"),
      ],
      { env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(result.exitCode, result.stderr).toBe(1);
    const results = readSarif(after).runs[0]?.results ?? [];
    const state = Object.fromEntries(results.map((r) => [r.ruleId, [r.baselineState, r.level]]));
    expect(state).toEqual({
      "XPO-MECH-001": ["new", "error"],
      "XPO-PWR-006": ["unchanged", "warning"],
      "XPO-OPT-003": ["absent", "none"],
    });
    const md = readFileSync(summary, "utf8");
    expect(md).toContain(
      `Compared with the baseline ${join(before, "run.jsonl")}: 1 new, 1 unchanged, 1 fixed.`,
    );
    expect(md).toMatch(/- fixed: XPO-OPT-003 TDECQ per lane \(lane 4\)/);
    expect(md).toMatch(/\| XPO-MECH-001 .* \| new \|$/m);
    const html = readFileSync(join(after, "report.html"), "utf8");
    expect(html).toContain(
      "1 new, 1 unchanged, 1 fixed (fixed: XPO-OPT-003 TDECQ per lane (lane 4) in",
    );
  });

  it("xpo report renders the same SARIF from the record, with --reporter and --baseline", async () => {
    const again = join(dir, "again");
    const result = await runXpo([
      "report",
      join(dir, "after", "run.jsonl"),
      "--out",
      again,
      "--reporter",
      "sarif",
      "--baseline",
      join(dir, "before", "run.jsonl"),
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const strip = (log: Log) =>
      log.runs[0]?.results?.map((r) => [r.ruleId, r.level, r.baselineState]);
    expect(strip(readSarif(again))).toEqual(strip(readSarif(join(dir, "after"))));
  });

  it("a missing baseline record is an error naming it, before anything is checked", async () => {
    const result = await runXpo([
      "validate",
      ...inputs,
      "--out",
      join(dir, "g"),
      "--baseline",
      join(dir, "none.jsonl"),
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("none.jsonl");
  });
});

describe("--reporter", () => {
  it("an unknown name is a usage error naming the choices", async () => {
    const result = await runXpo([
      "validate",
      ...inputs,
      "--out",
      join(dir, "d"),
      "--reporter",
      "pdf",
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /unknown reporter "pdf": choose from junit, html, sarif, ctrf, github, gitlab/,
    );
  });

  it("GITHUB_ACTIONS=true adds the github reporter to the defaults", async () => {
    const out = join(dir, "e");
    const result = await runXpo(["validate", inputs[0] ?? "", "--out", out, "--no-progress"], {
      env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(dir, "e.md") },
    });
    expect(result.stdout).toMatch(/^::error file=/m);
    expect(result.stdout).toContain(`junit:  ${join(out, "junit.xml")}`);
    expect(result.stdout).toContain(`github: ${join(out, "github-summary.md")}`);
  });
});
