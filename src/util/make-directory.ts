// Creating output folders and files (records, reports, transcripts) with errors a user can act
// on. `makeDirectory` replaces mkdirSync({ recursive: true }), which on Node 20 loops forever
// when a parent exists but refuses new entries (seen with --out /proc/x). An existing folder
// that is a symbolic link is followed only when the link belongs to the user running xpo or to
// root, so a link another user planted (`out -> /etc`) never sends a root run's outputs there.
import { lstatSync, mkdirSync, readlinkSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isXpoError, XpoError } from "../model/errors.js";

// Create `path` and any missing parents; fine if it exists already.
export function makeDirectory(path: string, depth = 0): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      checkFolderLink(path);
      return;
    }
    const parent = dirname(path);
    if (code === "ENOENT" && parent !== path && depth < 64) {
      makeDirectory(parent, depth + 1);
      try {
        mkdirSync(path);
        return;
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code === "EEXIST") {
          checkFolderLink(path);
          return;
        }
        throw outputError(path, again);
      }
    }
    throw outputError(path, error);
  }
}

// Refuse an existing output folder that is a link owned by someone other than root or the user
// running xpo (the rule Linux applies to links in shared folders, fs.protected_symlinks).
function checkFolderLink(path: string): void {
  const uid = process.getuid?.();
  if (uid === undefined) return;
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(path);
  } catch {
    return; // gone again: the next step reports it
  }
  if (!stats.isSymbolicLink() || stats.uid === uid || stats.uid === 0) return;
  const target = resolve(dirname(path), readlinkSync(path));
  throw new XpoError(
    "XPO_OUTPUT_UNWRITABLE",
    `cannot write into ${path}: it is a symbolic link to ${target} owned by uid ${stats.uid}, not by you (uid ${uid}) or root; outputs are not written through another user's link`,
    {
      file: path,
      remedy: `Name the folder itself (--out ${target}) if you mean it, or another --out folder.`,
    },
  );
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
    case "EFBIG":
      return "the file-size limit was reached (ulimit -f)";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EIO":
      return "input/output error";
    default:
      return "file system error";
  }
}
