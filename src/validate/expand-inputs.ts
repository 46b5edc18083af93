// Turn the paths given on the command line into datasheet files: files as given, folders
// searched recursively for *.yaml, *.yml and *.json, in a stable order. Links are followed, to
// files and to folders; a folder is walked once by its real path (so a link back up the tree
// ends there). Nothing is skipped silently: a folder that cannot be listed and a broken link
// named like a datasheet are input errors of their own, and every other path is still checked.
// Any entry named like a datasheet that is not a folder is listed (a FIFO or a device too):
// reading it refuses what is not a regular file, with a clear error.
import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { XpoError } from "../model/errors.js";

const DATASHEET = /\.(ya?ml|json)$/i;

export interface ExpandedInputs {
  files: string[];
  /** Paths that could not be used: missing, or folders without datasheets. */
  errors: XpoError[];
}

/** What a walk collects: datasheet paths, the problems met, the real folders already walked. */
interface Walk {
  files: string[];
  errors: XpoError[];
  walked: Set<string>;
}

// An fs error's code and a few words, for messages.
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return `${code}: permission denied`;
  if (code === "ENOTDIR") return `${code}: a path component is not a folder`;
  return code ?? String((error as Error).message ?? error);
}

function listFolder(dir: string, walk: Walk): void {
  let entries: Dirent[];
  try {
    const real = realpathSync(dir);
    if (walk.walked.has(real)) return;
    walk.walked.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    walk.errors.push(
      new XpoError("XPO_FILE_UNREADABLE", `cannot list this folder (${describeFsError(error)})`, {
        file: dir,
        remedy: "Check the folder's permissions; the other inputs were still checked.",
      }),
    );
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (isFolder(entry, path, walk)) listFolder(path, walk);
    else if (DATASHEET.test(entry.name)) walk.files.push(path);
  }
}

// Whether an entry is a folder to walk, following a link; a broken link named like a datasheet
// is recorded as an error (other broken links are not datasheets by their name).
function isFolder(entry: Dirent, path: string, walk: Walk): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    if (DATASHEET.test(entry.name))
      walk.errors.push(
        new XpoError(
          "XPO_FILE_NOT_FOUND",
          `broken symbolic link: what it points to cannot be reached (${describeFsError(error)})`,
          {
            file: path,
            remedy: "Fix or remove the link; the other datasheets were still checked.",
          },
        ),
      );
    return false;
  }
}

// Expand files and folders into datasheet paths, relative to cwd where possible.
export function expandInputs(paths: readonly string[], cwd = process.cwd()): ExpandedInputs {
  const files: string[] = [];
  const errors: XpoError[] = [];
  const walked = new Set<string>();
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
      const walk: Walk = { files: [], errors: [], walked };
      const before = walked.size;
      listFolder(path, walk);
      // Walked already under another argument (`a a`, or `a/sub` after `a`): nothing new.
      if (walked.size === before && walk.errors.length === 0) continue;
      const found = walk.files;
      errors.push(...walk.errors);
      if (found.length === 0 && walk.errors.length === 0)
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
