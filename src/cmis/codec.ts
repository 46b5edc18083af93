// Read and write one field of the memory map at one place (page, bank, byte, bits) by its
// encoding: u8/u16/s16 big-endian, F16 as CMIS defines it, bit fields, code tables, ASCII
// space-padded, hex bytes, revision nibbles, major.minor versions. Values are raw x scale + add.
import { XpoError } from "../model/errors.js";
import type { CodeTable, FieldSpec } from "./map.js";

/** One field at one place: a map field expanded for a bank and a lane or application. */
export interface FieldPlace {
  spec: FieldSpec;
  page: number;
  bank: number;
  offset: number;
  /** Bit range inside the byte at `offset` (hi, lo), when the field is a bit field. */
  bits?: [number, number];
  /** 1-based lane (1-64) or application number for repeated fields. */
  lane?: number;
  app?: number;
}

export type FieldValue = number | string | boolean | null;

export interface Decoded {
  /** The raw number (bit field, code, integer) or bytes for strings. */
  raw: number | number[];
  value: FieldValue;
  /** The code's name, or the text a person reads. */
  text?: string;
}

type ReadByte = (offset: number) => number | undefined;

// Bytes a field spans at its place.
export function fieldLength(spec: FieldSpec): number {
  if (spec.length !== undefined) return spec.length;
  return spec.encoding === "u16" || spec.encoding === "s16" || spec.encoding === "f16" ? 2 : 1;
}

// Numbers without binary noise (0.0001 x 33000 is 3.3, not 3.3000000000000003).
export const tidy = (value: number): number => Number(value.toPrecision(12));

function bitMask([hi, lo]: [number, number]): number {
  return ((1 << (hi - lo + 1)) - 1) << lo;
}

// The F16 number of CMIS: mantissa (bits 10-0) x 10^(exponent (bits 15-11) - 24).
export function decodeF16(raw: number): number {
  return tidy((raw & 0x7ff) * 10 ** ((raw >> 11) - 24));
}

export function encodeF16(value: number): number {
  for (let exponent = 0; exponent < 32; exponent++) {
    const mantissa = Math.round(value / 10 ** (exponent - 24));
    if (mantissa <= 0x7ff) return (exponent << 11) | mantissa;
  }
  return 0xffff;
}

function readNumber(place: FieldPlace, read: ReadByte): number | undefined {
  const { spec } = place;
  const high = read(place.offset);
  if (high === undefined) return undefined;
  if (fieldLength(spec) === 2) {
    const low = read(place.offset + 1);
    if (low === undefined) return undefined;
    const word = (high << 8) | low;
    return spec.encoding === "s16" && word & 0x8000 ? word - 0x10000 : word;
  }
  if (!place.bits) return high;
  return (high & bitMask(place.bits)) >> place.bits[1];
}

function codeValue(raw: number, table: CodeTable): Decoded {
  const name = table.codes[String(raw)];
  const text = name ?? `reserved (${raw})`;
  if (table.values) return { raw, value: table.values[String(raw)] ?? null, text };
  return { raw, value: raw, text };
}

// Decode a field at its place; undefined when a byte it needs is not in the input.
export function decodePlace(
  place: FieldPlace,
  read: ReadByte,
  codes: Record<string, CodeTable>,
): Decoded | undefined {
  const { spec } = place;
  const length = fieldLength(spec);
  if (spec.encoding === "ascii" || spec.encoding === "hex" || spec.encoding === "version") {
    const bytes: number[] = [];
    for (let i = 0; i < length; i++) {
      const b = read(place.offset + i);
      if (b === undefined) return undefined;
      bytes.push(b);
    }
    if (spec.encoding === "ascii") {
      const value = String.fromCharCode(...bytes).replace(/[\s\0]+$/, "");
      return { raw: bytes, value };
    }
    if (spec.encoding === "hex")
      return { raw: bytes, value: bytes.map((b) => b.toString(16).padStart(2, "0")).join("") };
    return { raw: bytes, value: bytes.join(".") };
  }
  const raw = readNumber(place, read);
  if (raw === undefined) return undefined;
  switch (spec.encoding) {
    case "bool":
      return { raw, value: raw !== 0 };
    case "code":
      return codeValue(raw, codes[spec.codes ?? ""] ?? { source: "", codes: {} });
    case "revision":
      return { raw, value: tidy((raw >> 4) + (raw & 0xf) / 10), text: `${raw >> 4}.${raw & 0xf}` };
    case "f16":
      return { raw, value: tidy(decodeF16(raw) * (spec.scale ?? 1) + (spec.add ?? 0)) };
    default:
      return { raw, value: tidy(raw * (spec.scale ?? 1) + (spec.add ?? 0)) };
  }
}

