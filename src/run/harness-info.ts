// The harness version (package.json) and git commit, printed in every record and report.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../util/repo-root.js";
import type { HarnessInfo } from "./record.js";

let cached: HarnessInfo | undefined;
let pending: Promise<HarnessInfo> | undefined;

// Read the harness version from package.json.
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Where the harness's own git data is: its .git folder, a worktree's .git file, or none (an
 * installed package: never ask git, which would answer for a repository around it). */
function gitKind(): "folder" | "file" | undefined {
  const git = join(repoRoot, ".git");
  if (!existsSync(git)) return undefined;
  return statSync(git).isDirectory() ? "folder" : "file";
}

// The commit HEAD names, read from .git itself (a `git rev-parse` costs a process start).
function readHead(): string | undefined {
  const git = join(repoRoot, ".git");
  const head = readFileSync(join(git, "HEAD"), "utf8").trim();
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  if (ref === undefined) return undefined;
  if (existsSync(join(git, ref))) return readFileSync(join(git, ref), "utf8").trim();
  const packed = existsSync(join(git, "packed-refs"))
    ? readFileSync(join(git, "packed-refs"), "utf8")
    : "";
  for (const line of packed.split("\n")) {
    const [sha, name] = line.split(" ");
    if (name === ref && sha !== undefined) return sha;
  }
  return undefined;
}

const STATUS = ["status", "--porcelain", "--untracked-files=no"];
const git = (args: string[]) =>
  execFileSync("git", args, {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "ignore"],
    encoding: "utf8",
  }).trim();

// The short commit, without the dirty mark; "unknown" outside a git checkout.
function readCommit(): string {
  const kind = gitKind();
  if (kind === undefined) return "unknown";
  try {
    const sha = kind === "folder" ? readHead() : undefined;
    return sha ? sha.slice(0, 12) : git(["rev-parse", "--short=12", "HEAD"]);
  } catch {
    return "unknown";
  }
}

/** The commit without its dirty mark, and whether `git status` must be asked for one. */
function baseCommit(): { commit: string; askGit: boolean } {
  const fromEnv = process.env.XPO_HARNESS_COMMIT;
  if (fromEnv) return { commit: fromEnv, askGit: false };
  const commit = readCommit();
  return { commit, askGit: commit !== "unknown" };
}

// Keep (once) the harness info for a commit and what `git status --porcelain` printed.
function settle(commit: string, status: string): HarnessInfo {
  cached ??= { version: harnessVersion(), commit: status ? `${commit}-dirty` : commit };
  return cached;
}

// Version and commit; the commit comes from XPO_HARNESS_COMMIT, else git, else "unknown".
export function getHarnessInfo(): HarnessInfo {
  if (cached) return cached;
  const { commit, askGit } = baseCommit();
  let status = "";
  try {
    if (askGit) status = git(STATUS);
  } catch {
    // git is not installed: the commit without the dirty mark.
  }
  return settle(commit, status);
}

// The same, with `git status` run in the background: called as a command that writes a record
// starts, so the status is known by the time the record's first line is (issue 15: start-up).
export function prefetchHarnessInfo(): Promise<HarnessInfo> {
  if (cached) return Promise.resolve(cached);
  pending ??= new Promise((resolve) => {
    const { commit, askGit } = baseCommit();
    if (!askGit) return resolve(settle(commit, ""));
    execFile("git", STATUS, { cwd: repoRoot, encoding: "utf8" }, (error, stdout) =>
      resolve(settle(commit, error === null ? stdout.trim() : "")),
    );
  });
  return pending;
}
