// Fast path of parsePositioned: js-yaml (about 8x faster than the `yaml` package here) with its
// `listener` hook recording where every node starts, so evidence keeps file:line:column.
// It only answers for plain, well-formed datasheets; whenever it is unsure (a syntax error, a
// duplicate key, an alias, a forbidden key, an unknown tag, several documents, ...) it returns
// undefined and parse.ts uses the `yaml` package, which owns every error message. Scalars are
// resolved exactly as the `yaml` package's YAML 1.2 core schema does (no timestamps, no
// underscores, no 0b), so both paths give the same data: see parse.test.ts.
import { FAILSAFE_SCHEMA, type LoaderState, load, Type, types } from "js-yaml";

// YAML 1.2 core schema numbers, with the same patterns as yaml/dist/schema/core/{int,float}.js.
const intType = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data) =>
    typeof data === "string" &&
    (/^[-+]?[0-9]+$/.test(data) || /^0o[0-7]+$/.test(data) || /^0x[0-9a-fA-F]+$/.test(data)),
  construct: (data) => {
    const text = data as string;
    if (text.startsWith("0o")) return Number.parseInt(text.slice(2), 8);
    if (text.startsWith("0x")) return Number.parseInt(text.slice(2), 16);
    return Number.parseInt(text, 10);
  },
});
const floatType = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data) =>
    typeof data === "string" &&
    (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(data) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(data) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(data)),
  construct: (data) => {
    const text = data as string;
    if (/nan$/i.test(text)) return Number.NaN;
    if (/inf$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
    return Number.parseFloat(text);
  },
});
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [types.null, types.bool, intType, floatType],
});

/** Keys that could alter object prototypes when a document becomes objects. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

interface Frame {
  start: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

export interface FastParse {
  data: unknown;
  /** Start offset of the node at a path or of its nearest parent; undefined when unsure. */
  offsetOf(path: readonly (string | number)[]): number | undefined;
  /** Start offset of a mapping key; undefined when unsure or absent. */
  keyOffsetOf(path: readonly (string | number)[], key: string): number | undefined;
}

// A tree (no object reachable twice, so no aliases to collections) with no forbidden key.
function isPlainTree(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainTree(item, seen)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    if (!isPlainTree((value as Record<string, unknown>)[key], seen)) return false;
  }
  return true;
}

// Skip separation space, comments and node properties (&anchor, !tag) to the content.
function contentStart(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const ch = text.charCodeAt(at);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) at++;
    else if (ch === 0x23 /* # */) {
      while (at < text.length && text.charCodeAt(at) !== 0x0a) at++;
    } else if (ch === 0x26 /* & */ || ch === 0x21 /* ! */) {
      while (at < text.length && !/[\s]/.test(text[at] ?? " ")) at++;
    } else return at;
  }
}

// The frame that holds a node's content: a node read while js-yaml tried a block mapping key
// (a scalar, or a flow collection as a sequence item) is recorded as a frame wrapping the try.
function unwrap(frame: Frame): Frame {
  let current = frame;
  while (current.children.length === 1 && current.children[0]?.result === current.result)
    current = current.children[0] as Frame;
  return current;
}

type Step = { frame: Frame; keyFrame?: Frame } | "absent" | "unsure";

function child(frame: Frame, part: string | number): Step {
  const node = unwrap(frame);
  const result = node.result;
  if (node.kind === "sequence" && Array.isArray(result)) {
    if (typeof part !== "number" || part >= result.length) return "absent";
    if (node.children.length !== result.length) return "unsure";
    const item = node.children[part] as Frame;
    return item.result === result[part] ? { frame: item } : "unsure";
  }
  if (node.kind === "mapping" && typeof result === "object" && result !== null) {
    const key = String(part);
    if (!Object.hasOwn(result, key)) return "absent";
    const value = (result as Record<string, unknown>)[key];
    const i = indexKeys(node).get(key);
    if (i === undefined) return "unsure";
    const valueFrame = node.children[i + 1] as Frame;
    return valueFrame.result === value
      ? { frame: valueFrame, keyFrame: node.children[i] as Frame }
      : "unsure";
  }
  return "absent";
}

/** Key name -> index of its key frame, per mapping frame, built on first use. */
const keyIndexes = new WeakMap<Frame, Map<string, number>>();

// Index a mapping frame's keys once, so finding a key is O(1) and reporting every unknown key
// of a mapping with 100,000 of them stays linear (it was a scan per key: quadratic).
function indexKeys(node: Frame): Map<string, number> {
  let index = keyIndexes.get(node);
  if (!index) {
    index = new Map();
    for (let i = 0; i + 1 < node.children.length; i += 2) {
      const key = String((node.children[i] as Frame).result);
      if (!index.has(key)) index.set(key, i);
    }
    keyIndexes.set(node, index);
  }
  return index;
}

// Every mapping is a run of key/value frames with scalar keys that the `yaml` package would
// name the same way (not null, not a collection), and every sequence one frame per item.
function isSimpleTree(frame: Frame): boolean {
  const node = unwrap(frame);
  const { result, children } = node;
  if (node.kind === "sequence") {
    if (!Array.isArray(result) || children.length !== result.length) return false;
    return children.every(isSimpleTree);
  }
  if (node.kind === "mapping") {
    if (typeof result !== "object" || result === null) return false;
    if (children.length !== 2 * Object.keys(result).length) return false;
    for (let i = 0; i < children.length; i += 2) {
      const key = unwrap(children[i] as Frame).result;
      if (typeof key !== "string" && typeof key !== "number" && typeof key !== "boolean")
        return false;
      if (!isSimpleTree(children[i + 1] as Frame)) return false;
    }
    return true;
  }
  return typeof result !== "object" || result === null;
}

export function fastParse(text: string): FastParse | undefined {
  const stack: Frame[] = [];
  const roots: Frame[] = [];
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE_SCHEMA,
      json: false,
      listener(event: "open" | "close", state: LoaderState) {
        if (event === "open") {
          stack.push({ start: state.position, kind: null, result: null, children: [] });
          return;
        }
        const frame = stack.pop() as Frame;
        frame.kind = state.kind;
        frame.result = state.result;
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(frame);
        else roots.push(frame);
      },
    });
  } catch {
    return undefined;
  }
  if (roots.length !== 1 || !isPlainTree(data, new Set())) return undefined;
  const root = roots[0] as Frame;
  // A datasheet is a mapping; anything else is left to the `yaml` package and its messages.
  if (unwrap(root).kind !== "mapping" || root.result !== data || !isSimpleTree(root))
    return undefined;

  const offsetOf = (path: readonly (string | number)[]): number | undefined => {
    let frame = root;
    for (const part of path) {
      const step = child(frame, part);
      if (step === "unsure") return undefined;
      if (step === "absent") break;
      frame = step.frame;
    }
    return contentStart(text, unwrap(frame).start);
  };
  const keyOffsetOf = (path: readonly (string | number)[], key: string): number | undefined => {
    let frame = root;
    for (const part of path) {
      const step = child(frame, part);
      if (step === "unsure" || step === "absent") return undefined;
      frame = step.frame;
    }
    const step = child(frame, key);
    if (step === "unsure" || step === "absent" || !step.keyFrame) return undefined;
    return contentStart(text, unwrap(step.keyFrame).start);
  };
  return { data, offsetOf, keyOffsetOf };
}
