// Recording wrapper: passes everything through and appends each chunk to a JSONL transcript.
// The transcript is created fresh (never written through a link or file already at its path)
// and every line is written whole.
import { closeSync } from "node:fs";
import { dirname } from "node:path";
import { openFresh, writeWhole } from "../util/fresh-file.js";
import { makeDirectory, outputError } from "../util/make-directory.js";
import { escapeBytes, type TranscriptEntry, type TranscriptHeader } from "./transcript.js";
import type { Transport } from "./types.js";

// Wrap a transport so every exchange lands in `file` (created or truncated now).
export function createRecordingTransport(inner: Transport, file: string): Transport {
  const started = Date.now();
  const header: TranscriptHeader = {
    type: "xpo-scpi-transcript",
    version: 1,
    resource: inner.description,
    startedAt: new Date(started).toISOString(),
  };
  makeDirectory(dirname(file));
  let fd: number | undefined = openFresh(file);
  const writeLine = (value: unknown) => {
    if (fd === undefined) return;
    try {
      writeWhole(fd, `${JSON.stringify(value)}\n`);
    } catch (error) {
      throw outputError(file, error);
    }
  };
  const closeFile = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  let closeListened = false;
  writeLine(header);
  const append = (dir: TranscriptEntry["dir"], bytes: Uint8Array) => {
    const entry: TranscriptEntry = {
      t: Date.now() - started,
      dir,
      data: Buffer.from(bytes).toString("base64"),
      text: escapeBytes(bytes),
    };
    writeLine(entry);
  };
  return {
    description: inner.description,
    get isOpen() {
      return inner.isOpen;
    },
    open: () => inner.open(),
    async write(data) {
      append("out", data);
      await inner.write(data);
    },
    onData(listener) {
      inner.onData((chunk) => {
        append("in", chunk);
        listener(chunk);
      });
    },
    onClose(listener) {
      closeListened = true;
      inner.onClose((error) => {
        append("close", new Uint8Array());
        closeFile();
        listener(error);
      });
    },
    async close() {
      await inner.close();
      // With a close listener, the file closes after its "close" line is written.
      if (!closeListened) closeFile();
    },
  };
}
