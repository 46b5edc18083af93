// Run the built `xpo` CLI with a module log: the list of modules (ESM imports, and the packages
// they import) the process loaded: `modules` as paths relative to the repository or `pkg:NAME`,
// `paths` as absolute file paths (and `node:` builtins). A chunk of the CLI's bundle
// (dist/bundle/) stands for the dist modules inside it, in their order (dist/bundle/modules.json).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { repoRoot } from "../../src/util/repo-root.js";
import { xpoBin } from "./cli.js";

const hooks = join(repoRoot, "test", "support", "module-log.mjs");
const bundleDir = join(repoRoot, "dist", "bundle");

// The dist modules (absolute paths) each bundle chunk holds, by the chunk's absolute path.
function bundleChunks(): Map<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(bundleDir, "modules.json"), "utf8")) as Record<
    string,
    string[]
  >;
  return new Map(
    Object.entries(manifest).map(([chunk, modules]) => [
      join(bundleDir, chunk),
      modules.map((module) => join(repoRoot, module)),
    ]),
  );
}

function label(url: string): string {
  if (url.startsWith("node:")) return url;
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return `pkg:${pkg[1]}`;
  return path.startsWith(`${repoRoot}/`) ? path.slice(repoRoot.length + 1) : path;
}

// Run `xpo <args>`; resolve with its exit code, output and the distinct modules it loaded.
export async function xpoModules(args: string[], cwd = repoRoot) {
  const dir = mkdtempSync(join(tmpdir(), "xpo-modules-"));
  const log = join(dir, "modules.log");
  try {
    const result = await execa(process.execPath, ["--import", hooks, xpoBin, ...args], {
      cwd,
      env: { NO_COLOR: "1", XPO_MODULE_LOG: log },
      reject: false,
      timeout: 60_000,
      stdin: "ignore",
    });
    const chunks = bundleChunks();
    const urls = readFileSync(log, "utf8")
      .split("\n")
      .filter(Boolean)
      .flatMap((url) => {
        return chunks.get(url.startsWith("file:") ? fileURLToPath(url) : url) ?? [url];
      });
    const paths = [
      ...new Set(urls.map((url) => (url.startsWith("file:") ? fileURLToPath(url) : url))),
    ];
    return { ...result, paths, modules: [...new Set(urls.map(label))] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
