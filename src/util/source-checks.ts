// Checks on datasheet and station text before and after parsing: encoding (UTF-8 only, a BOM
// accepted; UTF-16, invalid UTF-8 and NUL bytes refused with a position), nesting depth (a
// limit far above any datasheet, so no parser runs out of stack), and the position of a JSON
// syntax error when V8 gives none.
import { XpoError } from "../model/errors.js";

/** Deepest nesting of mappings and lists accepted; a datasheet needs fewer than 10. */
export const MAX_NESTING = 64;

export interface Position {
  line: number;
  column: number;
}

// Line and column (1-based) of an offset in a text.
export function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// Decode file bytes as UTF-8: a BOM is dropped, UTF-16/32 and invalid UTF-8 are XPO_ENCODING.
export function decodeSourceBytes(file: string, bytes: Uint8Array): string {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "UTF-16 LE"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "UTF-16 BE"
        : undefined;
  if (utf16)
    throw new XpoError("XPO_ENCODING", `the file is ${utf16} (it starts with a ${utf16} BOM)`, {
      file,
    });
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const before = new TextDecoder().decode(body.subarray(0, bad));
    throw new XpoError(
      "XPO_ENCODING",
      `invalid UTF-8 (byte 0x${(body[bad] ?? 0).toString(16).padStart(2, "0")} at offset ${bad + start})`,
      { file, ...positionOf(before, before.length) },
    );
  }
}

// Offset of the first byte that does not start or continue a valid UTF-8 sequence.
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    if (length === 0) return at;
    const sequence = bytes.subarray(at, at + length);
    if (sequence.length < length) return at;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sequence);
    } catch {
      return at;
    }
    at += length;
  }
  return at;
}

// Refuse text a parser would misread: NUL bytes (a binary or UTF-16 file). A BOM is dropped.
export function checkSourceText(file: string, text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = body.indexOf("\0");
  if (nul !== -1)
    throw new XpoError("XPO_ENCODING", "the text contains a NUL byte (a binary or UTF-16 file?)", {
      file,
      ...positionOf(body, nul),
    });
  return body;
}

// The path to the first mapping or list nested deeper than `max`, without recursion.
export function findTooDeep(data: unknown, max = MAX_NESTING): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= max) return path;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

// Offset of the first `[` or `{` (outside quotes and comments) opening level max + 1.
export function findDeepBracket(text: string, max = MAX_NESTING): number | undefined {
  let depth = 0;
  let quote = "";
  for (let at = 0; at < text.length; at++) {
    const ch = text[at];
    if (quote) {
      if (ch === "\\" && quote === '"') at++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#" && (at === 0 || /\s/.test(text[at - 1] ?? ""))) {
      const end = text.indexOf("\n", at);
      at = end === -1 ? text.length : end;
    } else if (ch === "[" || ch === "{") {
      depth++;
      if (depth > max) return at;
    } else if (ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

// The error for a document nested deeper than MAX_NESTING.
export function nestingError(file: string, at: Position | undefined): XpoError {
  return new XpoError(
    "XPO_NESTING_TOO_DEEP",
    `nested more than ${MAX_NESTING} levels deep (a datasheet needs fewer than 10)`,
    { file, ...at },
  );
}
