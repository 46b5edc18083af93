// Read, parse, shape-check and limit-check one datasheet file. Input problems are thrown as
// XpoErrors (one or several); limit results are returned as verdicts.
import { dirname, isAbsolute, join } from "node:path";
import { evaluateDatasheet } from "../check/evaluate.js";
import { checkCmisInput } from "../cmis/check-module.js";
import { checkDatasheetShape } from "../datasheet/check-shape.js";
import { decodeDatasheetBytes, readDatasheetText } from "../datasheet/read-datasheet.js";
import { XpoError } from "../model/errors.js";
import { IDENTITY_KEYS, type SubjectIdentity } from "../model/subject-identity.js";
import type { Verdict } from "../model/verdict.js";
import type { Profile } from "../profile/load-profile.js";
import { parsePositioned } from "../util/positioned-source.js";

export interface FileCheck {
  identity: SubjectIdentity;
  verdicts: Verdict[];
}

// Pick identity strings from whatever the document holds, even when it is invalid.
export function readIdentity(data: unknown): SubjectIdentity {
  const raw = (data as { identity?: Record<string, unknown> } | null)?.identity;
  const identity: SubjectIdentity = {};
  if (typeof raw !== "object" || raw === null) return identity;
  for (const key of IDENTITY_KEYS) {
    const value = raw[key];
    if (typeof value === "string") identity[key] = value;
  }
  return identity;
}

// Check a datasheet given as text (the pure core; `file` only names it). With `cmis`, the
// module's memory dump at that path is checked against the CMIS limits and this datasheet too.
export function checkDatasheetText(
  file: string,
  text: string,
  profile: Profile,
  cmis?: string,
): FileCheck {
  const parsed = parsePositioned(file, text);
  const identity = readIdentity(parsed.data);
  const problems = checkDatasheetShape(parsed, text);
  if (problems.length > 0) throw datasheetProblems(problems);
  const verdicts = evaluateDatasheet(parsed, profile);
  const dump = cmis ?? namedCmisImage(parsed.data, file);
  if (dump !== undefined) verdicts.push(...checkCmisInput(dump, profile, parsed.data));
  return { identity, verdicts };
}

// The CMIS dump a datasheet names (management.cmisImage), as a path from the working directory.
function namedCmisImage(data: unknown, file: string): string | undefined {
  const named = (data as { management?: { cmisImage?: unknown } } | null)?.management?.cmisImage;
  if (typeof named !== "string") return undefined;
  return isAbsolute(named) ? named : join(dirname(file), named);
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

// Check one datasheet file against a profile (`bytes`: its content, when read already).
export function checkDatasheetFile(
  file: string,
  profile: Profile,
  cmis?: string,
  bytes?: Buffer,
): FileCheck {
  const text = bytes ? decodeDatasheetBytes(file, bytes) : readDatasheetText(file);
  return checkDatasheetText(file, text, profile, cmis);
}
