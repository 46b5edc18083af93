// The error catalogue and the code agree: every XPO_ code the harness uses is catalogued (so it
// has a remedy and a row in docs/errors.md), and every catalogued code is used somewhere.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../util/repo-root.js";
import { errorCatalog } from "./errors.js";

const srcDir = join(repoRoot, "src");

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : listSourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

const catalogFile = join(srcDir, "model", "errors.ts");
const used = new Map<string, string>();
for (const file of listSourceFiles(srcDir)) {
  if (file === catalogFile) continue;
  for (const match of readFileSync(file, "utf8").matchAll(
    /(?<!startsWith\()["'`](XPO_[A-Z0-9_]+)["'`]/g,
  ))
    used.set(match[1] as string, relative(repoRoot, file));
}

it("every XPO_ code used under src/ is in the catalogue", () => {
  const unknown = [...used].filter(([code]) => !(code in errorCatalog));
  expect(unknown, "add these codes to errorCatalog in src/model/errors.ts").toEqual([]);
});

it("every catalogued code is used somewhere under src/", () => {
  const unused = Object.keys(errorCatalog).filter((code) => !used.has(code));
  expect(unused, "remove these codes from errorCatalog, or use them").toEqual([]);
});
