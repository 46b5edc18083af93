// vitest global setup: caches and instrument locks of the harness go to a scratch folder for the
// run, so the tests never write under the user's ~/.cache and never meet another run's locks.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "xpo-vitest-"));
  // Set here, inherited by every test worker and every process a test starts.
  process.env.XPO_CACHE_DIR ??= join(root, "cache");
  process.env.XPO_LOCK_DIR ??= join(root, "locks");
  return () => rmSync(root, { recursive: true, force: true });
}
