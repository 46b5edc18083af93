// Creating output folders and files (records, reports, transcripts) with errors a user can act
// on. `makeDirectory` replaces mkdirSync({ recursive: true }), which on Node 20 loops forever
// when a parent exists but refuses new entries (seen with --out /proc/x).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { isXpoError, XpoError } from "../model/errors.js";

// Create `path` and any missing parents; fine if it exists already.
export function makeDirectory(path: string, depth = 0): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    const parent = dirname(path);
    if (code === "ENOENT" && parent !== path && depth < 64) {
      makeDirectory(parent, depth + 1);
      try {
        mkdirSync(path);
        return;
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code === "EEXIST") return;
        throw outputError(path, again);
      }
    }
    throw outputError(path, error);
  }
}

// An fs error while writing output, as XPO_OUTPUT_UNWRITABLE naming the path.
export function outputError(path: string, error: unknown): XpoError {
  if (isXpoError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why = code ? `${code}: ${describeErrno(code)}` : String((error as Error).message ?? error);
  return new XpoError("XPO_OUTPUT_UNWRITABLE", `cannot write ${path} (${why})`, {
    file: path,
    cause: error,
  });
}

function describeErrno(code: string): string {
  switch (code) {
    case "ENOENT":
      return "the folder cannot be created there";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device";
    case "EISDIR":
      return "a folder is in the way";
    case "ENOTDIR":
      return "a file is in the way of a folder";
    case "EROFS":
      return "read-only file system";
    default:
      return "file system error";
  }
}
