// Where report tests put their artifacts.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../src/util/repo-root.js";

// The git-ignored folder for screenshots and reports tests leave behind.
export function getArtifactDir(): string {
  const dir = join(repoRoot, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}
