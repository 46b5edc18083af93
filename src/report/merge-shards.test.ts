// Issue 17's done-when: the same datasheets split into 3 shards (by `xpo validate --shard` and by
// the vitest suite with XPO_SHARD), merged by `xpo report`, give the verdicts, counts and exit
// code of one unsharded run; a duplicated subject, a shard judged by another profile and a
// crashed shard are each shown. Real processes (the built CLI, vitest itself), a third-party
// JUnit parser, the Jenkins XSD through xmllint.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";
import { digestJunit, htmlHeadline, makeDatasheetFolder } from "../../test/support/shards.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { repoRoot } from "../util/repo-root.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-shards-"));
const datasheets = makeDatasheetFolder(dir);
const isMergeSuite = (name: string) => name.startsWith("merge of ");
const recordLines = (path: string) => readFileSync(path, "utf8").trimEnd().split("\n");
const subjectNames = (path: string) =>
  recordLines(path)
    .map((l) => JSON.parse(l))
    .filter((l) => l.type === "subject")
    .map((l) => l.name as string);

let unsharded: { code: number | undefined; junit: string; html: string; record: string };

beforeAll(async () => {
  const out = join(dir, "all");
  const run = await runXpo(["validate", datasheets, "--out", out, "--no-progress"]);
  unsharded = {
    code: run.exitCode,
    junit: join(out, "junit.xml"),
    html: join(out, "report.html"),
    record: join(out, "run.jsonl"),
  };
  await Promise.all(
    [1, 2, 3].map((i) =>
      runXpo(
        [
          "validate",
          datasheets,
          "--shard",
          `${i}/3`,
          "--out",
          join(dir, "shards"),
          "--no-progress",
        ],
        { env: { XPO_RUNNER: `matrix job ${i}` } },
      ),
    ),
  );
}, 120_000);

// Merge, and check the merged reports against the unsharded run.
async function expectSameAsUnsharded(records: string, out: string) {
  const merged = await runXpo(["report", records, "--out", out, "--status"]);
  expect(merged.stderr).not.toContain("warning");
  expect(merged.exitCode).toBe(unsharded.code);
  const expected = digestJunit(unsharded.junit);
  expect(expected.cases.length).toBeGreaterThan(1000);
  // The failing fixtures' <failure>s: those of mandatory limits (recommended ones are warnings
  // below the default gate, passing testcases).
  expect(expected.failed).toBeGreaterThan(20);
  expect(digestJunit(join(out, "junit.xml"), isMergeSuite)).toEqual(expected);
  expect(htmlHeadline(join(out, "report.html"))).toEqual(htmlHeadline(unsharded.html));
  return merged;
}

describe("xpo validate --shard i/3, then xpo report over the shards", () => {
  it("covers every datasheet exactly once, each shard in its own folder", () => {
    expect(unsharded.code).toBe(2);
    const all = subjectNames(unsharded.record).sort();
    const shards = [1, 2, 3].map((i) =>
      subjectNames(join(dir, "shards", `shard-${i}-of-3`, "run.jsonl")),
    );
    for (const names of shards) expect(names.length).toBeGreaterThan(0);
    expect(shards.flat().sort()).toEqual(all);
  });

  it("merges to the verdicts, counts and exit code of the unsharded run", async () => {
    const merged = await expectSameAsUnsharded(join(dir, "shards"), join(dir, "merged"));
    expect(merged.stderr).toMatch(/merged 3 record\(s\): .* exit code 2/);
    const html = readFileSync(join(dir, "merged", "report.html"), "utf8");
    for (const i of [1, 2, 3]) expect(html).toContain(`shard ${i}/3`);
    for (const i of [1, 2, 3]) expect(html).toContain(`${hostname()} · matrix job ${i}`);
    expect(html).toContain('id="merged-records"');
    const junit = readFileSync(join(dir, "merged", "junit.xml"), "utf8");
    expect(junit).toContain('name="merge.record.3" value="shard 3/3');
  });

  it("takes quoted globs and lists of files the same way", async () => {
    const glob = join(dir, "shards", "shard-*", "run.jsonl");
    await expectSameAsUnsharded(glob, join(dir, "merged-glob"));
  });
});

