// Turn the paths given on the command line into datasheet files: files as given, folders
// searched recursively for *.yaml, *.yml and *.json, in a stable order.
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { XpoError } from "../model/errors.js";

const DATASHEET = /\.(ya?ml|json)$/i;

export interface ExpandedInputs {
  files: string[];
  /** Paths that could not be used: missing, or folders without datasheets. */
  errors: XpoError[];
}

function listFolder(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFolder(path, out);
    else if (entry.isFile() && DATASHEET.test(entry.name)) out.push(path);
  }
}

// Expand files and folders into datasheet paths, relative to cwd where possible.
export function expandInputs(paths: readonly string[], cwd = process.cwd()): ExpandedInputs {
  const files: string[] = [];
  const errors: XpoError[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const shown = relative(cwd, resolve(cwd, file)) || file;
    if (!seen.has(shown)) {
      seen.add(shown);
      files.push(shown.startsWith("..") ? file : shown);
    }
  };
  for (const path of paths) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch {
      errors.push(new XpoError("XPO_FILE_NOT_FOUND", "no such file or folder", { file: path }));
      continue;
    }
    if (stats.isDirectory()) {
      const found: string[] = [];
      listFolder(path, found);
      if (found.length === 0)
        errors.push(
          new XpoError(
            "XPO_NO_DATASHEETS",
            "this folder holds no .yaml, .yml or .json datasheets",
            {
              file: path,
            },
          ),
        );
      for (const file of found) add(file);
    } else {
      add(path);
    }
  }
  return { files, errors };
}
