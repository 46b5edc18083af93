// The harness version (package.json) and git commit, printed in every record and report.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../util/repo-root.js";
import type { HarnessInfo } from "./record.js";

let cached: HarnessInfo | undefined;

// Read the harness version from package.json.
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

// Version and commit; the commit comes from XPO_HARNESS_COMMIT, else git, else "unknown".
export function getHarnessInfo(): HarnessInfo {
  if (cached) return cached;
  let commit = process.env.XPO_HARNESS_COMMIT ?? "";
  if (!commit) {
    try {
      commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "ignore"],
        encoding: "utf8",
      }).trim();
      const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "ignore"],
        encoding: "utf8",
      }).trim();
      if (dirty) commit += "-dirty";
    } catch {
      commit = "unknown";
    }
  }
  cached = { version: harnessVersion(), commit };
  return cached;
}
