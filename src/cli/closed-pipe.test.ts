// `xpo limits | head -1`, `xpo validate DIR | head -1`: the reader has gone before xpo writes.
// No stack trace, and the exit code is the command's own (2 for an input error, not Node's 1).
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { xpoBin } from "../../test/support/cli.js";
import { repoRoot } from "../util/repo-root.js";

// Run xpo with stdout a pipe whose reading end is closed at once, as `| head -1` does.
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [xpoBin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), "xpo-pipe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("output to a closed pipe", () => {
  it("xpo limits exits 0 without a trace", async () => {
    const result = await runIntoClosedPipe(["limits"]);
    expect(result.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(result.code).toBe(0);
  });

  it("xpo validate keeps exit code 2 for an input error and writes its reports", async () => {
    const inputs = join(dir, "inputs");
    const out = join(dir, "out");
    mkdirSync(inputs);
    for (const id of ["XPO-PWR-001", "XPO-COOL-001", "XPO-OPT-003"])
      copyFileSync(
        join(repoRoot, `fixtures/datasheets/fail/${id}.yaml`),
        join(inputs, `${id}.yaml`),
      );
    writeFileSync(join(inputs, "broken.yaml"), "identity: [unclosed\n");
    const result = await runIntoClosedPipe(["validate", inputs, "--out", out]);
    expect(result.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(result.code).toBe(2);
    expect(existsSync(join(out, "run.jsonl"))).toBe(true);
  });
});
