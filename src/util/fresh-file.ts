// Output files (records, reports) are created fresh, never opened through what is already at
// their path: a link planted in --out (`run.jsonl -> /etc/passwd`) is replaced, never written
// through. A file is opened with exclusive create (O_CREAT|O_EXCL, which refuses any existing
// entry, a link included) after the old entry is unlinked (unlink removes a link, not what it
// points to); a whole file is written to a partial file beside it and renamed into place (rename
// replaces a link). Every write is whole: short writes are continued, and a write that makes no
// progress is an error, never a silently short file.
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { outputError } from "./make-directory.js";

/** Exclusive create, write only; O_NOFOLLOW and O_NONBLOCK where the platform has them. */
const FRESH_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Append to an existing file, never through a link, never blocking on a FIFO. */
const APPEND_FLAGS =
  constants.O_WRONLY |
  constants.O_APPEND |
  constants.O_CREAT |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0);

// Create `path` as a new, empty file and return its descriptor; whatever was at the path (a
// file, a link, a FIFO) is removed first, and what a link pointed to is left untouched.
export function openFresh(path: string): number {
  for (let attempt = 0; ; attempt++) {
    try {
      return openSync(path, FRESH_FLAGS, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 3)
        throw outputError(path, error);
    }
    try {
      // unlink removes a file or a link (never its target); a folder in the way is an error.
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw outputError(path, error);
    }
  }
}

// Open an existing record to add lines (resume): refused when the path is a link or not a
// regular file, so a planted link or FIFO is never written through or waited on.
export function openForAppend(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, APPEND_FLAGS, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP")
      throw outputError(
        path,
        new Error("it is a symbolic link; records are not written through links"),
      );
    throw outputError(path, error);
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw outputError(path, new Error("it is not a regular file"));
  }
  return fd;
}

// Write all of `data` at the descriptor's position (or at `position`), continuing short writes.
export function writeWhole(fd: number, data: string | Uint8Array, position?: number): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let done = 0;
  while (done < bytes.length) {
    const at = position === undefined ? null : position + done;
    const written = writeSync(fd, bytes, done, bytes.length - done, at);
    if (written <= 0) throw Object.assign(new Error("the write made no progress"), { code: "EIO" });
    done += written;
  }
}

// Cut a file back to `length` bytes after a failed write (best effort: the write error is what
// gets reported).
export function truncateTo(fd: number, length: number): void {
  try {
    ftruncateSync(fd, length);
  } catch {
    // The file may be gone or on a failing device; the caller is already reporting an error.
  }
}

// Write a whole file fresh: the parts go to `.<name>.partial` beside it, which is then renamed
// over `path`. A failed write removes the partial file and leaves what was at `path` alone.
export function writeFileFresh(path: string, parts: Iterable<string | Uint8Array>): void {
  const partial = join(dirname(path), `.${basename(path)}.partial`);
  const fd = openFresh(partial);
  try {
    try {
      for (const part of parts) writeWhole(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw outputError(path, error);
  }
}
