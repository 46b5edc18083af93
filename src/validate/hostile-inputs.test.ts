// Inputs a folder walk must not lose or hang on (issue 16, B4, B14, B18): datasheets reached
// through links are checked (a failing one fails the run), a FIFO is refused at once and the
// files after it are still checked, and a folder that cannot be listed is an input error of its
// own while everything else is checked.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runXpo, xpoBin } from "../../test/support/cli.js";
import { startTestBench, type TestBench } from "../../test/support/live.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { repoRoot } from "../util/repo-root.js";

const fixtures = join(repoRoot, "fixtures/datasheets");
const good = join(fixtures, "pass/acme-xpo-dr8-lpo.yaml");
const failing = join(fixtures, "fail/XPO-PWR-001.yaml");
const isRoot = process.getuid?.() === 0;
const setpriv = gateTool("setpriv", "util-linux");
const mkfifo = gateTool("mkfifo", "coreutils");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-hostile-in-"));
});

// The record's lines of one type.
function recordLines(out: string, type: string): Record<string, unknown>[] {
  return readFileSync(join(out, "run.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.type === type);
}

// Make a folder holding `good` and return its path.
function folderWithGood(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(good, join(folder, "good.yaml"));
  return folder;
}

describe("datasheets reached through links", () => {
  it("a linked failing datasheet is checked and fails the run", async () => {
    const folder = folderWithGood("file-link");
    symlinkSync(failing, join(folder, "linked.yaml"));
    const out = join(dir, "out-file-link");
    const result = await runXpo(["validate", folder, "--out", out, "--no-progress"]);
    expect(result.exitCode, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain("XPO-PWR-001");
    expect(recordLines(out, "subject").map((s) => s.file)).toEqual([
      join(folder, "good.yaml"),
      join(folder, "linked.yaml"),
    ]);
  });

  it("a linked folder is walked, and a link back up the tree ends the walk", async () => {
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(elsewhere);
    copyFileSync(failing, join(elsewhere, "bad.yaml"));
    const folder = folderWithGood("folder-link");
    symlinkSync(elsewhere, join(folder, "more"));
    symlinkSync(folder, join(folder, "loop"));
    const out = join(dir, "out-folder-link");
    const result = await runXpo(["validate", folder, "--out", out, "--no-progress"], {
      timeout: 30_000,
    });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode, result.stdout + result.stderr).toBe(1);
    expect(recordLines(out, "subject").map((s) => s.file)).toEqual([
      join(folder, "good.yaml"),
      join(folder, "more", "bad.yaml"),
    ]);
  });

  it("a broken link named like a datasheet is an input error, not skipped", async () => {
    const folder = folderWithGood("broken-link");
    symlinkSync(join(dir, "nowhere.yaml"), join(folder, "gone.yaml"));
    const out = join(dir, "out-broken-link");
    const result = await runXpo(["validate", folder, "--out", out, "--no-progress"]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain(`${join(folder, "gone.yaml")}: broken symbolic link`);
    expect(recordLines(out, "verdict").length).toBeGreaterThan(0); // good.yaml still checked
  });
});

describeWithTool(mkfifo, "a FIFO named as a datasheet", () => {
  it("is refused at once, and the files after it are still checked", async () => {
    const folder = join(dir, "fifo");
    mkdirSync(folder);
    expect(spawnSync("mkfifo", [join(folder, "pipe.yaml")]).status).toBe(0);
    const out = join(dir, "out-fifo");
    const result = await runXpo(
      ["validate", join(folder, "pipe.yaml"), folder, good, "--out", out, "--no-progress"],
      { timeout: 20_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain(
      `${join(folder, "pipe.yaml")}: a FIFO (named pipe), not a regular file [XPO_FILE_UNREADABLE]`,
    );
    const subjects = recordLines(out, "subject").map((s) => s.file);
    expect(subjects).toHaveLength(2); // the pipe once (as argument and in its folder), good.yaml
    expect(recordLines(out, "run-end")).toHaveLength(1);
  });

  describe("as a station's dut.datasheet", () => {
    let tb: TestBench;
    beforeAll(async () => {
      tb = await startTestBench();
    });
    afterAll(async () => {
      await tb?.stop();
    });

    it("stops `xpo run` at once with a clear error, the supply never switched on", async () => {
      const pipe = join(tb.dir, "dut.yaml");
      expect(spawnSync("mkfifo", [pipe]).status).toBe(0);
      const station = tb.station({ dut: { datasheet: pipe } });
      const result = await runXpo(
        ["run", "--station", station, "--dut", "SN-FIFO", "--out", join(tb.dir, "out")],
        { timeout: 30_000 },
      );
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain("a FIFO (named pipe), not a regular file");
      expect(tb.supplyLog.some((m) => /OUTP\S*\s+(ON|1)/i.test(m))).toBe(false);
    });
  });
});

describeWithTool(setpriv, "a folder that cannot be listed", () => {
  // Root reads any folder, so as root the CLI runs without the capabilities that let it
  // (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, same uid: the checkout stays
  // readable wherever CI cloned it); any other user is refused a mode-000 folder anyway.
  it("is an input error of that folder; everything else is still checked", () => {
    const top = join(dir, "locked");
    const folder = folderWithGood(join("locked", "in"));
    const sub = join(folder, "sub");
    mkdirSync(sub);
    copyFileSync(failing, join(sub, "hidden.yaml"));
    const out = join(top, "out");
    mkdirSync(out);
    chmodSync(sub, 0o000);
    const cli = [xpoBin, "validate", folder, good, "--out", out, "--no-progress"];
    const withoutReadAll = ["--bounding-set=-dac_override,-dac_read_search", process.execPath];
    const [command, args] = isRoot
      ? ["setpriv", [...withoutReadAll, ...cli]]
      : [process.execPath, cli];
    const run = spawnSync(command, args, {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 60_000,
    });
    chmodSync(sub, 0o755);
    expect(run.stderr).not.toContain("internal error");
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      `${sub}: cannot list this folder (EACCES: permission denied) [XPO_FILE_UNREADABLE]`,
    );
    const subjects = recordLines(out, "subject").map((s) => s.file);
    expect(subjects).toHaveLength(3); // the folder's error, good.yaml in it, the fixture
    expect(subjects.slice(0, 2)).toEqual([sub, join(folder, "good.yaml")]);
    expect(recordLines(out, "run-end")).toHaveLength(1);
  });
});
