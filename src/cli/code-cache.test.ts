// The CLI's code cache (code-cache.ts): a second load of a file runs V8's code from the first,
// an edited file (even one of the same length) never runs old code, a damaged cache file is
// compiled from source and replaced, and a cache that cannot be written costs nothing else.
// Each load is a new process: within one, V8 reuses its own compilations and ignores the cache.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { runXpo, xpoBin } from "../../test/support/cli.js";
import { repoRoot } from "../util/repo-root.js";

const built = existsSync(join(repoRoot, "dist/bundle/code-cache.cjs"));
const fixture = "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml";

const codeCache = pathToFileURL(join(repoRoot, "src/cli/code-cache.ts")).href;
const loader = `
import { createRequire } from "node:module";
import { installCodeCache } from ${JSON.stringify(codeCache)};
const [file, dir, folder] = process.argv.slice(-3);
const cache = installCodeCache({ dir, include: (name) => name.startsWith(folder) });
const chunk = createRequire(import.meta.url)(file);
const joined = (await chunk.load()).join("a", "b");
cache.save();
console.log(JSON.stringify({ answer: chunk.ask(), dir: chunk.dir, joined, counts: cache.counts }));
`;

function setUp() {
  const root = mkdtempSync(join(tmpdir(), "xpo-code-cache-"));
  const chunks = join(root, "chunks");
  const dir = join(root, "cache");
  mkdirSync(chunks);
  const file = join(chunks, "a.cjs");
  writeFileSync(file, chunk("first"));
  return { root, chunks, dir, file };
}

// Load a CommonJS file in a new process with a cache for `folder` in `dir`, saved after the load.
async function load(file: string, dir: string, folder: string) {
  const run = await execa(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", loader, file, dir, folder],
    { cwd: repoRoot },
  );
  return JSON.parse(run.stdout) as {
    answer: string;
    dir: string;
    joined: string;
    counts: { cached: number; compiled: number };
  };
}

const chunk = (answer: string) =>
  `"use strict";\nfunction ask() { return ${JSON.stringify(answer)}; }\nexports.ask = ask;\nexports.dir = __dirname;\nexports.load = () => require("node:path");\n`;

