// What every CMIS check reads: the decoded fields by name, the image, the map with its
// profile values, the datasheet (when one is given) and the limits' bounds. A check returns
// the value its limit judges, with the bytes it read as evidence.
import type { Bound } from "../model/limit.js";
import type { DecodedField, DecodedMap } from "./decode.js";
import { describeField } from "./decode.js";
import type { CmisImage } from "./image.js";
import type { MemoryMap } from "./map.js";

/** One check's result: a value to judge, not applicable (and why), or could not check. */
export type CheckValue =
  | { kind: "value"; judged: unknown; observed?: unknown; reason?: string; evidence: string }
  | { kind: "not-applicable"; reason: string; evidence?: string }
  | { kind: "error"; reason: string; evidence?: string };

export interface CheckContext {
  image: CmisImage;
  map: MemoryMap;
  decoded: DecodedMap;
  byName: Map<string, DecodedField[]>;
  /** The datasheet document, when the module is checked against one. */
  datasheet: Record<string, unknown> | undefined;
  bound(id: string): Bound;
}

export type Check = (ctx: CheckContext) => CheckValue;

export const value = (
  judged: unknown,
  evidence: string,
  extra: { observed?: unknown; reason?: string } = {},
): CheckValue => ({ kind: "value", judged, evidence, ...extra });

export const notApplicable = (reason: string): CheckValue => ({ kind: "not-applicable", reason });

// The first place of a field, or an error value naming what is missing.
export function field(ctx: CheckContext, name: string): DecodedField | CheckValue {
  const found = ctx.byName.get(name)?.[0];
  if (!found) return { kind: "error", reason: `the memory map has no field ${name}` };
  if (found.missing !== undefined)
    return {
      kind: "error",
      reason: `${found.title}: ${found.missing}`,
      evidence: describeField(found),
    };
  return found;
}

export function isCheckValue(x: DecodedField | CheckValue): x is CheckValue {
  return "kind" in x;
}

// A value at a path of the datasheet (property names), or undefined.
export function datasheetAt(ctx: CheckContext, ...path: string[]): unknown {
  let node: unknown = ctx.datasheet;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export const NO_DATASHEET = "no datasheet given (xpo validate DATASHEET --cmis INPUT)";
