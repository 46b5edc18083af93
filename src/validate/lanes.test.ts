// Per-lane results are told apart by the datasheet's own `lane` value (issue 12 item 4): a
// 64-lane table listed from lane 64 down to lane 1, lane 37 with a bad TDECQ. The array index of
// lane 37 is 27, so any output naming the index instead of the lane is caught.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { JUNIT_XSDS, xmllint } from "../../test/support/junit-consumers.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { repoRoot } from "../util/repo-root.js";

const BAD_LANE = 37;
let out: string;
let stdout: string;
let exitCode: number | undefined;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "xpo-lanes-"));
  const source = readFileSync(
    join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"),
    "utf8",
  );
  const rows: string[] = [];
  for (let lane = 64; lane >= 1; lane--) {
    const tdecq = lane === BAD_LANE ? 3.9 : 2.5;
    rows.push(
      `    - { lane: ${lane}, txAveragePowerDbm: 2.1, extinctionRatioDb: 4.4, tdecqDb: ${tdecq}, preFecBer: 2e-6 }`,
    );
  }
  const text = source.replace(/(\n {2}lanes:\n)( {4}- .*\n)+/, `$1${rows.join("\n")}\n`);
  expect(text).toContain(`lane: ${BAD_LANE},`);
  const file = join(dir, "lanes-64.yaml");
  writeFileSync(file, text);
  out = join(dir, "out");
  const run = await runXpo(["validate", file, "--out", out, "--no-progress"]);
  stdout = run.stdout;
  exitCode = run.exitCode;
});

describeWithTool(
  gateTool("xmllint", "libxml2-utils"),
  "lanes named by the datasheet's lane value",
  () => {
    it("the terminal names the lane", () => {
      expect(exitCode, stdout).toBe(1);
      expect(stdout).toMatch(
        new RegExp(`^FAIL .* XPO-OPT-003 [^:]*\\(lane ${BAD_LANE}\\): observed 3\\.9 dB`, "m"),
      );
    });

    it("junit.xml has one uniquely named testcase per lane and limit", () => {
      const junit = join(out, "junit.xml");
      for (const xsd of JUNIT_XSDS)
        expect(() => xmllint("--noout", "--schema", xsd, junit)).not.toThrow();
      const names = xmllint("--xpath", "//testcase[starts-with(@name, 'XPO-OPT-003')]/@name", junit)
        .trim()
        .split("\n");
      expect(names).toHaveLength(64);
      expect(new Set(names).size).toBe(64);
      const failed = xmllint("--xpath", "string(//testcase[failure]/@name)", junit).trim();
      expect(failed).toMatch(new RegExp(`^XPO-OPT-003 .*\\(lane ${BAD_LANE}\\)$`));
    });

    it("the record and report.html carry the lane, not only the array index", () => {
      const record = readFileSync(join(out, "run.jsonl"), "utf8");
      const failed = record
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .find((l) => l.type === "verdict" && l.outcome === "fail");
      expect(failed).toMatchObject({
        limitId: "XPO-OPT-003",
        lane: BAD_LANE,
        subject: "/optical/lanes/27/tdecqDb",
      });
      const html = readFileSync(join(out, "report.html"), "utf8");
      expect(html).toContain(`lane ${BAD_LANE} (/optical/lanes/27/tdecqDb)`);
    });
  },
);
