// The repository (or installed package) root: the folder holding package.json, schemas/ and
// fixtures/. Computed from this file's place in src/util (or dist/util once built).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
