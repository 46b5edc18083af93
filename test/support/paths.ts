// Where report tests find the shared JUnit XSD and put their artifacts.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../src/util/repo-root.js";
import { inCI } from "./tools.js";

/** The Jenkins xUnit plugin's JUnit schema (MIT, its source and licence in the file's header). */
export const junitXsdPath = join(repoRoot, "test", "fixtures", "jenkins-junit-10.xsd");

// Tell whether the XSD is there; under CI=true a missing XSD is an error, not a skip.
export function hasJunitXsd(): boolean {
  if (existsSync(junitXsdPath)) return true;
  if (inCI) throw new Error(`the JUnit XSD is missing under CI=true: ${junitXsdPath}`);
  return false;
}

// The git-ignored folder for screenshots and reports tests leave behind.
export function getArtifactDir(): string {
  const dir = join(repoRoot, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}
