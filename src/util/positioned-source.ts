// Parse a datasheet (YAML or JSON text) into data plus a way to find the source position of
// any value, for evidence (file:line:column). Parse problems become XpoErrors with a position.
import { isMap, isScalar, LineCounter, parseDocument, visit } from "yaml";
import { XpoError } from "../model/errors.js";
import { fastParse } from "./fast-parse.js";

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
/** Keys that could alter object prototypes when a document becomes objects. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function jsonSyntaxError(file: string, text: string, error: Error): XpoError {
  // V8 says "... in JSON at position 123 (line 4 column 5)" or only "at position 123".
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  const position = /position (\d+)/.exec(error.message);
  let line: number | undefined;
  let column: number | undefined;
  if (lineColumn) {
    line = Number(lineColumn[1]);
    column = Number(lineColumn[2]);
  } else if (position) {
    const before = text.slice(0, Number(position[1]));
    line = before.split("\n").length;
    column = before.length - before.lastIndexOf("\n");
  }
  const message = error.message
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ at position \d+/, "");
  const options: { file: string; line?: number; column?: number } = { file };
  if (line !== undefined) options.line = line;
  if (column !== undefined) options.column = column;
  return new XpoError("XPO_JSON_SYNTAX", `malformed JSON: ${message}`, options);
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

// Parse datasheet text; `file` is used for messages and decides JSON (.json) or YAML.
// Plain datasheets take the fast path (fast-parse.ts); anything it is unsure about, and every
// error, goes through the `yaml` package (parseWithYaml), as do positions it cannot find.
export function parsePositioned(file: string, text: string): PositionedDocument {
  if (file.toLowerCase().endsWith(".json")) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw jsonSyntaxError(file, text, error as Error);
    }
  }
  const fast = fastParse(text);
  if (!fast) return parseWithYaml(file, text);
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const at = position(firstError.pos[0]);
    const message = firstError.message.split("\n")[0] ?? firstError.message;
    throw new XpoError("XPO_YAML_SYNTAX", `malformed YAML: ${message}`, { file, ...at });
  }

  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        const at = pair.key.range ? position(pair.key.range[0]) : {};
        throw new XpoError("XPO_FORBIDDEN_KEY", `key "${String(pair.key.value)}" is not allowed`, {
          file,
          ...at,
        });
      }
    },
  });

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias/i.test(message))
      throw new XpoError("XPO_YAML_ALIAS_LIMIT", `too many YAML aliases (${message})`, { file });
    throw new XpoError("XPO_YAML_SYNTAX", `cannot read YAML: ${message}`, { file });
  }

  const locate = (path: readonly (string | number)[]): SourcePosition | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return position(range[0]);
    }
    return undefined;
  };
  const locateKey = (path: readonly (string | number)[], key: string) => {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(parent)) {
      for (const item of parent.items) {
        if (isScalar(item.key) && item.key.value === key && item.key.range)
          return position(item.key.range[0]);
      }
    }
    return locate(path);
  };
  return { file, data, locate, locateKey };
}
