// Walk a profile's area schemas and collect every limit: each subschema annotated with
// `x-limit`, with the instance path of its subject and, when it sits under if/then, the
// condition that makes it apply.

import { describeBound, readBound } from "../model/bound.js";
import { XpoError } from "../model/errors.js";
import type { Area, Confidence, LimitInfo, Severity } from "../model/limit.js";
import { toPointer } from "../util/json-pointer.js";

/** An instance path: property names, and "*" for every item of an array. */
export type PathPattern = string[];

export interface LimitCondition {
  schema: Record<string, unknown>;
  path: PathPattern;
  text: string;
}

export interface GuardBandSpec {
  absolute?: number;
  relative?: number;
}

/** What to write instead, when a failed limit's input holds one of `values` (x-limit "hints"). */
export interface LimitHint {
  /** Property path of the input, e.g. ["electrical", "laneRateGbps"]. */
  input: string[];
  values: unknown[];
  text: string;
}

export interface LimitDefinition {
  info: LimitInfo;
  hints?: LimitHint[];
  schema: Record<string, unknown>;
  path: PathPattern;
  condition?: LimitCondition;
  guardBand?: GuardBandSpec;
}

interface XLimit {
  id: string;
  title: string;
  source: string;
  confidence: Confidence;
  severity: Severity;
  note?: string;
  guardBand?: GuardBandSpec;
  hints?: { input: string; values: unknown[]; text: string }[];
}

const CONFIDENCES = new Set(["MSA-member", "standard", "press", "secondary", "assumed"]);
const SEVERITIES = new Set(["mandatory", "recommended", "informative"]);

type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkXLimit(raw: unknown, file: string, at: string): XLimit {
  const fail = (what: string) =>
    new XpoError("XPO_PROFILE_INVALID", `x-limit at ${at}: ${what}`, { file });
  if (!isNode(raw)) throw fail("must be an object");
  for (const key of ["id", "title", "source"] as const)
    if (typeof raw[key] !== "string" || raw[key] === "") throw fail(`needs a string "${key}"`);
  if (!CONFIDENCES.has(raw.confidence as string))
    throw fail(`confidence must be one of ${[...CONFIDENCES].join(", ")}`);
  if (!SEVERITIES.has(raw.severity as string))
    throw fail(`severity must be one of ${[...SEVERITIES].join(", ")}`);
  const hints = raw.hints ?? [];
  if (
    !Array.isArray(hints) ||
    !hints.every(
      (hint) =>
        isNode(hint) &&
        typeof hint.input === "string" &&
        hint.input.startsWith("/") &&
        Array.isArray(hint.values) &&
        typeof hint.text === "string",
    )
  )
    throw fail('"hints" must be a list of {input: "/json/pointer", values: [...], text}');
  return raw as unknown as XLimit;
}

// Collect the limits of one area schema; `file` names it in errors.
export function collectLimits(schema: unknown, area: Area, file: string): LimitDefinition[] {
  const limits: LimitDefinition[] = [];
  const walk = (node: unknown, path: PathPattern, condition: LimitCondition | undefined) => {
    if (!isNode(node)) return;
    if ("x-limit" in node) {
      const x = checkXLimit(node["x-limit"], file, toPointer(path));
      const unit = typeof node["x-unit"] === "string" ? node["x-unit"] : "";
      const bound = readBound(node);
      const info: LimitInfo = {
        id: x.id,
        area,
        title: x.title,
        boundText: describeBound(bound, unit),
        bound,
        unit,
        source: x.source,
        confidence: x.confidence,
        severity: x.severity,
        subject: toPointer(path),
      };
      if (x.note !== undefined) info.note = x.note;
      if (condition) info.appliesWhen = condition.text;
      const hints = (x.hints ?? []).map((hint) => ({
        input: hint.input.slice(1).split("/"),
        values: hint.values,
        text: hint.text,
      }));
      const definition: LimitDefinition = { info, hints, schema: node, path };
      if (condition) definition.condition = condition;
      if (x.guardBand) definition.guardBand = x.guardBand;
      limits.push(definition);
    }
    if (isNode(node.properties))
      for (const [key, sub] of Object.entries(node.properties))
        walk(sub, [...path, key], condition);
    if (isNode(node.items)) walk(node.items, [...path, "*"], condition);
    if (Array.isArray(node.allOf)) for (const sub of node.allOf) walk(sub, path, condition);
    if (isNode(node.if) && isNode(node.then)) {
      const text =
        typeof node["x-applies-when"] === "string"
          ? node["x-applies-when"]
          : JSON.stringify(node.if);
      walk(node.then, path, { schema: node.if, path, text });
    }
  };
  walk(schema, [], undefined);
  return limits;
}
