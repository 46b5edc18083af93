// Append-only writer of run records (JSONL). Lines are buffered and written with a
// synchronous write on flush(), so what was flushed survives a crash or SIGKILL. Validate runs
// flush once per datasheet; live runs flush after every line.
import { closeSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { makeDirectory, outputError } from "../util/make-directory.js";
import type { RecordLine } from "./record.js";

/** Buffered bytes that force a flush even before the caller asks for one. */
const FLUSH_THRESHOLD = 256 * 1024;

export class RecordWriter {
  readonly path: string;
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;

  // Open (create or append to) a record file; `append` keeps existing lines (resume).
  constructor(path: string, options: { append?: boolean } = {}) {
    this.path = path;
    makeDirectory(dirname(path));
    try {
      this.fd = openSync(path, options.append ? "a" : "w");
    } catch (error) {
      throw outputError(path, error);
    }
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
    if (this.fd === undefined || this.buffer.length === 0) return;
    try {
      writeSync(this.fd, this.buffer.join(""));
    } catch (error) {
      throw outputError(this.path, error);
    }
    this.buffer = [];
    this.buffered = 0;
  }

  // Flush and close; later appends are ignored.
  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
