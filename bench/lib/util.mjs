// Small helpers shared by the benchmarks: medians, timing child processes, formatting.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The bench's own compile of src/ (tsc with the build settings), at the same depth as dist/ so
 * the modules find the repository root. The product is measured as tsc emits it, not through
 * tsx (whose esbuild keepNames wrappers cost 10-15 % on the SCPI hot path) and not from dist/.
 */
export const benchBuild = join(repoRoot, ".bench-build");

// Import a module of the bench build, e.g. importBuilt("scpi/index.js").
export function importBuilt(path) {
  return import(pathToFileURL(join(benchBuild, path)).href);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Run a command; resolve with wall time (ms), peak RSS (KiB, from GNU time when available),
// exit code and output. Never rejects on a non-zero exit (ajv-cli exits 1 on invalid files).
export function timeProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const useTime = options.measureMemory !== false;
    const argv = useTime ? ["-f", "XPO_BENCH_MAXRSS=%M", command, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(useTime ? "/usr/bin/time" : command, argv, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      if (stdout.length < 1e6) stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 1e6) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const match = /XPO_BENCH_MAXRSS=(\d+)/.exec(stderr);
      resolve({ ms, code, stdout, stderr, maxRssKiB: match ? Number(match[1]) : undefined });
    });
  });
}

export const fmt = {
  ms: (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1)),
  ratio: (v) => v.toFixed(2),
  mb: (bytes) => (bytes / 1e6).toFixed(2),
};
