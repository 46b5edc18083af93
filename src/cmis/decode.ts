// The generic decoder: every place of every field of the memory map, read from an image.
// Nothing about a particular field is written here; the map says where and how.
import { type BankCount, banksToDecode, hex, readBankCount } from "./banks.js";
import { decodePlace, type FieldPlace, type FieldValue } from "./codec.js";
import { type CmisImage, describePage } from "./image.js";
import { type MemoryMap, pageName } from "./map.js";
import { allPlaces } from "./places.js";

export interface DecodedField {
  name: string;
  title: string;
  group: string;
  page: string;
  bank: number;
  offset: number;
  bits?: [number, number];
  lane?: number;
  app?: number;
  unit?: string;
  raw?: number | number[];
  /** The decoded value; null when the code has no value, undefined when the bytes are missing. */
  value?: FieldValue;
  text?: string;
  /** Set when the input does not hold the bytes (a page or bank not read). */
  missing?: string;
  source: string;
}

export interface DecodedMap {
  banks: BankCount;
  bankCount: number;
  fields: DecodedField[];
}

function decodeOne(place: FieldPlace, image: CmisImage, map: MemoryMap): DecodedField {
  const { spec } = place;
  const field: DecodedField = {
    name: spec.name,
    title: spec.title,
    group: spec.group,
    page: pageName(place.page),
    bank: place.bank,
    offset: place.offset,
    source: spec.source,
  };
  if (place.bits) field.bits = place.bits;
  if (place.lane !== undefined) field.lane = place.lane;
  if (place.app !== undefined) field.app = place.app;
  const unit = spec.codes ? map.codes[spec.codes]?.unit : spec.unit;
  if (unit) field.unit = unit;
  const decoded = decodePlace(place, (o) => image.byte(place.page, place.bank, o), map.codes);
  if (decoded === undefined) {
    field.missing = `${describePage(place.page, place.bank)} is not in the input`;
    return field;
  }
  field.raw = decoded.raw;
  field.value = decoded.value;
  if (decoded.text !== undefined) field.text = decoded.text;
  return field;
}

// Decode every field for every bank the module advertises (or the input holds).
export function decodeImage(image: CmisImage, map: MemoryMap): DecodedMap {
  const bankCount = banksToDecode(image, map);
  const fields = allPlaces(map, bankCount).map((place) => decodeOne(place, image, map));
  return { banks: readBankCount(image, map), bankCount, fields };
}

// Index decoded fields by name (repeated fields: all places, in lane or application order).
export function indexFields(decoded: DecodedMap): Map<string, DecodedField[]> {
  const byName = new Map<string, DecodedField[]>();
  for (const field of decoded.fields) {
    const list = byName.get(field.name);
    if (list) list.push(field);
    else byName.set(field.name, [field]);
  }
  return byName;
}

// "page 00h byte 201 = 0xFF" (bits and bank when they matter): the evidence of a verdict.
export function describeField(field: DecodedField): string {
  const page = Number.parseInt(field.page, 16);
  const where = `${describePage(page, field.bank)} byte ${field.offset}`;
  if (field.missing) return `${where}: missing`;
  const [hi, lo] = field.bits ?? [];
  const bits = hi === undefined ? "" : hi === lo ? ` bit ${hi}` : ` bits ${hi}-${lo}`;
  return `${where}${bits} = ${rawText(field)}`;
}

function rawText(field: DecodedField): string {
  const { raw } = field;
  if (Array.isArray(raw)) return raw.map((b) => hex(b).slice(2)).join(" ");
  if (typeof raw !== "number") return "?";
  if (field.bits) return String(raw);
  const wide = raw > 0xff || raw < 0;
  return wide ? `0x${(raw & 0xffff).toString(16).toUpperCase().padStart(4, "0")}` : hex(raw);
}