// The raw number a value encodes to (inverse of scale/add, code names, revision nibbles).
function rawOf(spec: FieldSpec, value: FieldValue, codes: Record<string, CodeTable>): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && spec.encoding === "code") {
    const table = codes[spec.codes ?? ""];
    const entry = Object.entries(table?.codes ?? {}).find(([, name]) => name === value);
    return entry ? Number(entry[0]) : 0;
  }
  const number = Number(value);
  if (spec.encoding === "revision")
    return (Math.floor(number) << 4) | Math.round((number % 1) * 10);
  if (spec.encoding === "f16") return encodeF16((number - (spec.add ?? 0)) / (spec.scale ?? 1));
  if (spec.encoding === "code") {
    const values = codes[spec.codes ?? ""]?.values;
    const entry = values && Object.entries(values).find(([, v]) => v === number);
    if (entry) return Number(entry[0]);
    return number;
  }
  return Math.round((number - (spec.add ?? 0)) / (spec.scale ?? 1));
}

// A value that does not fit its field is refused, never wrapped (480 W must not become 135 W).
// The raw integers a place can hold (its bits, or its bytes; s16 is signed).
function rawRange(place: FieldPlace): { low: number; high: number } {
  const width = place.bits ? place.bits[0] - place.bits[1] + 1 : fieldLength(place.spec) * 8;
  const signed = place.spec.encoding === "s16";
  return signed
    ? { low: -(2 ** (width - 1)), high: 2 ** (width - 1) - 1 }
    : { low: 0, high: 2 ** width - 1 };
}

// A scaled number (u8, u16, s16) brought inside what the place can hold, the way a module's
// monitor saturates at its full scale (the simulator feeds monitors from its physics).
export function clampToPlace(place: FieldPlace, value: number): number {
  const { spec } = place;
  if (!["u8", "u16", "s16"].includes(spec.encoding)) return value;
  const { low, high } = rawRange(place);
  const scale = spec.scale ?? 1;
  const add = spec.add ?? 0;
  return Math.min(high * scale + add, Math.max(low * scale + add, value));
}

function checkFits(place: FieldPlace, value: FieldValue, raw: number): void {
  const { spec } = place;
  const { low, high } = rawRange(place);
  if (Number.isInteger(raw) && raw >= low && raw <= high) return;
  throw new XpoError(
    "XPO_CMIS_INPUT",
    `${String(value)}${spec.unit ? ` ${spec.unit}` : ""} does not fit ${spec.title} (raw ${low}..${high})`,
    {
      remedy: "Give a value the field can hold (see its encoding in schemas/cmis/memory-map.json).",
    },
  );
}

// The bytes (offset, value) that write `value` at a place; bit fields keep the byte's other bits.
export function encodePlace(
  place: FieldPlace,
  value: FieldValue,
  current: ReadByte,
  codes: Record<string, CodeTable>,
): [number, number][] {
  const { spec } = place;
  const length = fieldLength(spec);
  if (spec.encoding === "ascii") {
    const text = String(value ?? "").padEnd(length, " ");
    return [...Array(length).keys()].map((i) => [place.offset + i, text.charCodeAt(i) & 0x7f]);
  }
  if (spec.encoding === "hex") {
    const hex = String(value ?? "")
      .replace(/[^0-9a-fA-F]/g, "")
      .padStart(length * 2, "0");
    return [...Array(length).keys()].map((i) => [
      place.offset + i,
      Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16),
    ]);
  }
  if (spec.encoding === "version") {
    const parts = String(value ?? "")
      .split(".")
      .map(Number);
    return [...Array(length).keys()].map((i) => [place.offset + i, (parts[i] ?? 0) & 0xff]);
  }
  const raw = rawOf(spec, value, codes);
  checkFits(place, value, raw);
  if (length === 2) {
    const word = raw < 0 ? raw + 0x10000 : raw;
    return [
      [place.offset, (word >> 8) & 0xff],
      [place.offset + 1, word & 0xff],
    ];
  }
  if (!place.bits) return [[place.offset, raw & 0xff]];
  const mask = bitMask(place.bits);
  const old = current(place.offset) ?? 0;
  return [[place.offset, (old & ~mask) | ((raw << place.bits[1]) & mask)]];
}