describe("code cache", () => {
  it("compiles a file from source once, then runs the saved code", async () => {
    const { chunks, dir, file } = setUp();
    const cold = await load(file, dir, chunks);
    expect(cold).toEqual({
      answer: "first",
      dir: chunks,
      joined: join("a", "b"),
      counts: { cached: 0, compiled: 1 },
    });
    expect(readdirSync(dir)).toHaveLength(1);
    // The second process runs the saved code.
    const warm = await load(file, dir, chunks);
    expect(warm).toEqual({ ...cold, counts: { cached: 1, compiled: 0 } });
  });

  it("a file edited to the same length runs its new text, not the old code", async () => {
    const { chunks, dir, file } = setUp();
    await load(file, dir, chunks);
    const edited = chunk("other");
    expect(edited.length).toBe(chunk("first").length);
    writeFileSync(file, edited);
    const run = await load(file, dir, chunks);
    expect(run.answer).toBe("other");
    expect(run.counts).toEqual({ cached: 0, compiled: 1 });
  });

  it("a damaged cache file is compiled from source and replaced", async () => {
    const { chunks, dir, file } = setUp();
    await load(file, dir, chunks);
    const [name] = readdirSync(dir) as [string];
    writeFileSync(join(dir, name), "not V8 code at all");
    const run = await load(file, dir, chunks);
    expect(run.answer).toBe("first");
    expect(run.counts).toEqual({ cached: 0, compiled: 1 });
    expect(readFileSync(join(dir, name), "utf8")).not.toBe("not V8 code at all");
    expect((await load(file, dir, chunks)).counts).toEqual({ cached: 1, compiled: 0 });
  });

  it("damage inside a cache file (V8 checks no checksum) is caught before V8 runs it", async () => {
    const { chunks, dir, file } = setUp();
    await load(file, dir, chunks);
    const [name] = readdirSync(dir) as [string];
    const bytes = readFileSync(join(dir, name));
    const middle = bytes.length >> 1;
    for (let i = middle; i < middle + 8; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    writeFileSync(join(dir, name), bytes);
    const run = await load(file, dir, chunks);
    expect(run.answer).toBe("first");
    expect(run.counts).toEqual({ cached: 0, compiled: 1 });
    expect((await load(file, dir, chunks)).counts).toEqual({ cached: 1, compiled: 0 });
  });

  it("leaves a file with a dynamic import() to Node: it would lose its import callback", async () => {
    const { chunks, dir, file } = setUp();
    writeFileSync(file, chunk("first").replace('require("node:path")', 'import("node:path")'));
    for (let run = 0; run < 2; run++) {
      const loaded = await load(file, dir, chunks);
      expect(loaded.counts).toEqual({ cached: 0, compiled: 0 });
    }
  });

  it("leaves other files to Node and survives a cache folder it cannot write", async () => {
    const { root, chunks, file } = setUp();
    const notAFolder = join(root, "file");
    writeFileSync(notAFolder, "");
    const other = await load(file, join(root, "cache"), join(root, "elsewhere"));
    expect(other.answer).toBe("first");
    expect(other.counts).toEqual({ cached: 0, compiled: 0 });
    expect(existsSync(join(root, "cache"))).toBe(false);
    // save() finds a file where its folder should be: the load still succeeds.
    const run = await load(file, join(notAFolder, "cache"), chunks);
    expect(run.answer).toBe("first");
    expect(run.counts).toEqual({ cached: 0, compiled: 1 });
  });

  it("removes cache files, and other Node versions' folders, unused for 30 days", async () => {
    const { root, chunks, dir, file } = setUp();
    mkdirSync(dir);
    const old = join(dir, "gone.cjs.0123.v8");
    const recent = join(dir, "kept.cjs.4567.v8");
    const otherNode = join(root, "node-v0.0.0-x64");
    const notOurs = join(root, "other-tool");
    for (const folder of [otherNode, notOurs]) mkdirSync(folder);
    for (const path of [old, recent]) writeFileSync(path, "x");
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    for (const path of [old, otherNode, notOurs]) utimesSync(path, longAgo, longAgo);
    await load(file, dir, chunks);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(otherNode)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it("a cache file in use is kept however old it was written", async () => {
    const { chunks, dir, file } = setUp();
    await load(file, dir, chunks);
    const [name] = readdirSync(dir) as [string];
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(join(dir, name), longAgo, longAgo);
    expect((await load(file, dir, chunks)).counts).toEqual({ cached: 1, compiled: 0 });
    expect(Date.now() - statSync(join(dir, name)).mtimeMs).toBeLessThan(24 * 3600 * 1000);
  });
});

describe.skipIf(!built)("xpo with its code cache (process; needs npm run build)", () => {
  it("writes the cache on the first run and gives the same results from it", async () => {
    const cache = mkdtempSync(join(tmpdir(), "xpo-cache-"));
    const out = mkdtempSync(join(tmpdir(), "xpo-out-"));
    const args = ["validate", fixture, "--out", out, "--no-progress"];
    const first = await runXpo(args, { env: { XPO_CACHE_DIR: cache } });
    expect(first.exitCode, first.stderr).toBe(0);
    const [folder] = readdirSync(join(cache, "code"));
    const saved = readdirSync(join(cache, "code", folder as string));
    // One file per chunk the run loaded: the entry and validate's chunks among them.
    expect(saved.some((name) => name.startsWith("xpo.cjs."))).toBe(true);
    expect(saved.some((name) => name.startsWith("validate-"))).toBe(true);
    const second = await runXpo(args, { env: { XPO_CACHE_DIR: cache } });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(join(cache, "code", folder as string))).toEqual(saved);
  });

  it("runs without a cache when there is no home folder to find one in", async () => {
    // os.homedir() throws when HOME is unset and the user has no passwd entry (a container
    // started with --user 12345): made so here by a preloaded module.
    const dir = mkdtempSync(join(tmpdir(), "xpo-no-home-"));
    const preload = join(dir, "no-home.cjs");
    writeFileSync(
      preload,
      'require("node:os").homedir = () => { throw new Error("uv_os_homedir returned ENOENT"); };\n',
    );
    const run = await execa(process.execPath, ["-r", preload, xpoBin, "--version"], {
      env: { XPO_CACHE_DIR: "", XDG_CACHE_HOME: "" },
      reject: false,
    });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("XPO_CODE_CACHE=off writes nothing", async () => {
    const cache = mkdtempSync(join(tmpdir(), "xpo-cache-"));
    const run = await runXpo(["--version"], {
      env: { XPO_CACHE_DIR: cache, XPO_CODE_CACHE: "off" },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });
});
