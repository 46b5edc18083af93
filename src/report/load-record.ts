// Read a run record (run.jsonl) line by line into a RunModel, without holding the file text.
// A malformed line is XPO_RECORD_INVALID naming file:line, except the very last line: a process
// killed while writing leaves a truncated last line, which is skipped and noted as a warning.
import { statSync } from "node:fs";
import { XpoError } from "../model/errors.js";
import { forEachLine } from "../util/read-lines.js";
import { checkRecordLine } from "./record-schema.js";
import { type RunModel, RunModelBuilder } from "./run-model.js";

// Load a run record from disk.
export async function loadRecord(path: string): Promise<RunModel> {
  checkReadable(path);
  const builder = new RunModelBuilder(path);
  let lineNo = 0;
  // A line that failed to parse; fatal unless it turns out to be the last line.
  let pending: { lineNo: number; error: unknown } | undefined;
  let whole = 0;

  const handle = (text: string): void => {
    lineNo += 1;
    if (pending) throw invalidLine(path, pending.lineNo, pending.error);
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      pending = { lineNo, error };
      return;
    }
    checkRecordLine(value, path, lineNo);
    builder.add(value, lineNo);
    whole += 1;
  };

  const unterminated = await forEachLine(path, handle);
  if (pending && whole === 0) throw tornRecord(path, pending.lineNo, unterminated);
  if (pending) {
    const how = unterminated ? " (no newline at the end: the writer was stopped mid-line)" : "";
    builder.warn(`${path}:${pending.lineNo}: skipped a truncated last line${how}`);
  }
  return builder.finish();
}

function checkReadable(path: string): void {
  try {
    const info = statSync(path);
    if (!info.isFile()) {
      throw new XpoError("XPO_RECORD_INVALID", "the record path is not a file", { file: path });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new XpoError("XPO_FILE_NOT_FOUND", "no such run record", {
        file: path,
        remedy: "Pass the run.jsonl written by `xpo validate` or `xpo run` (in its --out folder).",
      });
    }
    throw error;
  }
}

// A record whose only line is cut off: say so, not "the record is empty".
function tornRecord(path: string, line: number, unterminated: boolean): XpoError {
  const how = unterminated ? " (no newline at the end: the writer was stopped mid-line)" : "";
  return new XpoError(
    "XPO_RECORD_INVALID",
    `torn record: its only line is cut off${how}, so there is nothing whole to render`,
    {
      file: path,
      line,
      remedy:
        "The run that wrote it stopped while writing its first line: run it again (there is nothing to resume).",
    },
  );
}

function invalidLine(path: string, line: number, error: unknown): XpoError {
  const detail = error instanceof Error ? error.message : String(error);
  return new XpoError("XPO_RECORD_INVALID", `line is not valid JSON (${detail})`, {
    file: path,
    line,
  });
}
