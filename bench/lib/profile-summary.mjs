// Summarise a V8 .cpuprofile: self time by function and by file (top N), for docs/performance.md.
import { readFileSync } from "node:fs";

export function summarise(path, top = 25) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  const counts = new Map();
  profile.samples.forEach((id, i) => {
    counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0));
  });
  const byFile = new Map();
  for (const [id, us] of counts) {
    const { callFrame } = byId.get(id);
    // Packages as nm:NAME/..., the harness's own files as src/... or dist/...
    const url = callFrame.url.includes("node_modules/")
      ? callFrame.url.replace(/^.*node_modules\//, "nm:")
      : callFrame.url.replace(/^.*\/(src|dist)\//, "$1/");
    const key = `${callFrame.functionName || "(anon)"} ${url}:${callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const file = url.startsWith("nm:")
      ? url.split("/").slice(0, 2).join("/")
      : url || callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const sort = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  // Where start-up goes, coarsely: module loading (Node's loaders, file reads, compiling or
  // reading the code cache: node:vm and the CLI's code-cache chunk), ajv compiling
  // schemas (its whole package), garbage collection, idle, and everything else (the harness doing its work).
  const groups = new Map();
  for (const [file, us] of byFile) {
    const group =
      /^node:internal\/(modules|deps\/cjs-module-lexer)|^(openFileHandle|fstat|readFileUtf8|internalModuleStat|lstat|realpathSync|read|close)$|^node:internal\/(url|fs|bootstrap)|^node:(path|fs|vm)$|^(ContextifyScript|compileFunction)$|^dist\/bundle\/code-cache/.test(
        file,
      )
        ? "module loading"
        : /^nm:ajv(-formats)?\//.test(file)
          ? "ajv: loading it, compiling schemas"
          : file === "(garbage collector)"
            ? "garbage collector"
            : file === "(idle)"
              ? "idle"
              : "everything else";
    groups.set(group, (groups.get(group) ?? 0) + us);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return { functions: sort(self), files: sort(byFile), groups: sort(groups), total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { functions, files, groups, total } = summarise(
    process.argv[2],
    Number(process.argv[3] ?? 25),
  );
  console.log(`${(total / 1000).toFixed(1).padStart(8)} ms  sampled in all`);
  for (const [k, us] of groups) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  console.log("---");
  for (const [k, us] of files) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  console.log("---");
  for (const [k, us] of functions) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}
