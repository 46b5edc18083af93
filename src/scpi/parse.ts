// Pure parsers for IEEE 488.2 / SCPI response data. Each returns a value or throws an
// XPO_INSTRUMENT_PROTOCOL XpoError without a location (the session, which knows the instrument
// and the command, rethrows it as "reply did not parse: ...").
import { XpoError } from "../model/errors.js";

// Make the error a parser throws for text that is not the response data it expected.
function createParseError(message: string): XpoError {
  return new XpoError("XPO_INSTRUMENT_PROTOCOL", message);
}

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// Parse NR1/NR2/NR3 (NRf); 9.91E37 is NaN, +-9.9E37 is +-Infinity (by magnitude, not spelling).
// #H, #Q and #B non-decimal numbers are accepted too.
export function parseNumber(text: string): number {
  const t = text.trim();
  const nondecimal = /^#([HQB])([0-9A-Fa-f]+)$/.exec(t);
  if (nondecimal) {
    const radix = nondecimal[1] === "H" ? 16 : nondecimal[1] === "Q" ? 8 : 2;
    const digits = nondecimal[2] ?? "";
    const valid = { 16: /^[0-9A-Fa-f]+$/, 8: /^[0-7]+$/, 2: /^[01]+$/ }[radix];
    if (valid?.test(digits)) return Number.parseInt(digits, radix);
    throw createParseError(`"${t}" is not a valid #${nondecimal[1]} number`);
  }
  if (/^[+-]?(INF|INFINITY)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?NAN$/i.test(t)) return Number.NaN;
  if (!numberPattern.test(t)) throw createParseError(`"${t}" is not a number`);
  const value = Number(t);
  const magnitude = Math.abs(value);
  if (magnitude >= 9.905e37 && magnitude <= 9.915e37 && value > 0) return Number.NaN;
  if (magnitude > 9e37) return value > 0 ? Infinity : -Infinity;
  return value;
}

// Parse a boolean: 1/0, ON/OFF (also YES/NO, TRUE/FALSE as some firmware sends).
export function parseBool(text: string): boolean {
  const t = text.trim().toUpperCase();
  if (t === "1" || t === "ON" || t === "YES" || t === "TRUE") return true;
  if (t === "0" || t === "OFF" || t === "NO" || t === "FALSE") return false;
  if (numberPattern.test(t)) return Number(t) !== 0;
  throw createParseError(`"${text.trim()}" is not a boolean (1/0/ON/OFF)`);
}

// Parse a quoted string ("..." or '...', the quote doubled inside); bare text is returned as is.
export function parseString(text: string): string {
  const t = text.trim();
  const q = t[0];
  if (q !== '"' && q !== "'") return t;
  if (t.length < 2 || t[t.length - 1] !== q) throw createParseError(`unterminated string ${t}`);
  const body = t.slice(1, -1);
  if (body.replaceAll(q + q, "").includes(q))
    throw createParseError(`string ${t} has an undoubled quote inside`);
  return body.replaceAll(q + q, q);
}

