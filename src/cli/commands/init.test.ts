// `xpo init` from this repository: the starter passes, its modeline is relative to the new file,
// an existing file is kept unless --force.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runXpo } from "../../../test/support/cli.js";
import { repoRoot } from "../../util/repo-root.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-init-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("xpo init", () => {
  it("writes a starter that passes, pointing at this repository's schema", async () => {
    const file = join(dir, "a", "b", "module.yaml");
    const result = await runXpo(["init", file]);
    expect(result.exitCode).toBe(0);
    const schema = join(repoRoot, "schemas/xpo/public-2026-11/xpo.schema.json");
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[0]).toBe(
      `# yaml-language-server: $schema=${relative(join(dir, "a", "b"), schema)}`,
    );
    expect(text).toMatch(/^ {2}vendor: Your Company$/m);
    const validated = await runXpo(["validate", file, "--out", join(dir, "out")]);
    expect(validated.exitCode).toBe(0);
  });

  it("keeps an existing file unless --force", async () => {
    const file = join(dir, "mine.yaml");
    writeFileSync(file, "vendor notes\n");
    const kept = await runXpo(["init", file]);
    expect(kept.stderr).toMatch(
      /the file exists; not replaced \[XPO_USAGE\]\n {2}fix: Name another file, or pass --force/,
    );
    expect(kept.exitCode).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("vendor notes\n");
    expect((await runXpo(["init", file, "--force"])).exitCode).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/^# yaml-language-server: /);
  });
});
