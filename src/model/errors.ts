// One error class for "the harness could not do its job" (exit code 2, outcome `error`).
// Out-of-limit results are data (verdicts), never exceptions. Identify errors by `code`,
// never by `instanceof`: errors cross worker and process boundaries as plain objects.

import { escapeControl } from "./terminal-text.js";

/** Where an error points: a file position, or an instrument and the command sent to it. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  instrument?: string;
  command?: string;
  /** CMIS checks: the bytes read, e.g. "page 00h byte 201 = 0xFF". */
  memory?: string;
}

/** The catalogue of error codes; docs/errors.md is generated from it. */
export const errorCatalog = {
  XPO_USAGE: "The command line is wrong: see `npx xpo help <command>`.",
  XPO_FILE_NOT_FOUND: "Check the path; folders are searched for *.yaml, *.yml and *.json.",
  XPO_FILE_UNREADABLE: "Check the file's permissions and that it is a regular file.",
  XPO_FILE_TOO_LARGE: "A datasheet is a few kilobytes; split the file or remove embedded data.",
  XPO_NO_DATASHEETS: "Point the command at .yaml, .yml or .json datasheet files.",
  XPO_YAML_SYNTAX: "Fix the YAML syntax at the line shown.",
  XPO_JSON_SYNTAX: "Fix the JSON syntax at the line shown.",
  XPO_ENCODING:
    "Save the file as UTF-8 (a BOM is accepted), e.g. `iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml`.",
  XPO_NESTING_TOO_DEEP:
    "Flatten the document: mappings and lists nest at most 64 levels (a datasheet needs fewer than 10).",
  XPO_YAML_ALIAS_LIMIT: "Remove the aliases (*name): a datasheet needs none.",
  XPO_DATASHEET_INVALID:
    "Make the datasheet match schemas/datasheet.schema.json (see docs/datasheet.md).",
  XPO_FORBIDDEN_KEY: "Remove the key: it could alter object prototypes.",
  XPO_PROFILE_UNKNOWN: "Use one of the profiles listed, or a path to a profile folder.",
  XPO_PROFILE_INVALID: "Fix the profile's schema files (see docs/profiles.md).",
  XPO_RECORD_INVALID: "The run record is not a harness run record (run.jsonl).",
  XPO_OUTPUT_UNWRITABLE:
    "Choose an --out folder you can write to, with free space, and no file or folder in the way.",
  XPO_RESOURCE_INVALID:
    "Use TCPIP0::<host>::<port>::SOCKET, ASRL<device>::INSTR or REPLAY::<file>.",
  XPO_CONNECT_FAILED: "Check the instrument is powered, cabled and reachable at that address.",
  XPO_INSTRUMENT_TIMEOUT: "Check the command is a query the instrument knows; raise --timeout.",
  XPO_INSTRUMENT_DISCONNECTED: "The connection dropped: check cabling and the instrument's state.",
  XPO_INSTRUMENT_ERROR: "The instrument reported an error: see its SCPI code and text.",
  XPO_INSTRUMENT_PROTOCOL: "The reply did not parse as SCPI: check termination and baud settings.",
  XPO_REPLAY_MISMATCH: "The session differs from the recording: record it again.",
  XPO_STATION_INVALID: "Fix the station file (see docs/live.md#station-file).",
  XPO_IDENTITY_MISMATCH:
    "The instrument is not the one the station file names: fix the driver or address.",
  XPO_SAFETY_TRIP: "A safety interlock switched the supply off: see the recorded reason.",
  XPO_INTERRUPTED: "The run was interrupted; resume it with --resume <run.jsonl>.",
  XPO_CMIS_INPUT:
    "The CMIS memory dump could not be read: give a page folder, an ethtool hex dump, a linear image or `ethtool --json -m` output as docs/cmis.md describes.",
  XPO_INCOMPLETE:
    "The run did not finish (the record has no run-end): resume it with --resume <run.jsonl> or run it again.",
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export interface XpoErrorOptions extends ErrorLocation {
  /** What to do about it; defaults to the catalogue's remedy for the code. */
  remedy?: string;
  cause?: unknown;
  /** Several problems reported together (a station file, a datasheet, a preflight), each its own error. */
  problems?: readonly XpoError[];
}

/** An error the harness reports to a user: code, message, location and remedy. */
export class XpoError extends Error {
  readonly code: ErrorCode;
  readonly remedy: string;
  readonly location: ErrorLocation;
  /** The problems this error stands for when several were found at once; empty otherwise. */
  readonly problems: readonly XpoError[];

  constructor(code: ErrorCode, message: string, options: XpoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "XpoError";
    this.code = code;
    this.remedy = options.remedy ?? errorCatalog[code];
    const { remedy: _r, cause: _c, problems = [], ...location } = options;
    this.location = location;
    this.problems = problems;
  }
}

// Tell whether a value is an XpoError by its code, which survives serialisation.
export function isXpoError(value: unknown): value is XpoError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    (value as { code: string }).code in errorCatalog
  );
}

// The problems an error stands for: its list when it has one, else the error itself.
export function listProblems(error: XpoError): XpoError[] {
  return error.problems.length > 0 ? [...error.problems] : [error];
}

// Format a location as file:line:column or instrument "command".
export function formatLocation(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) {
    let where = location.file;
    if (location.line !== undefined) where += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined)
      where += `:${location.column}`;
    parts.push(where);
  }
  if (location.instrument !== undefined) parts.push(location.instrument);
  if (location.command !== undefined) parts.push(`command ${JSON.stringify(location.command)}`);
  if (location.memory !== undefined) parts.push(location.memory);
  return parts.join(" ");
}

// Render an error for a terminal: "where: message (CODE)\n  fix: remedy". Never a stack trace;
// control characters from input are escaped (escapeControl).
export function formatError(error: unknown): string {
  if (isXpoError(error)) {
    const where = escapeControl(formatLocation(error.location));
    const message = escapeControl(String(error.message));
    return `${where ? `${where}: ` : ""}${message} [${error.code}]\n  fix: ${escapeControl(String(error.remedy))}`;
  }
  const message = escapeControl(error instanceof Error ? error.message : String(error));
  return `internal error: ${message}\n  fix: this is a harness bug; please report it with the command you ran.`;
}
