// Pack the harness as `npm pack` does and install the tarball into an empty folder the way npm
// lays it out (node_modules/xpo-msa-harness, node_modules/.bin/xpo), offline: the package is the
// tarball's own content; its runtime dependencies are linked from this repository's
// node_modules (npm's offline mode would need them in its cache, which a clean machine lacks).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "../../src/util/repo-root.js";

// `npm pack` into `destination` (scripts off: the build is npm test's first step); the tarball.
export function packHarness(destination: string): string {
  const output = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", destination],
    { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const [packed] = JSON.parse(output) as { filename: string }[];
  if (!packed) throw new Error("npm pack wrote no tarball");
  return join(destination, packed.filename);
}

// Install a packed tarball into `dir` (an empty folder with a package.json).
export function installTarball(tarball: string, dir: string): void {
  const target = join(dir, "node_modules", "xpo-msa-harness");
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
  const manifest = JSON.parse(readFileSync(join(target, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    bin?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const link = join(dir, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, "node_modules", name), link);
  }
  mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
  for (const [name, file] of Object.entries(manifest.bin ?? {}))
    symlinkSync(join("..", "xpo-msa-harness", file), join(dir, "node_modules", ".bin", name));
}
