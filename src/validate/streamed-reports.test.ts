// `xpo validate` builds junit.xml and report.html while it checks (no second read of the
// record). They must be exactly what `xpo report` renders from the record afterwards (reports are
// pure functions of the record), and a report that cannot be written must never cost the record.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { listLimits, loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";

const fixtures = join(repoRoot, "fixtures/datasheets");
let dir: string;
let inputs: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-streamed-"));
  const broken = join(dir, "broken.yaml");
  writeFileSync(broken, "datasheetFormat: 1\nidentity: [1, 2\n");
  // Passing, failing and marginal datasheets, an input error, and a path that does not exist.
  inputs = [
    join(fixtures, "pass"),
    join(fixtures, "fail"),
    join(fixtures, "marginal"),
    broken,
    join(dir, "missing.yaml"),
  ];
});

describe("reports written while validating", () => {
  it("are byte for byte what `xpo report` renders from the record", async () => {
    const live = join(dir, "live");
    const validate = await runXpo(["validate", ...inputs, "--out", live, "--no-progress"]);
    expect(validate.exitCode, validate.stderr).toBe(2);
    expect(validate.stdout).toContain(`junit:  ${join(live, "junit.xml")}`);

    const again = join(dir, "again");
    const report = await runXpo(["report", join(live, "run.jsonl"), "--out", again]);
    expect(report.exitCode, report.stderr).toBe(0);

    const junit = readFileSync(join(live, "junit.xml"), "utf8");
    expect(junit).toBe(readFileSync(join(again, "junit.xml"), "utf8"));
    expect(readFileSync(join(live, "report.html"), "utf8")).toBe(
      readFileSync(join(again, "report.html"), "utf8"),
    );
    // The root carries totals written last; the failing fixtures fail one limit each, and only
    // those of mandatory limits are <failure>s (the others are warnings below the gate).
    const severity = new Map(listLimits(loadProfile()).map((l) => [l.id, l.severity]));
    const failing = readdirSync(join(fixtures, "fail")).map((f) => f.replace(/\.(yaml|json)$/, ""));
    const gated = failing.filter((id) => severity.get(id) === "mandatory").length;
    expect(gated).toBeGreaterThan(0);
    expect(gated).toBeLessThan(failing.length);
    expect(junit).toMatch(
      new RegExp(`<testsuites name="[^"]+" tests="\\d+" failures="${gated}" errors="\\d+"`),
    );
    // Nothing half-written is left beside the reports.
    expect(readdirSync(live).sort()).toEqual(["junit.xml", "report.html", "run.jsonl"]);
  });

  it("keep the record and exit 2 with a way out when a report cannot be written", async () => {
    const out = join(dir, "blocked");
    // A folder where junit.xml should go: the report cannot be put in place.
    mkdirSync(join(out, "junit.xml"), { recursive: true });
    const result = await runXpo([
      "validate",
      join(fixtures, "pass"),
      "--out",
      out,
      "--no-progress",
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("reports not written");
    expect(result.stderr).toContain(`the record is kept: ${join(out, "run.jsonl")}`);
    expect(result.stderr).toContain("npx xpo report");
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // The check itself finished: the record ends with run-end, three datasheets in it.
    const lines = readFileSync(join(out, "run.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(lines.at(-1) as string).type).toBe("run-end");
    expect(lines.filter((line) => line.includes('"type":"subject"'))).toHaveLength(3);
    expect(existsSync(join(out, ".junit.xml.partial"))).toBe(false);
  });

  it("refuses an --out folder that cannot be created, with a clear error and no hang", async () => {
    // Node 20's mkdirSync({ recursive: true }) loops forever here; ours gives up at once.
    const result = await runXpo(
      ["validate", join(fixtures, "pass"), "--out", "/proc/xpo-cannot-be-here"],
      { timeout: 20_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("cannot write /proc/xpo-cannot-be-here");
    expect(result.stderr).toContain("XPO_OUTPUT_UNWRITABLE");
    expect(result.stderr).toContain("fix: Choose an --out folder");
  });
});
