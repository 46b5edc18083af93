// Read a station file (YAML or JSON) and check it against schemas/station.schema.json. Every
// problem becomes an XpoError (XPO_STATION_INVALID) with file:line, and unknown instrument
// roles are named with the closest known role, before anything talks to an instrument.

import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { closest } from "fastest-levenshtein";
import { readDatasheetText } from "../datasheet/read-datasheet.js";
import type { StationFile } from "../generated/station.js";
import { XpoError } from "../model/errors.js";
import { schemasDir } from "../profile/load-profile.js";
import { loadValidators, type ValidatorUnit } from "../profile/validators.js";
import { fromPointer } from "../util/json-pointer.js";
import { type PositionedDocument, parsePositioned } from "../util/positioned-source.js";

export interface Station {
  file: string;
  /** Folder relative paths in the station file are resolved against. */
  dir: string;
  config: StationFile;
  /** The DUT datasheet, resolved (absolute), when the station names one. */
  datasheet?: string;
}

// One error standing for every problem of a station file, reported together.
function stationProblems(problems: XpoError[]): XpoError {
  return new XpoError("XPO_STATION_INVALID", problems.map((p) => p.message).join("; "), {
    ...(problems[0]?.location ?? {}),
    problems,
  });
}

let validator: ValidateFunction | undefined;

// The station schema as a validator unit (precompiled for the bundled schema: no ajv compile
// before a live run's first command).
export function stationUnit(): ValidatorUnit {
  const schema = JSON.parse(readFileSync(join(schemasDir, "station.schema.json"), "utf8"));
  return {
    options: { verbose: true },
    entries: [{ key: "station", schema, label: "station.schema.json" }],
  };
}

function getValidator(): ValidateFunction {
  validator ??= loadValidators(stationUnit()).validators.station;
  if (!validator) throw new Error("internal error: no station validator");
  return validator;
}

// Turn one ajv error into a message with a position.
function describeError(error: ErrorObject, parsed: PositionedDocument): XpoError {
  const path = fromPointer(error.instancePath);
  const where = error.instancePath || "/";
  let message: string;
  let at = parsed.locate(path);
  if (error.keyword === "additionalProperties") {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
    const suggestion = known.length ? closest(key, known) : undefined;
    const what = error.instancePath === "/instruments" ? "instrument role" : "key";
    message = `unknown ${what} "${key}" in ${where}${suggestion ? `; did you mean "${suggestion}"?` : ""} (known: ${known.join(", ")})`;
    at = parsed.locateKey(path, key);
  } else if (error.keyword === "required") {
    const key = (error.params as { missingProperty: string }).missingProperty;
    message = `missing required key "${key}" in ${where}`;
  } else {
    message = `${where} ${error.message ?? "is invalid"}`;
  }
  return new XpoError("XPO_STATION_INVALID", message, { file: parsed.file, ...(at ?? {}) });
}

// Load and check a station file; throws XPO_STATION_INVALID listing every problem found.
export function loadStation(file: string): Station {
  // Same reader as datasheets: regular files only (a FIFO cannot hang the run), a size limit,
  // and the encoding checked (UTF-8, BOM allowed; UTF-16, bad UTF-8 and NUL bytes refused).
  const parsed = parsePositioned(file, readDatasheetText(file));
  const validate = getValidator();
  if (!validate(parsed.data)) {
    const problems = (validate.errors ?? []).map((error) => describeError(error, parsed));
    throw stationProblems(problems);
  }
  const config = parsed.data as StationFile;
  const shared = [...findSharedResources(config, parsed), ...sharedSupply(config, parsed)];
  if (shared.length > 0) throw stationProblems(shared);
  const dir = dirname(resolve(file));
  const station: Station = { file, dir, config };
  if (config.dut?.datasheet !== undefined)
    station.datasheet = resolveFrom(dir, config.dut.datasheet);
  return station;
}

// A supply in a shared-resource group: refused (two runs can never drive one supply).
function sharedSupply(config: StationFile, parsed: PositionedDocument): XpoError[] {
  if (config.instruments.supply.sharedGroup === undefined) return [];
  const at = parsed.locate(["instruments", "supply", "sharedGroup"]);
  return [
    new XpoError(
      "XPO_STATION_INVALID",
      `instruments.supply is in shared group "${config.instruments.supply.sharedGroup}": a supply is never shared between DUT positions`,
      {
        file: parsed.file,
        ...(at ?? {}),
        remedy: "Give each position its own supply; share only a chiller, a BERT or a meter.",
      },
    ),
  ];
}

// One resource string in a comparable form (TCPIP0:: and TCPIP:: are the same board).
function normaliseResource(resource: string): string {
  return resource
    .trim()
    .toUpperCase()
    .replace(/^TCPIP\d*::/, "TCPIP::");
}

// Two roles on one resource: refused (an error of one role's queue would be blamed on the
// other's command, and two sessions would interleave on one instrument).
function findSharedResources(config: StationFile, parsed: PositionedDocument): XpoError[] {
  const byResource = new Map<string, string>();
  const problems: XpoError[] = [];
  for (const [role, instrument] of Object.entries(config.instruments)) {
    if (instrument === undefined) continue;
    const key = normaliseResource(instrument.resource);
    const other = byResource.get(key);
    if (other === undefined) {
      byResource.set(key, role);
      continue;
    }
    const at = parsed.locate(["instruments", role, "resource"]);
    problems.push(
      new XpoError(
        "XPO_STATION_INVALID",
        `instruments.${role} and instruments.${other} name the same resource ${instrument.resource}: one instrument cannot play two roles here`,
        {
          file: parsed.file,
          ...(at ?? {}),
          remedy:
            role === "powermeter" || other === "powermeter"
              ? "Leave out the powermeter role: power is then read from the supply."
              : "Give each role its own instrument (resource).",
        },
      ),
    );
  }
  return problems;
}

// Resolve a path written in the station file against the station file's folder.
export function resolveFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}

// A path for messages and records: relative to the working directory when inside it.
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
