// V8's compiled code for the CLI's bundle, kept between runs (Node 22 has
// module.enableCompileCache for this; Node 20 has not). Node compiles each chunk it loads from
// source on every run, and each function again when it is first called: about 60 ms of a
// one-file `xpo validate`. A chunk is compiled here with the code V8 gave at the end of an earlier
// run (Script cachedData, made after the run so it holds the functions that ran), keyed by a
// hash of the chunk's text: V8 itself only compares the source length, so an edited or rebuilt
// chunk must never meet old code. V8 does not checksum the data either (damaged code crashes
// the process), so each file carries a SHA-256 of its data, checked before V8 sees it. Best
// effort: a cache that cannot be read or written costs only the compile time, and a damaged or
// rejected one is compiled from source and replaced.
import { createHash, randomBytes } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire, Module } from "node:module";
import { basename, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { cacheDir } from "../util/cache-dir.js";

export interface CodeCacheOptions {
  /** The folder of cache files (created on the first save). */
  dir: string;
  /** Whether a CommonJS file is compiled through the cache; the others load as usual. */
  include(filename: string): boolean;
}

export interface CodeCache {
  /** Files compiled with cached code, and from source, so far. */
  readonly counts: { cached: number; compiled: number };
  /** Write the code of the files compiled from source (done at exit by enableCodeCache). */
  save(): void;
  /** Give Node its own compile back. */
  uninstall(): void;
}

/** Cache files (and folders of other Node versions or flags) unused this long go at a save. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** A cache file: the SHA-256 of V8's data, then the data. */
const DIGEST_BYTES = 32;

// Node 20 runs import() in a vm.Script only through an importModuleDynamically callback, and one
// compiled from cached data fails it (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING) even with Node's
// main-context loader: a file with an import( is left to Node's own compile.
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** The function Module.wrap makes of a file: (exports, require, module, __filename, __dirname). */
type ModuleWrapper = (...args: unknown[]) => void;
type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
const proto = Module.prototype as unknown as { _compile: Compile };

export function installCodeCache(options: CodeCacheOptions): CodeCache {
  const original = proto._compile;
  const counts = { cached: 0, compiled: 0 };
  const unsaved: { script: Script; file: string }[] = [];

  proto._compile = function compile(this: Module, content, filename, ...rest) {
    if (!options.include(filename) || DYNAMIC_IMPORT.test(content))
      return original.call(this, content, filename, ...rest);
    const hash = createHash("sha256").update(content).digest("hex").slice(0, 32);
    const file = join(options.dir, `${basename(filename)}.${hash}.v8`);
    const cachedData = readChecked(file);
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (cachedData && !script.cachedDataRejected) counts.cached++;
    else {
      counts.compiled++;
      unsaved.push({ script, file });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as ModuleWrapper;
    const require = createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };

  return {
    counts,
    save: () => save(options.dir, unsaved.splice(0)),
    uninstall: () => {
      proto._compile = original;
    },
  };
}

const digest = (data: Buffer) => createHash("sha256").update(data).digest();

// V8's data from a cache file whose digest matches, else undefined. A file in use has its time
// set to now, so the age rule removes only files no run has used for MAX_AGE_MS.
function readChecked(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  if (bytes.length <= DIGEST_BYTES || !digest(data).equals(bytes.subarray(0, DIGEST_BYTES)))
    return undefined;
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // a read-only cache still serves
  }
  return data;
}

// Each file is written whole under a name of its own and renamed, so a process reading it at the
// same time sees the old file, the new one or none, never half of one.
function save(dir: string, unsaved: { script: Script; file: string }[]): void {
  if (unsaved.length === 0) return;
  try {
    mkdirSync(dir, { recursive: true });
    for (const { script, file } of unsaved) {
      const data = script.createCachedData();
      const partial = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.partial`;
      try {
        writeFileSync(partial, Buffer.concat([digest(data), data]));
        renameSync(partial, file);
      } finally {
        rmSync(partial, { force: true });
      }
    }
    removeOld(dir, (name) => !unsaved.some(({ file }) => basename(file) === name));
    // Folders of other Node versions or flags beside this one (codeFolder's names).
    removeOld(dirname(dir), (name) => name.startsWith("node-") && name !== basename(dir));
  } catch {
    // a read-only or full disk: the next run compiles from source again
  }
}

// Remove the entries of a folder (files, or whole folders) that match and are untouched for
// MAX_AGE_MS.
function removeOld(dir: string, matches: (name: string) => boolean): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!matches(name)) continue;
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > MAX_AGE_MS) rmSync(path, { recursive: true, force: true });
  }
}

// The folder for this Node and these V8 flags: code made under other flags is rejected by V8,
// and runs that alternate flags would replace each other's files every time.
function codeFolder(env: NodeJS.ProcessEnv): string {
  const flags = [...process.execArgv, env.NODE_OPTIONS ?? ""].join(" ").trim();
  const suffix = flags ? `-${createHash("sha256").update(flags).digest("hex").slice(0, 8)}` : "";
  return join(cacheDir(env), "code", `node-${process.version}-${process.arch}${suffix}`);
}

// The cache for the bundle this module is part of (dist/bundle/), saved when the process exits.
// XPO_CODE_CACHE=off turns it off; XPO_CACHE_DIR moves it with the rest of the cache. Nothing
// here may stop the CLI: with no home folder to find, say, it runs without a cache.
export function enableCodeCache(env: NodeJS.ProcessEnv = process.env): void {
  if (env.XPO_CODE_CACHE === "off") return;
  try {
    const bundle = dirname(fileURLToPath(import.meta.url)) + sep;
    const cache = installCodeCache({
      dir: codeFolder(env),
      include: (filename) => filename.startsWith(bundle) && filename.endsWith(".cjs"),
    });
    process.once("exit", () => cache.save());
  } catch {
    // no cache this run
  }
}
