// The first, light pass of a merge over one record: its run-start (identity, profile, limits),
// the subjects it holds and whether it has a run-end. Only those lines are parsed: the verdict
// and readings lines (nearly all of a record) are skipped by their first bytes, as the record
// writer puts "type" first. A line that does not start that way is parsed to be sure. Errors in
// a record (bad JSON, a bad field) are left to the full read that follows, which names the line.
import { isXpoError, XpoError } from "../model/errors.js";
import type { RunEndLine, RunStartLine } from "../run/record.js";
import { forEachLine } from "../util/read-lines.js";
import { checkRecordLine } from "./record-schema.js";

export interface RecordScan {
  path: string;
  start: RunStartLine;
  end?: RunEndLine | undefined;
  /** Subjects by kind and name (subjectKey), each once per distinct subjectId. */
  subjects: { subjectId: string; kind: "datasheet" | "dut"; name: string }[];
}

const TYPE_PREFIX = '{"type":"';
const SKIPPED = [
  '{"type":"verdict"',
  '{"type":"readings"',
  '{"type":"event"',
  '{"type":"input-error"',
];

// Scan one record; throws XPO_RECORD_INVALID when its first line is not a run-start.
export async function scanRecord(path: string): Promise<RecordScan> {
  let start: RunStartLine | undefined;
  let end: RunEndLine | undefined;
  const subjects: RecordScan["subjects"] = [];
  const ids = new Set<string>();
  let lineNo = 0;

  const handle = (text: string): void => {
    lineNo += 1;
    if (text.startsWith(TYPE_PREFIX) && SKIPPED.some((p) => text.startsWith(p))) return;
    if (text.trim() === "") return;
    let line: { type?: unknown; subjectId?: unknown; kind?: unknown; name?: unknown };
    try {
      line = JSON.parse(text);
    } catch {
      return;
    }
    if (start === undefined) {
      checkRecordLine(line, path, lineNo);
      if (line.type !== "run-start")
        throw new XpoError("XPO_RECORD_INVALID", 'the first line must be "run-start"', {
          file: path,
          line: lineNo,
        });
      start = line as RunStartLine;
      return;
    }
    if (line.type === "run-end") end = line as RunEndLine;
    else if (line.type === "subject" && typeof line.subjectId === "string") {
      if (ids.has(line.subjectId)) return;
      ids.add(line.subjectId);
      const kind = line.kind === "dut" ? "dut" : "datasheet";
      subjects.push({ subjectId: line.subjectId, kind, name: String(line.name) });
    }
  };

  try {
    await forEachLine(path, handle);
  } catch (error) {
    if (isXpoError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new XpoError("XPO_FILE_UNREADABLE", `cannot read this run record (${code})`, {
      file: path,
    });
  }
  if (start === undefined)
    throw new XpoError("XPO_RECORD_INVALID", "the record is empty (no run-start line)", {
      file: path,
    });
  return { path, start, end, subjects };
}
