// Read, parse, shape-check and limit-check one datasheet file. Input problems are thrown as
// XpoErrors (one or several); limit results are returned as verdicts.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { evaluateDatasheet, type Verdict } from "../check/evaluate.js";
import { checkDatasheetShape } from "../datasheet/check-shape.js";
import { XpoError } from "../model/errors.js";
import type { SubjectIdentity } from "../model/subject-identity.js";
import type { Profile } from "../profile/load-profile.js";
import { parseDatasheet } from "../util/positioned-source.js";

/** Largest datasheet accepted: real ones are a few kilobytes. */
export const MAX_DATASHEET_BYTES = 1024 * 1024;

export interface FileCheck {
  identity: SubjectIdentity;
  verdicts: Verdict[];
}

// Read a datasheet file with a size limit, so a 50 MB file is refused before it is parsed.
export function readDatasheetText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new XpoError("XPO_FILE_NOT_FOUND", "no such file", { file });
    throw new XpoError("XPO_FILE_UNREADABLE", `cannot open the file (${code ?? "error"})`, {
      file,
    });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new XpoError("XPO_FILE_UNREADABLE", "not a regular file", { file });
    if (stats.size > MAX_DATASHEET_BYTES)
      throw new XpoError(
        "XPO_FILE_TOO_LARGE",
        `the file is ${(stats.size / 1e6).toFixed(1)} MB; a datasheet may be at most ${MAX_DATASHEET_BYTES / 1024} KiB`,
        { file },
      );
    return readFileSync(fd, "utf8");
  } catch (error) {
    if (error instanceof XpoError) throw error;
    throw new XpoError("XPO_FILE_UNREADABLE", `cannot read the file: ${(error as Error).message}`, {
      file,
    });
  } finally {
    closeSync(fd);
  }
}

// Pick identity strings from whatever the document holds, even when it is invalid.
export function readIdentity(data: unknown): SubjectIdentity {
  const raw = (data as { identity?: Record<string, unknown> } | null)?.identity;
  const identity: SubjectIdentity = {};
  if (typeof raw !== "object" || raw === null) return identity;
  for (const key of [
    "vendor",
    "partNumber",
    "hardwareRevision",
    "firmwareRevision",
    "opticsVariant",
  ] as const) {
    const value = raw[key];
    if (typeof value === "string") identity[key] = value;
  }
  return identity;
}

// Check a datasheet given as text (the pure core; `file` only names it).
export function checkDatasheetText(file: string, text: string, profile: Profile): FileCheck {
  const parsed = parseDatasheet(file, text);
  const identity = readIdentity(parsed.data);
  const problems = checkDatasheetShape(parsed);
  if (problems.length > 0) throw datasheetProblems(problems);
  return { identity, verdicts: evaluateDatasheet(parsed, profile) };
}

// One error standing for every shape problem of a datasheet (XPO_DATASHEET_INVALID).
function datasheetProblems(problems: XpoError[]): XpoError {
  const first = problems[0];
  return new XpoError(
    first?.code ?? "XPO_DATASHEET_INVALID",
    first?.message ?? "invalid datasheet",
    {
      ...(first?.location ?? {}),
      problems,
    },
  );
}

// Check one datasheet file against a profile.
export function checkDatasheetFile(file: string, profile: Profile): FileCheck {
  return checkDatasheetText(file, readDatasheetText(file), profile);
}
