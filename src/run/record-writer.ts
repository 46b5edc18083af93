// Append-only writer of run records (JSONL). Lines are buffered and written with a
// synchronous write on flush(), so what was flushed survives a crash or SIGKILL. Validate runs
// flush once per datasheet; live runs flush after every line. A new record is created fresh
// (never through a link or file already at its path, see util/fresh-file.ts); every flush is
// written whole or fails loudly (XPO_OUTPUT_UNWRITABLE), cut back to its last whole line.
import { closeSync, fstatSync } from "node:fs";
import { dirname } from "node:path";
import { openForAppend, openFresh, truncateTo, writeWhole } from "../util/fresh-file.js";
import { makeDirectory, outputError } from "../util/make-directory.js";
import type { RecordLine } from "./record.js";

/** Buffered bytes that force a flush even before the caller asks for one. */
const FLUSH_THRESHOLD = 256 * 1024;

export class RecordWriter {
  readonly path: string;
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;
  /** The write error that cut the record short; every later flush throws it again. */
  private failure: unknown;

  // Open a record file: a new one replaces whatever is at the path; `append` adds to an
  // existing record (resume), never through a link.
  constructor(path: string, options: { append?: boolean } = {}) {
    this.path = path;
    makeDirectory(dirname(path));
    this.fd = options.append ? openForAppend(path) : openFresh(path);
  }

  // Queue one line; it reaches the file at the next flush().
  append(line: RecordLine): void {
    const text = `${JSON.stringify(line)}\n`;
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_THRESHOLD) this.flush();
  }

  // Write queued lines to the file.
  flush(): void {
    if (this.failure !== undefined) throw this.failure;
    const fd = this.fd;
    if (fd === undefined || this.buffer.length === 0) return;
    let before = 0;
    try {
      before = fstatSync(fd).size;
      writeWhole(fd, this.buffer.join(""));
    } catch (error) {
      // A torn write (file-size limit, full disk) leaves no partial line behind; later lines
      // are refused, so a record that lost a line never goes on as if it were whole.
      truncateTo(fd, before);
      this.fd = undefined;
      closeSync(fd);
      this.failure = outputError(this.path, error);
      throw this.failure;
    }
    this.buffer = [];
    this.buffered = 0;
  }

  // Flush and close; later appends are ignored (after a failed write, flush throws).
  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