// Split text on a separator outside quoted strings and definite blocks.
export function splitOutside(text: string, separator: "," | ";"): string[] {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length) {
        if (text[i] === c) {
          if (text[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i++;
      continue;
    }
    if (c === "#" && /[1-9]/.test(text[i + 1] ?? "")) {
      const n = Number(text[i + 1]);
      const len = Number(text.slice(i + 2, i + 2 + n));
      if (Number.isInteger(len)) {
        i += 2 + n + len;
        continue;
      }
    }
    if (c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  parts.push(text.slice(start));
  return parts;
}

// Split a compound reply (`*IDN?;*OPC?` -> two replies).
export function splitResponses(text: string): string[] {
  return splitOutside(text, ";");
}

// Split a list reply on commas (strings and blocks kept whole).
export function splitList(text: string): string[] {
  if (text.trim() === "") return [];
  return splitOutside(text, ",").map((s) => s.trim());
}

// The headers of a program message's units (`SOUR:VOLT 48;MEAS:VOLT?` -> SOUR:VOLT, MEAS:VOLT?),
// split outside quoted strings and blocks.
export function listHeaders(message: string): string[] {
  return splitOutside(message, ";")
    .map((unit) => unit.trim().split(/\s/)[0] ?? "")
    .filter((header) => header !== "");
}

// Whether a program message expects a reply: one of its units has a header ending in `?`
// (by the SCPI grammar: a `?` inside a quoted string or a block does not count).
export function isQueryMessage(message: string): boolean {
  if (!message.includes("?")) return false;
  return listHeaders(message).some((header) => header.endsWith("?"));
}

export interface Identity {
  vendor: string;
  model: string;
  serial: string;
  firmware: string;
}

// Parse a *IDN? reply into its four fields (the firmware field may contain commas).
export function parseIdentity(text: string): Identity {
  const fields = text.trim().split(",");
  if (fields.length < 4)
    throw createParseError(`*IDN? reply "${text.trim()}" has ${fields.length} fields, not 4`);
  const [vendor = "", model = "", serial = "", ...rest] = fields.map((f) => f.trim());
  return { vendor, model, serial, firmware: rest.join(",") };
}

export interface ErrorEntry {
  code: number;
  message: string;
  /** Device-dependent information after the first `;` in the quoted text. */
  info?: string;
}

// Parse a SYST:ERR? reply `<code>,"<message>[;<info>]"` (split on the first comma only).
export function parseErrorEntry(text: string): ErrorEntry {
  const t = text.trim();
  const comma = t.indexOf(",");
  const codeText = comma < 0 ? t : t.slice(0, comma);
  if (!/^[+-]?\d+$/.test(codeText.trim()))
    throw createParseError(`SYST:ERR? reply "${t}" does not start with an error code`);
  const code = Number(codeText);
  const rest = comma < 0 ? "" : t.slice(comma + 1).trim();
  const full = rest.startsWith('"') ? parseString(rest) : rest;
  const semi = full.indexOf(";");
  if (semi < 0) return { code, message: full };
  return { code, message: full.slice(0, semi), info: full.slice(semi + 1) };
}

// Where a complete response message ends in `buffer`: the index just past its terminator
// (LF, definite blocks skipped by length), or -1 when it is not complete yet. A `"` or `'` at the
// start of a data element opens a string: a `#` and digits inside it are text, not a block
// header. An LF ends the message even inside a string (a string never holds one on the wire).
// A vendor dialect that ends its replies with CR alone passes `end` 0x0d.
export function findMessageEnd(buffer: Uint8Array, end = 0x0a): number {
  let i = 0;
  let atElementStart = true;
  let quote = 0;
  while (i < buffer.length) {
    const b = buffer[i] as number;
    if (b === end) return i + 1;
    if (quote !== 0) {
      if (b === quote) {
        if (i + 1 >= buffer.length) return -1;
        if (buffer[i + 1] === quote) i++;
        else quote = 0;
      }
      i++;
      continue;
    }
    if (atElementStart && (b === 0x22 || b === 0x27)) {
      quote = b;
      atElementStart = false;
      i++;
      continue;
    }
    if (b === 0x23 && atElementStart) {
      const d = buffer[i + 1];
      if (d !== undefined && d >= 0x31 && d <= 0x39) {
        const n = d - 0x30;
        if (i + 2 + n > buffer.length) return -1;
        const lenText = Buffer.from(buffer.subarray(i + 2, i + 2 + n)).toString("latin1");
        if (/^\d+$/.test(lenText)) {
          const end = i + 2 + n + Number(lenText);
          if (end > buffer.length) return -1;
          i = end;
          atElementStart = false;
          continue;
        }
      }
    }
    atElementStart = b === 0x2c || b === 0x3b || b === 0x20;
    i++;
  }
  return -1;
}

// Strip one trailing LF then one optional CR.
export function stripTerminator(bytes: Buffer): Buffer {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}

// Read a definite block `#<n><len><bytes>` from the start of a reply; returns the payload.
export function parseBlock(bytes: Buffer): Buffer {
  if (bytes[0] !== 0x23) throw createParseError("reply is not a block (no leading #)");
  const d = bytes[1];
  if (d === 0x30) return bytes.subarray(2);
  if (d === undefined || d < 0x31 || d > 0x39)
    throw createParseError("reply starts with # but no block length digit follows");
  const n = d - 0x30;
  const lenText = bytes.subarray(2, 2 + n).toString("latin1");
  if (!/^\d+$/.test(lenText) || lenText.length !== n)
    throw createParseError(`block header "#${n}${lenText}" has a bad length`);
  const len = Number(lenText);
  if (2 + n + len > bytes.length)
    throw createParseError(`block announces ${len} bytes but only ${bytes.length - 2 - n} came`);
  return bytes.subarray(2 + n, 2 + n + len);
}
