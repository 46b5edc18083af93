// Bundle the compiled CLI (dist/cli/main.js and the modules it imports, not the packages in
// node_modules) with rolldown into dist/bundle/, which bin/xpo.js runs. Node's ESM loader costs
// about half a millisecond per module (resolving, a stat, a read, a compile): `xpo validate`
// loads some 100 of dist's small modules, and the bundle loads about 20 chunks instead. Every
// dynamic import in the sources stays a split point, so a command still loads only its own code.
// dist/bundle/modules.json maps each chunk to the dist modules inside it, in order, so tests can
// say which modules a process loaded (test/support/module-log.ts).
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The same depth below the package root as dist/cli/main.js, so repoRoot (two folders up from
// the file that computes it) stays the package root.
const outDir = join(root, "dist", "bundle");

rmSync(outDir, { recursive: true, force: true });
const BUNDLED = new Set(["commander", "js-yaml"]);

const result = await build({
  // code-cache.cjs is loaded first by bin/xpo.js, so that every chunk of xpo.cjs goes through it.
  input: {
    xpo: join(root, "dist/cli/main.js"),
    "code-cache": join(root, "dist/cli/code-cache.js"),
  },
  cwd: root,
  platform: "node",
  // Packages stay in node_modules (loaded lazily with createRequire where the sources say so),
  // except two that every command or every datasheet check uses: commander, and js-yaml from its
  // one-file ES build; bundled, they are one chunk each instead of 7 and 24 CommonJS files.
  external: (id) => !id.startsWith(".") && !id.startsWith("/") && !BUNDLED.has(id),
  logLevel: "warn",
  output: {
    dir: outDir,
    format: "cjs",
    // "use strict" in every chunk: the sources are ES modules, strict by definition.
    strict: true,
    entryFileNames: "[name].cjs",
    chunkFileNames: "[name]-[hash].cjs",
    sourcemap: false,
    // JSDoc goes: commander's `@typedef { import("./command.js") }` lines would keep its chunk
    // out of the code cache, which leaves any file with an import( to Node (src/cli/code-cache.ts).
    comments: { legal: true, annotation: true, jsdoc: false },
  },
});

const modules = {};
for (const item of result.output) {
  if (item.type !== "chunk") continue;
  modules[item.fileName] = item.moduleIds
    .filter((id) => id.startsWith(`${root}/`))
    .map((id) => relative(root, id));
}
writeFileSync(join(outDir, "modules.json"), `${JSON.stringify(modules, null, 1)}\n`);
console.log(`bundled dist/cli/main.js into ${Object.keys(modules).length} chunks in dist/bundle/`);
