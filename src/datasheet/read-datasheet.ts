// Read a datasheet (or station) file as text, refusing what is not a small regular file. The
// file is opened non-blocking, so a FIFO (or a device) named as a datasheet is refused at once
// instead of waiting forever for a writer.
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { isXpoError, XpoError } from "../model/errors.js";
import { decodeSourceBytes } from "../util/source-checks.js";

/** Read only, never blocking (a FIFO with no writer), never becoming our terminal. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Largest datasheet accepted: real ones are a few kilobytes. */
export const MAX_DATASHEET_BYTES = 1024 * 1024;

// Read a datasheet file with a size limit, so a 50 MB file is refused before it is parsed.
export function readDatasheetText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new XpoError("XPO_FILE_NOT_FOUND", "no such file", { file });
    throw new XpoError("XPO_FILE_UNREADABLE", `cannot open the file (${code ?? "error"})`, {
      file,
    });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      throw new XpoError("XPO_FILE_UNREADABLE", `${describeKind(stats)}, not a regular file`, {
        file,
        remedy: "Name a datasheet file: pipes, devices and sockets are not read.",
      });
    if (stats.size > MAX_DATASHEET_BYTES)
      throw new XpoError(
        "XPO_FILE_TOO_LARGE",
        `the file is ${(stats.size / 1e6).toFixed(1)} MB; a datasheet may be at most ${MAX_DATASHEET_BYTES / 1024} KiB`,
        { file },
      );
    return decodeSourceBytes(file, readFileSync(fd));
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    closeSync(fd);
  }
}

// A datasheet's text from bytes read already (a regular file within the size limit), with the
// errors readDatasheetText gives for the same bytes.
export function decodeDatasheetBytes(file: string, bytes: Buffer): string {
  try {
    return decodeSourceBytes(file, bytes);
  } catch (error) {
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): XpoError {
  if (isXpoError(error)) return error;
  return new XpoError("XPO_FILE_UNREADABLE", `cannot read the file: ${(error as Error).message}`, {
    file,
  });
}

// What a non-regular file is, for the error message.
function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isDirectory()) return "a folder";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "a special file";
}