describe("bad shard and merge arguments", () => {
  it("refuses --shard outside 1..n as a usage error", async () => {
    const run = await runXpo(["validate", datasheets, "--shard", "4/3", "--out", join(dir, "x")]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("the shard index must be 1 to 3");
    expect(existsSync(join(dir, "x"))).toBe(false);
  });

  it("names a folder without records, and a glob that matches nothing", async () => {
    const empty = join(dir, "empty");
    mkdirSync(empty, { recursive: true });
    const folder = await runXpo(["report", empty, join(dir, "shards")]);
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toContain(`${empty}: this folder holds no run.jsonl`);
    const glob = await runXpo(["report", join(dir, "nowhere-*", "run.jsonl")]);
    expect(glob.exitCode).toBe(2);
    expect(glob.stderr).toContain("no file matches this pattern");
  });

  it("needs --out when the records' common folder holds a record of its own", async () => {
    const nested = join(dir, "nested");
    mkdirSync(join(nested, "deeper"), { recursive: true });
    cpSync(unsharded.record, join(nested, "run.jsonl"));
    cpSync(unsharded.record, join(nested, "deeper", "run.jsonl"));
    const run = await runXpo(["report", nested]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("the records' common folder holds a record of its own");
    expect(run.stderr).toContain("name the merged reports' folder with --out");
  });
});

describe("the vitest path: XPO_SHARD=i/3 npx vitest run suites/datasheet", () => {
  it("writes a record per shard that merges to the unsharded run", async () => {
    const out = join(dir, "vitest");
    const runs = await Promise.all(
      [1, 2, 3].map((i) =>
        execa(
          process.execPath,
          [
            join(repoRoot, "node_modules/vitest/vitest.mjs"),
            "run",
            "suites/datasheet",
            "--reporter=dot",
          ],
          {
            cwd: repoRoot,
            reject: false,
            env: { XPO_DATASHEETS: datasheets, XPO_SHARD: `${i}/3`, XPO_OUT: out, NO_COLOR: "1" },
            timeout: 120_000,
          },
        ),
      ),
    );
    // vitest fails the shards holding a failing or broken datasheet; each wrote its record.
    for (const run of runs) expect(run.exitCode, run.stderr).toBe(1);
    for (const i of [1, 2, 3])
      expect(existsSync(join(out, `shard-${i}-of-3`, "run.jsonl"))).toBe(true);
    await expectSameAsUnsharded(out, join(dir, "vitest-merged"));
  }, 180_000);
});

describe("what a merge flags", () => {
  const shard = (i: number) => join(dir, "shards", `shard-${i}-of-3`, "run.jsonl");
  const put = (name: string, lines: string[]) => {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "run.jsonl"), `${lines.join("\n")}\n`);
    return join(folder, "run.jsonl");
  };

  it("a subject in two records: both results shown, the worse one counted once", async () => {
    // A retest of one shard-1 datasheet in which one passing limit now fails.
    const lines = recordLines(shard(1)).map((l) => JSON.parse(l));
    const verdict = lines.find((l) => l.type === "verdict" && l.outcome === "pass");
    const subject = lines.find((l) => l.type === "subject" && l.subjectId === verdict.subjectId);
    const retest = lines.filter(
      (l) => ["run-start", "run-end"].includes(l.type) || l.subjectId === subject.subjectId,
    );
    for (const l of retest) if (l === verdict) l.outcome = "fail";
    delete retest[0].shard;
    const end = retest.at(-1);
    end.counts = { pass: 0, fail: 0, marginal: 0, "not-applicable": 0, error: 0 };
    for (const l of retest) if (l.type === "verdict") end.counts[l.outcome] += 1;
    end.exitCode = 1;
    const retestPath = put(
      "retest",
      retest.map((l) => JSON.stringify(l)),
    );
    const out = join(dir, "merged-dup");
    const merged = await runXpo([
      "report",
      join(dir, "shards"),
      retestPath,
      "--out",
      out,
      "--status",
    ]);
    expect(merged.stderr).not.toContain("differ from the verdict lines");
    expect(merged.stderr).toContain(`DUPLICATE SUBJECT: datasheet ${subject.name} is in 2 places`);
    const before = digestJunit(unsharded.junit);
    const after = digestJunit(join(out, "junit.xml"), isMergeSuite);
    expect(after.total).toBe(before.total);
    expect(after.failed).toBe(before.failed + 1);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('id="duplicates"');
    expect(html).toMatch(/retest: <strong>fail<\/strong> <strong>\(counted\)<\/strong>/);
    expect(html).toMatch(/shard 1\/3: <strong>[a-z-]+<\/strong> \(shown, not counted\)/);
  });

  it("a shard judged by another profile hash: said prominently, exit 2, counts per profile", async () => {
    const lines = recordLines(shard(3)).map((l) => JSON.parse(l));
    lines[0].profile.hash = "0".repeat(64);
    const other = put(
      "other-profile/shard-3-of-3",
      lines.map((l) => JSON.stringify(l)),
    );
    const out = join(dir, "merged-mixed");
    const merged = await runXpo(["report", shard(1), shard(2), other, "--out", out, "--status"]);
    expect(merged.exitCode).toBe(2);
    expect(merged.stderr).toContain("MIXED PROFILES");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<body data-verdict="error"');
    expect(html).toMatch(/id="mixed-profiles"><strong>MIXED PROFILES:/);
    expect(html).toContain('sha256 <span class="mono">0000000000000000</span>: shard 3/3');
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).toContain('<testcase name="records share one profile"');
  });

  it("a missing shard (a job that never uploaded): incomplete, exit 2, the shard named", async () => {
    const out = join(dir, "merged-missing");
    const merged = await runXpo(["report", shard(1), shard(3), "--out", out, "--status"]);
    expect(merged.exitCode).toBe(2);
    expect(merged.stderr).toContain("SHARD MISSING: no record of shard 2/3");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<body data-verdict="incomplete"');
    expect(html).toContain("<li><strong>shard 2/3</strong> is missing");
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toContain(
      '<testcase name="shard 2/3 present"',
    );
  });

  it("a folder holding one shard's record is a batch missing the others; the file alone re-renders", async () => {
    const lone = join(dir, "lone");
    cpSync(join(dir, "shards", "shard-1-of-3"), join(lone, "shard-1-of-3"), { recursive: true });
    const batch = await runXpo(["report", lone, "--out", join(dir, "merged-lone"), "--status"]);
    expect(batch.exitCode).toBe(2);
    expect(batch.stderr).toContain("SHARD MISSING: no record of shard 2/3");
    expect(batch.stderr).toContain("SHARD MISSING: no record of shard 3/3");
    const record = join(lone, "shard-1-of-3", "run.jsonl");
    const own = JSON.parse(recordLines(record).at(-1) as string).exitCode;
    const file = await runXpo(["report", record, "--status"]);
    expect(file.exitCode).toBe(own);
    expect(file.stderr).not.toContain("SHARD MISSING");
  });

  it("a crashed shard: the merge is incomplete and names the shard", async () => {
    // As a SIGKILL leaves it: no run-end, the last subject unfinished, its last line torn.
    const lines = recordLines(shard(2)).filter((l) => !l.startsWith('{"type":"run-end"'));
    while (lines.at(-1)?.startsWith('{"type":"subject-end"')) lines.pop();
    const torn = lines.at(-1) as string;
    const crashedFolder = join(dir, "crashed", "shard-2-of-3");
    mkdirSync(crashedFolder, { recursive: true });
    writeFileSync(
      join(crashedFolder, "run.jsonl"),
      `${lines.slice(0, -1).join("\n")}\n${torn.slice(0, 20)}`,
    );
    cpSync(join(dir, "shards", "shard-1-of-3"), join(dir, "crashed", "shard-1-of-3"), {
      recursive: true,
    });
    cpSync(join(dir, "shards", "shard-3-of-3"), join(dir, "crashed", "shard-3-of-3"), {
      recursive: true,
    });
    const out = join(dir, "merged-crashed");
    const merged = await runXpo(["report", join(dir, "crashed"), "--out", out, "--status"]);
    expect(merged.exitCode).toBe(2);
    expect(merged.stderr).toContain("RECORD DID NOT FINISH: shard 2/3");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<body data-verdict="incomplete"');
    expect(html).toMatch(/id="incomplete-records">.*<strong>shard 2\/3<\/strong>/s);
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).toMatch(
      /<testcase name="record shard 2\/3 finished"[^>]*>\s*<error type="XPO_INCOMPLETE"/,
    );
  });
});

describeWithTool(gateTool("xmllint", "libxml2-utils"), "the merged junit.xml", () => {
  it("validates against the Jenkins xUnit XSD", () => {
    const xsd = join(repoRoot, "test/fixtures/jenkins-junit-10.xsd");
    for (const out of ["merged", "merged-mixed", "merged-crashed", "merged-dup", "merged-missing"])
      execFileSync("xmllint", ["--noout", "--schema", xsd, join(dir, out, "junit.xml")], {
        stdio: "pipe",
      });
  });
});
