// Where the harness keeps what it can rebuild: compiled lab profiles (profile/validators.ts) and
// V8's compiled code for the CLI (cli/code-cache.ts). Deleting the folder only costs time.
import { homedir } from "node:os";
import { join } from "node:path";

/** The cache folder: XPO_CACHE_DIR, else the XDG cache folder. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XPO_CACHE_DIR) return env.XPO_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "xpo-msa-harness");
}
