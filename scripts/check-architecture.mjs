// The house plan, checked: which folder of src/ may import which (the one-way arrows written
// down below), no import cycles between files, no test support or test tools in the product,
// and files and functions small enough to hold in the head. Run by `npm test`; prints every
// breach with its file and line, and exits 1 when there is one.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// Each folder of src/ and the folders it may import. Data flows one way: model -> profile ->
// (datasheet | readings) -> check -> run record -> reporters; instruments, live and cli above.
// The table itself must stay acyclic (checked below).
const ALLOWED = {
  generated: [],
  model: [],
  util: ["model"],
  profile: ["model", "util", "generated"],
  check: ["model", "util", "profile"],
  datasheet: ["model", "util", "profile", "generated"],
  run: ["model", "util", "profile"],
  report: ["model", "util", "generated", "run"],
  transport: ["model", "util"],
  scpi: ["model", "util", "transport"],
  station: ["model", "util", "profile", "datasheet", "generated"],
  instruments: ["model", "util", "generated", "transport", "scpi", "station"],
  sim: ["model", "util", "scpi", "transport", "cmis"],
  cmis: ["model", "util", "profile", "check"],
  validate: ["model", "util", "profile", "check", "datasheet", "run", "report", "cmis"],
  live: [
    ...["model", "util", "generated", "profile", "check", "datasheet", "run", "report"],
    ...["transport", "scpi", "instruments", "station", "cmis"],
  ],
  cli: [
    ...["model", "util", "generated", "profile", "check", "datasheet", "run", "report"],
    ...["transport", "scpi", "instruments", "station", "sim", "validate", "live", "cmis"],
  ],
};
// Only these product files may import the simulator (besides sim/ itself).
const SIM_IMPORTERS = new Set(["src/cli/commands/demo.ts", "src/cli/commands/sim.ts"]);
// Packages the product must never load: test runners and test-only tools.
const TEST_PACKAGES = ["vitest", "execa", "fast-check", "playwright-core", "@vitest/"];
const MAX_FILE_LINES = 350;
const MAX_FUNCTION_LINES = 80;

const problems = [];
const report = (file, line, text) => problems.push(`${file}:${line}: ${text}`);

function listTs(dir) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : listTs(path);
    return /\.m?ts$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const isTest = (file) => file.endsWith(".test.ts");
const folderOf = (file) => file.split("/")[1]?.replace(/\.ts$/, "");

// Resolve a relative import to a repository path ("src/model/errors.ts"), or undefined.
function resolveImport(from, specifier) {
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(root, resolve(root, dirname(from), specifier));
  return target.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts");
}

// Every import of a file (static, type-only, dynamic and re-exports) with its line.
function readImports(text) {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((ref) => ({
    specifier: ref.fileName,
    line: text.slice(0, ref.pos).split("\n").length,
  }));
}

function checkTable() {
  const seen = new Set();
  const visit = (folder, trail) => {
    if (trail.includes(folder)) throw new Error(`ALLOWED has a cycle: ${[...trail, folder]}`);
    if (seen.has(folder)) return;
    for (const next of ALLOWED[folder] ?? []) visit(next, [...trail, folder]);
    seen.add(folder);
  };
  for (const folder of Object.keys(ALLOWED)) visit(folder, []);
}

function checkImports(file, imports, graph) {
  const folder = folderOf(file);
  const edges = [];
  for (const { specifier, line } of imports) {
    if (
      TEST_PACKAGES.some(
        (p) => specifier === p || specifier.startsWith(p.endsWith("/") ? p : `${p}/`),
      )
    )
      report(file, line, `imports ${specifier}, a test-only package`);
    const target = resolveImport(file, specifier);
    if (target === undefined) continue;
    if (!target.startsWith("src/")) {
      report(file, line, `imports ${target}, outside src/ (test support stays out of the product)`);
      continue;
    }
    edges.push(target);
    const targetFolder = folderOf(target);
    if (targetFolder === "sim" && folder !== "sim" && !SIM_IMPORTERS.has(file))
      report(file, line, `imports the simulator (${target}); only sim/ and cli demo/sim may`);
    if (targetFolder === folder || targetFolder === undefined) continue;
    if (!(folder in ALLOWED)) report(file, line, `folder src/${folder} is not in the house plan`);
    else if (!ALLOWED[folder].includes(targetFolder))
      report(file, line, `${folder} -> ${targetFolder} is not an allowed arrow (${target})`);
  }
  graph.set(file, edges);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
function findCycles(graph) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const cycles = [];
  const connect = (node) => {
    const entry = { index, low: index, onStack: true };
    index++;
    state.set(node, entry);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const seen = state.get(next);
      if (seen === undefined) {
        connect(next);
        entry.low = Math.min(entry.low, state.get(next).low);
      } else if (seen.onStack) entry.low = Math.min(entry.low, seen.index);
    }
    if (entry.low !== entry.index) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!state.has(node)) connect(node);
  return cycles;
}

function functionName(node, source) {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  return "(anonymous)";
}

// A test's describe/it callback is a list of cases, not a function to hold in the head.
function isTestCallback(node) {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node)) return false;
  // describe(...), describe.skip(...), describe.skipIf(cond)(...), it.each(rows)(...)
  let callee = call.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee))
    callee = callee.expression;
  return ts.isIdentifier(callee) && /^(describe|it|test)/.test(callee.text);
}

function checkSizes(file, text) {
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > MAX_FILE_LINES) report(file, 1, `${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && !isTestCallback(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      if (end - start + 1 > MAX_FUNCTION_LINES)
        report(
          file,
          start + 1,
          `function ${functionName(node, source)} has ${end - start + 1} lines (at most ${MAX_FUNCTION_LINES})`,
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

checkTable();
const graph = new Map();
for (const file of listTs("src")) {
  if (file.startsWith("src/generated/")) continue;
  const text = readFileSync(join(root, file), "utf8");
  checkSizes(file, text);
  if (!isTest(file)) checkImports(file, readImports(text), graph);
}
for (const dir of ["test", "examples", "suites"])
  for (const file of listTs(dir)) checkSizes(file, readFileSync(join(root, file), "utf8"));
for (const cycle of findCycles(graph)) report(cycle[0], 1, `import cycle: ${cycle.join(" -> ")}`);

if (problems.length > 0) {
  console.error(`check-architecture: ${problems.length} problem(s)\n${problems.join("\n")}`);
  console.error("fix: follow docs/architecture.md (folder map, arrows, sizes)");
  process.exit(1);
}
console.log(`check-architecture: ${graph.size} product files, arrows and sizes as planned`);
