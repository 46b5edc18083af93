// V8's compiled code for the CLI's bundle, kept between runs (Node 22 has
// module.enableCompileCache for this; Node 20 has not). Node compiles each chunk it loads from
// source on every run, and each function again when it is first called: about 60 ms of a
// one-file `xpo validate`. A chunk is compiled here with the code V8 gave at the end of an earlier
// run (Script cachedData, made after the run so it holds the functions that ran), keyed by a
// hash of the chunk's text: V8 itself only compares the source length, so an edited or rebuilt
// chunk must never meet old code. Best effort: a cache that cannot be read or written costs only
// the compile time, and a rejected one is compiled from source and replaced.
import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
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

/** Cache files unused for this long go when a new one is written (after a rebuild or upgrade). */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** The function Module.wrap makes of a file: (exports, require, module, __filename, __dirname). */
type ModuleWrapper = (...args: unknown[]) => void;
type Compile = (this: Module, content: string, filename: string) => unknown;
const proto = Module.prototype as unknown as { _compile: Compile };

export function installCodeCache(options: CodeCacheOptions): CodeCache {
  const original = proto._compile;
  const counts = { cached: 0, compiled: 0 };
  const unsaved: { script: Script; file: string }[] = [];

  proto._compile = function compile(this: Module, content: string, filename: string) {
    // Node 20 loses the import() callback of a script compiled from cached code
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): a file with an import() is left to Node.
    if (!options.include(filename) || DYNAMIC_IMPORT.test(content))
      return original.call(this, content, filename);
    const hash = createHash("sha256").update(content).digest("hex").slice(0, 32);
    const file = join(options.dir, `${basename(filename)}.${hash}.v8`);
    const cachedData = readOrUndefined(file);
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

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

// Each file is written whole under a temporary name and renamed, so a process reading it at the
// same time sees the old file, the new one or none, never half of one.
function save(dir: string, unsaved: { script: Script; file: string }[]): void {
  if (unsaved.length === 0) return;
  try {
    mkdirSync(dir, { recursive: true });
    for (const { script, file } of unsaved) {
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file);
    }
    removeOld(dir, new Set(unsaved.map(({ file }) => basename(file))));
  } catch {
    // a read-only or full disk: the next run compiles from source again
  }
}

function removeOld(dir: string, keep: Set<string>): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (keep.has(name)) continue;
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > MAX_AGE_MS) rmSync(path, { force: true });
  }
}

// The cache for the bundle this module is part of (dist/bundle/), saved when the process exits.
// XPO_CODE_CACHE=off turns it off; XPO_CACHE_DIR moves it with the rest of the cache.
export function enableCodeCache(env: NodeJS.ProcessEnv = process.env): void {
  if (env.XPO_CODE_CACHE === "off") return;
  const bundle = dirname(fileURLToPath(import.meta.url)) + sep;
  const dir = join(cacheDir(env), "code", `node-${process.version}-${process.arch}`);
  const cache = installCodeCache({
    dir,
    include: (filename) => filename.startsWith(bundle) && filename.endsWith(".cjs"),
  });
  process.once("exit", () => cache.save());
}
