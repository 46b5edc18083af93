// The harness's commit in records: read from .git as `git rev-parse` reads it, marked -dirty as
// `git status` says, the same whether asked at once or prefetched; an installed copy without
// its own .git is "unknown", never the commit of a repository around it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { expect, it, vi } from "vitest";
import { repoRoot } from "../util/repo-root.js";

const gitSays = (cwd: string, args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

it("reads the commit as git rev-parse does, with -dirty as git status says, prefetched or not", async () => {
  vi.resetModules();
  const expected = gitSays(repoRoot, ["rev-parse", "--short=12", "HEAD"]);
  const dirty = gitSays(repoRoot, ["status", "--porcelain", "--untracked-files=no"]) !== "";
  const { getHarnessInfo, prefetchHarnessInfo } = await import("./harness-info.js");
  const prefetched = await prefetchHarnessInfo();
  expect(prefetched.commit).toBe(dirty ? `${expected}-dirty` : expected);
  expect(getHarnessInfo()).toEqual(prefetched);
  vi.resetModules();
  const fresh = await import("./harness-info.js");
  expect(fresh.getHarnessInfo()).toEqual(prefetched);
});

it("a copy of the built harness inside another repository reports commit unknown", async () => {
  const outer = mkdtempSync(join(tmpdir(), "xpo-outer-repo-"));
  try {
    execFileSync("git", ["init", "-q", outer]);
    writeFileSync(join(outer, "x.txt"), "x");
    const git = ["-c", "user.email=a@b", "-c", "user.name=n"];
    execFileSync("git", [...git, "-C", outer, "add", "x.txt"]);
    execFileSync("git", [...git, "-C", outer, "commit", "-qm", "x"]);
    // The package as installed: its files, no .git of its own, under the outer repository.
    const pkg = join(outer, "node_modules", "xpo-msa-harness");
    mkdirSync(pkg, { recursive: true });
    for (const part of ["package.json", "dist", "schemas"])
      cpSync(join(repoRoot, part), join(pkg, part), { recursive: true });
    const script = `import("${join(pkg, "dist/run/harness-info.js")}").then(async (m) => console.log(JSON.stringify([m.getHarnessInfo(), await m.prefetchHarnessInfo()])))`;
    const { stdout } = await execa(process.execPath, ["-e", script], { cwd: outer });
    const [now, prefetched] = JSON.parse(stdout) as { commit: string }[];
    expect(now?.commit).toBe("unknown");
    expect(prefetched?.commit).toBe("unknown");
  } finally {
    rmSync(outer, { recursive: true, force: true });
  }
});
