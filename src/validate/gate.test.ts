// The gate (issue 12 item 3): a 450 W, 12.8 Tb/s module fails only XPO-PWR-006, a recommended
// and assumed limit stricter than XPO-PWR-001 (480 W). By default it passes (exit 0) with the
// failure shown as a warning everywhere; with --fail-on recommended it fails (exit 1); and the
// exit code, terminal summary, record, junit.xml and report.html say the same thing.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import {
  expectedTotals,
  JUNIT_XSDS,
  junitparserGate,
  totalsByJunitparser,
  totalsByTestResultsParser,
  xmllint,
} from "../../test/support/junit-consumers.js";
import { describeWithTool, gateTool, inCI } from "../../test/support/tools.js";
import { loadProfile } from "../profile/load-profile.js";
import type { RecordLine } from "../run/record.js";
import { repoRoot } from "../util/repo-root.js";
import { checkDatasheetText } from "./check-file.js";

const source = readFileSync(join(repoRoot, "fixtures/datasheets/fail/XPO-PWR-006.yaml"), "utf8");
const xmllintGate = gateTool("xmllint", "libxml2-utils");
let dir: string;
let datasheet: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-gate-"));
  datasheet = join(dir, "module-450w.yaml");
  expect(source).toContain("maxPowerW: 420");
  writeFileSync(datasheet, source.replace("maxPowerW: 420", "maxPowerW: 450"));
});

function readRecord(out: string): RecordLine[] {
  return readFileSync(join(out, "run.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as RecordLine);
}

function xpath(path: string, expression: string): string {
  return xmllint("--xpath", expression, path).trim();
}

describeWithTool(xmllintGate, "the gate: only failures at or above --fail-on fail the run", () => {
  it("450 W at 12.8 Tb/s passes by default, with a visible warning in every output", async () => {
    const out = join(dir, "default");
    const run = await runXpo(["validate", datasheet, "--out", out, "--no-progress"]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^WARNING +\S+:\d+:\d+ +XPO-PWR-006 .*recommended\) \[assumed limit\]$/m,
    );
    expect(run.stdout).toMatch(
      / 0 failed, 0 marginal, .*; 1 warning\(s\) \(failed recommended\/informative limits, not gating: --fail-on mandatory\)$/m,
    );
    expect(run.stdout).not.toMatch(/^FAIL/m);

    const lines = readRecord(out);
    const start = lines.find((l) => l.type === "run-start");
    const end = lines.find((l) => l.type === "run-end");
    expect(start?.failOn).toBe("mandatory");
    expect(end).toMatchObject({ exitCode: 0, warnings: 1, counts: { fail: 1 } });

    const junit = join(out, "junit.xml");
    for (const xsd of JUNIT_XSDS)
      expect(() => xmllint("--noout", "--schema", xsd, junit)).not.toThrow();
    const { warnings, ...totals } = expectedTotals(lines);
    expect({ failures: totals.failures, warnings }).toEqual({ failures: 0, warnings: 1 });
    expect(totalsByTestResultsParser(junit)).toEqual(totals);
    if (junitparserGate.available || inCI) expect(totalsByJunitparser(junit)).toEqual(totals);
    expect(xpath(junit, "string(/testsuites/@failures)")).toBe("0");
    expect(xpath(junit, "count(//failure)")).toBe("0");
    const warned = xpath(junit, "string(//testcase[starts-with(@name, 'XPO-PWR-006')]/@name)");
    expect(warned).toContain("[assumed limit]");
    expect(
      xpath(junit, "string(//testcase[starts-with(@name, 'XPO-PWR-006')]/system-out)"),
    ).toMatch(/^WARNING \(recommended limit not met; below the gate --fail-on mandatory\)/);

    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('data-verdict="warning"');
    expect(html).toMatch(/id="count-warning">1</);
    expect(html).toContain("WARNING, not failing: recommended limit");
  });

  it("450 W fails with --fail-on recommended, in every output", async () => {
    const out = join(dir, "strict");
    const run = await runXpo([
      "validate",
      datasheet,
      "--out",
      out,
      "--no-progress",
      "--fail-on",
      "recommended",
    ]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +\S+:\d+:\d+ +XPO-PWR-006 /m);
    expect(run.stdout).toMatch(/ 1 failed, 0 marginal, .*; 0 input error\(s\)$/m);
    const lines = readRecord(out);
    expect(lines.find((l) => l.type === "run-start")).toMatchObject({ failOn: "recommended" });
    expect(lines.find((l) => l.type === "run-end")).toMatchObject({ exitCode: 1, warnings: 0 });
    const junit = join(out, "junit.xml");
    expect(xpath(junit, "string(/testsuites/@failures)")).toBe("1");
    expect(xpath(junit, "string(//failure/../@name)")).toMatch(/^XPO-PWR-006 /);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('data-verdict="fail"');
    // `xpo report` re-renders the same verdict from the record (the gate is in run-start).
    const again = join(dir, "again");
    expect((await runXpo(["report", join(out, "run.jsonl"), "--out", again])).exitCode).toBe(0);
    expect(readFileSync(join(again, "junit.xml"), "utf8")).toBe(readFileSync(junit, "utf8"));
  });

  it("xpo report --status over records keeps each record's gate", async () => {
    const pass = join(dir, "pass");
    const fixtures = join(repoRoot, "fixtures/datasheets/pass");
    await runXpo(["validate", fixtures, "--out", pass, "--no-progress"]);
    const lenient = await runXpo([
      "report",
      join(dir, "default"),
      pass,
      "--out",
      join(dir, "m1"),
      "--status",
    ]);
    expect(lenient.exitCode, lenient.stderr).toBe(0);
    const strict = await runXpo([
      "report",
      join(dir, "strict"),
      pass,
      "--out",
      join(dir, "m2"),
      "--status",
    ]);
    expect(strict.exitCode, strict.stderr).toBe(1);
  });

  it("a bad --fail-on value is a usage error naming the choices", async () => {
    const run = await runXpo([
      "validate",
      datasheet,
      "--out",
      join(dir, "bad"),
      "--fail-on",
      "all",
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("mandatory, recommended, informative");
  });
});

describe("derived limits are not stricter than the sourced limits they derive from", () => {
  // A module at XPO-PWR-001's own maximum (480 W, MSA-member source) with every other value of a
  // passing 12.8 Tb/s datasheet: a limit computed from power that fails there is stricter than
  // the sourced limit, so it must not be mandatory, and must cite a source of its own.
  it("at the MSA maximum power no mandatory limit fails; XPO-PWR-006 is recommended", () => {
    const profile = loadProfile();
    const max = profile.limits.find((l) => l.info.id === "XPO-PWR-001")?.info.bound.maximum;
    expect(max).toBeTypeOf("number");
    const text = source.replace("maxPowerW: 420", `maxPowerW: ${max}`);
    const { verdicts } = checkDatasheetText("max-power.yaml", text, profile);
    const failed = verdicts.filter((v) => v.outcome === "fail").map((v) => v.limitId);
    expect(failed).toEqual(["XPO-PWR-006"]);
    for (const id of failed) {
      const info = profile.limits.find((l) => l.info.id === id)?.info;
      expect(info?.severity).not.toBe("mandatory");
      expect(info?.source).toMatch(/^S\d+/);
      expect(info?.source).not.toMatch(/XPO-PWR-001|inferred/);
    }
  });
});
