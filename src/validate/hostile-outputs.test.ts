// Outputs in a hostile --out folder (issue 16, B1 and B3): links planted where run.jsonl,
// report.html, junit.xml and the partial junit file go are replaced, never written through; an
// --out that is another user's link is refused; a record that cannot be written whole (a
// file-size limit) fails the run loudly and keeps only whole lines.
import { spawnSync } from "node:child_process";
import {
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runXpo, xpoBin } from "../../test/support/cli.js";
import { describeWithTool, gateTool } from "../../test/support/tools.js";
import { repoRoot } from "../util/repo-root.js";

const pass = join(repoRoot, "fixtures/datasheets/pass");
const isRoot = process.getuid?.() === 0;
const prlimit = gateTool("prlimit", "util-linux");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-hostile-out-"));
});

// A victim file with known content, and its path.
function plantVictim(name: string): string {
  const victims = join(dir, "victims");
  mkdirSync(victims, { recursive: true });
  const path = join(victims, name);
  writeFileSync(path, `victim ${name}\n`);
  return path;
}

describe("links planted in --out", () => {
  it("are replaced by fresh files, never written through", async () => {
    const out = join(dir, "planted");
    mkdirSync(out);
    const names = ["run.jsonl", "report.html", "junit.xml", ".junit.xml.partial"];
    const victims = names.map((name) => {
      const victim = plantVictim(`${name}.txt`);
      symlinkSync(victim, join(out, name));
      return victim;
    });
    const result = await runXpo(["validate", pass, "--out", out, "--no-progress"]);
    expect(result.exitCode, result.stderr).toBe(0);
    for (const [i, victim] of victims.entries())
      expect(readFileSync(victim, "utf8"), victim).toBe(`victim ${names[i]}.txt\n`);
    for (const name of ["run.jsonl", "report.html", "junit.xml"]) {
      expect(lstatSync(join(out, name)).isFile(), name).toBe(true);
    }
    expect(readFileSync(join(out, "run.jsonl"), "utf8")).toMatch(/^\{"type":"run-start"/);
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toMatch(/^<\?xml/);
    expect(readdirSync(out).sort()).toEqual(["junit.xml", "report.html", "run.jsonl"]);
  });

  it.skipIf(!isRoot)("refuse an --out that is another user's link, with a fix", async () => {
    const target = join(dir, "system");
    mkdirSync(target);
    const out = join(dir, "their-link");
    symlinkSync(target, out);
    lchownSync(out, 65534, 65534);
    const result = await runXpo(["validate", pass, "--out", out, "--no-progress"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`cannot write into ${out}: it is a symbolic link to ${target}`);
    expect(result.stderr).toContain("[XPO_OUTPUT_UNWRITABLE]");
    expect(result.stderr).toContain(`fix: Name the folder itself (--out ${target})`);
    expect(readdirSync(target)).toEqual([]);
  });

  it("follow an --out link the user made, writing into its target", async () => {
    const target = join(dir, "mine");
    mkdirSync(target);
    const out = join(dir, "my-link");
    symlinkSync(target, out);
    const result = await runXpo(["validate", pass, "--out", out, "--no-progress"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readdirSync(target).sort()).toEqual(["junit.xml", "report.html", "run.jsonl"]);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
  });
});

describeWithTool(prlimit, "a record under a file-size limit", () => {
  it("fails the run loudly and keeps whole lines, never prints results for a short record", async () => {
    const full = join(dir, "unlimited");
    const first = await runXpo(["validate", pass, "--out", full, "--no-progress"]);
    expect(first.exitCode, first.stderr).toBe(0);
    const size = statSync(join(full, "run.jsonl")).size;
    // The limit falls inside the last line (run-end, about 150 bytes).
    const out = join(dir, "limited");
    const limited = spawnSync(
      "prlimit",
      [
        `--fsize=${size - 30}`,
        process.execPath,
        xpoBin,
        "validate",
        pass,
        "--out",
        out,
        "--no-progress",
      ],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
    );
    expect(limited.signal).toBe(null); // Node ignores SIGXFSZ: the write fails with EFBIG
    expect(limited.status).toBe(2);
    expect(limited.stderr).toContain(`cannot write ${join(out, "run.jsonl")}`);
    expect(limited.stderr).toContain("file-size limit");
    expect(limited.stderr).toContain("[XPO_OUTPUT_UNWRITABLE]");
    expect(limited.stdout).not.toMatch(/datasheet\(s\):/);
    const text = readFileSync(join(out, "run.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.trimEnd().split("\n");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((line) => line.includes('"type":"run-end"'))).toBe(false);
  });
});
