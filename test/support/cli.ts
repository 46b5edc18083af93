// Run the built `xpo` CLI as a user would (a real process), for tests.
import { join } from "node:path";
import { execa } from "execa";
import { repoRoot } from "../../src/util/repo-root.js";

export const xpoBin = join(repoRoot, "bin", "xpo.js");

// Run `xpo <args>` and return its result without throwing on a non-zero exit.
export async function runXpo(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {},
) {
  return execa(process.execPath, [xpoBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    // GITHUB_ACTIONS cleared: a CI job on GitHub must not add the github reporter to every run.
    env: { NO_COLOR: "1", GITHUB_ACTIONS: "", ...options.env },
    reject: false,
    timeout: options.timeout ?? 60_000,
    stdin: "ignore",
  });
}
