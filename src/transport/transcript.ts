// Transcript files: one JSON object per line. Line 1 is a header; each later line is one chunk
// of bytes with its direction and time, base64 so binary blocks round-trip exactly.
import { readFileSync } from "node:fs";
import { XpoError } from "../model/errors.js";

export interface TranscriptHeader {
  type: "xpo-scpi-transcript";
  version: 1;
  resource: string;
  startedAt: string;
}

export interface TranscriptEntry {
  /** Milliseconds since the header's startedAt. */
  t: number;
  /** out = harness to instrument, in = instrument to harness, close = link closed by the peer. */
  dir: "out" | "in" | "close";
  /** The bytes, base64 (empty for close). */
  data: string;
  /** Printable preview for people reading the file; ignored on replay. */
  text?: string;
}

export interface Transcript {
  file: string;
  header: TranscriptHeader;
  /** Entries with the line number they were read from. */
  entries: (TranscriptEntry & { line: number })[];
}

// Render bytes readably: printable ASCII as is, the rest as \n, \r or \xNN.
export function escapeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x5c) out += "\\\\";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out;
}

// Read and check a transcript file.
export function readTranscript(file: string): Transcript {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new XpoError("XPO_FILE_NOT_FOUND", `cannot read transcript ${file}`, {
      file,
      cause: error,
    });
  }
  const lines = text.split("\n");
  const bad = (line: number, why: string) =>
    new XpoError("XPO_REPLAY_MISMATCH", `transcript is malformed: ${why}`, {
      file,
      line,
      remedy: "Record the session again with --record <file>.",
    });
  let header: TranscriptHeader | undefined;
  const entries: Transcript["entries"] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw bad(index + 1, "a line is not JSON");
    }
    if (header === undefined) {
      const h = value as Partial<TranscriptHeader>;
      if (h.type !== "xpo-scpi-transcript" || h.version !== 1)
        throw bad(index + 1, "the first line is not an xpo-scpi-transcript v1 header");
      header = h as TranscriptHeader;
      return;
    }
    const e = value as Partial<TranscriptEntry>;
    if ((e.dir !== "out" && e.dir !== "in" && e.dir !== "close") || typeof e.data !== "string")
      throw bad(index + 1, "an entry needs dir (out|in|close) and data (base64)");
    entries.push({ t: Number(e.t ?? 0), dir: e.dir, data: e.data, line: index + 1 });
  });
  if (header === undefined) throw bad(1, "the file is empty");
  return { file, header, entries };
}
