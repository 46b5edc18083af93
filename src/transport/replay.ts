// Replay transport: plays a recorded transcript back. Each write must equal the next recorded
// "out" chunk; the recorded "in" chunks that followed it are then delivered.
import { XpoError } from "../model/errors.js";
import { escapeBytes, readTranscript, type Transcript } from "./transcript.js";
import type { CloseListener, DataListener, Transport } from "./types.js";

// Create a transport that replays `file` (a transcript written by the recording wrapper).
export function createReplayTransport(file: string, description = `REPLAY::${file}`): Transport {
  const transcript: Transcript = readTranscript(file);
  let index = 0;
  let open = false;
  let onData: DataListener = () => {};
  let onClose: CloseListener = () => {};

  // Deliver recorded replies up to the next recorded write.
  function deliver(): void {
    while (index < transcript.entries.length) {
      const entry = transcript.entries[index];
      if (entry === undefined || entry.dir === "out") return;
      index++;
      if (entry.dir === "in") onData(Buffer.from(entry.data, "base64"));
      else {
        open = false;
        onClose(new Error("connection closed by the instrument (recorded)"));
        return;
      }
    }
  }

  return {
    description,
    get isOpen() {
      return open;
    },
    async open() {
      open = true;
      setImmediate(deliver);
    },
    async write(data) {
      const sent = escapeBytes(data);
      const entry = transcript.entries[index];
      if (entry === undefined || entry.dir !== "out") {
        throw new XpoError(
          "XPO_REPLAY_MISMATCH",
          `the recording has no more commands (${transcript.file} ends) but the session sent "${sent}"`,
          {
            file: transcript.file,
            instrument: transcript.header.resource,
            command: sent.replace(/\\n$/, ""),
          },
        );
      }
      const expected = Buffer.from(entry.data, "base64");
      if (!expected.equals(Buffer.from(data))) {
        throw new XpoError(
          "XPO_REPLAY_MISMATCH",
          `expected "${escapeBytes(expected)}" (recorded at line ${entry.line}) but the session sent "${sent}"`,
          {
            file: transcript.file,
            line: entry.line,
            instrument: transcript.header.resource,
            command: sent.replace(/\\n$/, ""),
          },
        );
      }
      index++;
      setImmediate(deliver);
    },
    onData(listener) {
      onData = listener;
    },
    onClose(listener) {
      onClose = listener;
    },
    async close() {
      open = false;
    },
  };
}
