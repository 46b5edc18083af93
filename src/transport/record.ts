// Recording wrapper: passes everything through and appends each chunk to a JSONL transcript.
import { appendFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
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
  try {
    writeFileSync(file, `${JSON.stringify(header)}\n`);
  } catch (error) {
    throw outputError(file, error);
  }
  const append = (dir: TranscriptEntry["dir"], bytes: Uint8Array) => {
    const entry: TranscriptEntry = {
      t: Date.now() - started,
      dir,
      data: Buffer.from(bytes).toString("base64"),
      text: escapeBytes(bytes),
    };
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
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
      inner.onClose((error) => {
        append("close", new Uint8Array());
        listener(error);
      });
    },
    close: () => inner.close(),
  };
}
