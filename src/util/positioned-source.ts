// Parse a datasheet (YAML or JSON text) into data plus a way to find the source position of
// any value, for evidence (file:line:column). Parse problems become XpoErrors with a position.
import { isXpoError, XpoError } from "../model/errors.js";
import { type FastParse, fastParse } from "./fast-parse.js";
import { findJsonProblem } from "./json-scan.js";
import {
  checkSourceText,
  findDeepBracket,
  findTooDeep,
  nestingError,
  positionOf,
} from "./source-checks.js";
import { yamlLib } from "./yaml-lib.js";
import { checkYamlKeys, createYamlLocators } from "./yaml-locate.js";

export interface SourcePosition {
  line: number;
  column: number;
}

export interface PositionedDocument {
  file: string;
  data: unknown;
  /** Position of the value at a path (property names and array indexes), or of its nearest parent. */
  locate(path: readonly (string | number)[]): SourcePosition | undefined;
  /** Position of the key of a mapping entry, for "unknown key" messages. */
  locateKey(path: readonly (string | number)[], key: string): SourcePosition | undefined;
}

/** Aliases a datasheet may use before it is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 100;
// V8 says "... in JSON at position 123 (line 4 column 5)", "at position 123", or no position at
// all ("Unexpected token '.', "..." is not valid JSON"): then findJsonProblem finds it.
function jsonSyntaxError(file: string, text: string, error: Error): XpoError {
  const position = /position (\d+)/.exec(error.message);
  const found = position ? undefined : findJsonProblem(text);
  let offset = position ? Number(position[1]) : found?.offset;
  let message = found
    ? found.message
    : error.message
        .replace(/\s*\(line \d+ column \d+\)/, "")
        .replace(/ (in|after) JSON at position \d+/, " $1 JSON")
        .replace(
          /^Unexpected non-whitespace character after JSON$/,
          "unexpected text after the JSON value: a datasheet is one JSON object",
        )
        .replace(/, ".*" is not valid JSON$/s, "");
  const known = offset === undefined ? undefined : explainJsonProblem(text, offset);
  if (known) ({ message, offset } = known);
  const at = offset === undefined ? {} : positionOf(text, offset);
  return new XpoError("XPO_JSON_SYNTAX", `malformed JSON: ${message}`, { file, ...at });
}

// The JSON habits V8 words poorly: comments, a trailing comma, single quotes.
function explainJsonProblem(
  text: string,
  offset: number,
): { message: string; offset: number } | undefined {
  const here = text.slice(offset, offset + 2);
  if (here === "//" || here === "/*")
    return { message: "JSON allows no comments (// or /* */): remove it", offset };
  if (here.startsWith("'"))
    return { message: "JSON strings and keys take double quotes, not single quotes", offset };
  if (here.startsWith("}") || here.startsWith("]")) {
    const before = text.slice(0, offset).trimEnd();
    if (before.endsWith(","))
      return {
        message: `trailing comma before "${here[0]}": JSON allows none, remove the comma`,
        offset: before.length - 1,
      };
  }
  return undefined;
}

// Line and column (1-based) of offsets, by binary search over the line starts.
function lineIndex(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  };
}

// js-yaml, or undefined when it is unsure or runs out of stack (the `yaml` package then decides).
function tryFastParse(text: string): FastParse | undefined {
  try {
    return fastParse(text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

// Parse datasheet text; `file` is used for messages and decides JSON (.json) or YAML.
// Plain datasheets take the fast path (fast-parse.ts); anything it is unsure about, and every
// error, goes through the `yaml` package (parseWithYaml), as do positions it cannot find.
export function parsePositioned(file: string, given: string): PositionedDocument {
  const text = checkSourceText(file, given);
  if (file.toLowerCase().endsWith(".json")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw jsonSyntaxError(file, text, error as Error);
    }
    if (findTooDeep(json)) throw deepTextError(file, text, undefined);
  }
  const fast = tryFastParse(text);
  // Too deep for a datasheet: the `yaml` package's path says so with a position.
  if (!fast || findTooDeep(fast.data)) return parseWithYaml(file, text);
  let slow: PositionedDocument | undefined;
  let position: ((offset: number) => SourcePosition) | undefined;
  const at = (offset: number) => {
    position ??= lineIndex(text);
    return position(offset);
  };
  return {
    file,
    data: fast.data,
    locate(path) {
      const offset = fast.offsetOf(path);
      if (offset !== undefined) return at(offset);
      slow ??= parseWithYaml(file, text);
      return slow.locate(path);
    },
    locateKey(path, key) {
      const offset = fast.keyOffsetOf(path, key);
      if (offset !== undefined) return at(offset);
      slow ??= parseWithYaml(file, text);
      return slow.locateKey(path, key);
    },
  };
}

// The reference parser: the `yaml` package, with source positions and all error messages.
export function parseWithYaml(file: string, text: string): PositionedDocument {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  // uniqueKeys is off: checkYamlKeys finds duplicates in linear time.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const at = position(firstError.pos[0]);
    const message = firstError.message.split("\n")[0] ?? firstError.message;
    if (/call stack/i.test(message)) throw deepTextError(file, text, at);
    throw new XpoError("XPO_YAML_SYNTAX", `malformed YAML: ${message}`, { file, ...at });
  }
  let data: unknown;
  try {
    checkYamlKeys(doc, file, position);
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (isXpoError(error)) throw error;
    if (error instanceof RangeError) throw deepTextError(file, text, undefined);
    const message = (error as Error).message;
    if (/alias/i.test(message))
      throw new XpoError("XPO_YAML_ALIAS_LIMIT", `too many YAML aliases (${message})`, { file });
    throw new XpoError("XPO_YAML_SYNTAX", `cannot read YAML: ${message}`, { file });
  }
  const { locate, locateKey } = createYamlLocators(doc, position);
  const deep = findTooDeep(data);
  if (deep) throw nestingError(file, locate(deep));
  return { file, data, locate, locateKey };
}

// A parser ran out of stack: the nesting error, at the first too-deep bracket when there is one.
function deepTextError(file: string, text: string, fallback: SourcePosition | undefined): XpoError {
  const offset = findDeepBracket(text);
  return nestingError(file, offset === undefined ? fallback : positionOf(text, offset));
}
