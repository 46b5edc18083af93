// What `npm pack` ships: the built product, schemas and example data, and no test support, tests
// or leftovers of files that no longer exist in src/.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../src/util/repo-root.js";

const packed = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }),
) as { files: { path: string }[] }[];
const files = (packed[0]?.files ?? []).map((file) => file.path);

it("ships the CLI, the built modules and the schemas", () => {
  expect(files).toContain("bin/xpo.js");
  expect(files).toContain("dist/cli/main.js");
  expect(files).toContain("dist/bundle/xpo.cjs");
  expect(files.some((file) => file.startsWith("schemas/xpo/"))).toBe(true);
});

it("ships no tests and no test support", () => {
  const testFiles = files.filter(
    (file) => /(^|\/)(test|testing|support)\//.test(file) || /\.test\.(js|ts|js\.map)$/.test(file),
  );
  expect(testFiles).toEqual([]);
});

it("ships no built file whose source is gone", () => {
  const stale = files
    .filter((file) => file.startsWith("dist/") && file.endsWith(".js"))
    .filter((file) => !file.startsWith("dist/bundle/"))
    .filter(
      (file) =>
        !existsSync(join(repoRoot, file.replace(/^dist\//, "src/").replace(/\.js$/, ".ts"))),
    );
  expect(stale).toEqual([]);
});

it("runs a bundle built from the current dist (npm run build, not tsc alone)", () => {
  const bundle = join(repoRoot, "dist/bundle");
  const modules = JSON.parse(readFileSync(join(bundle, "modules.json"), "utf8")) as Record<
    string,
    string[]
  >;
  const built = statSync(join(bundle, "modules.json")).mtimeMs;
  const newer = Object.values(modules)
    .flat()
    .filter((module) => statSync(join(repoRoot, module)).mtimeMs > built);
  expect(newer, "dist/ was rebuilt after its bundle: run `npm run build`").toEqual([]);
});
