// Run the built `xpo` CLI with a module log: the list of modules (ESM imports, and the packages
// they import) the process loaded: `modules` as paths relative to the repository or `pkg:NAME`,
// `paths` as absolute file paths (and `node:` builtins).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { repoRoot } from "../../src/util/repo-root.js";
import { xpoBin } from "./cli.js";

const hooks = join(repoRoot, "test", "support", "module-log.mjs");

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
    const urls = readFileSync(log, "utf8").split("\n").filter(Boolean);
    const paths = [
      ...new Set(urls.map((url) => (url.startsWith("file:") ? fileURLToPath(url) : url))),
    ];
    return { ...result, paths, modules: [...new Set(urls.map(label))] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
