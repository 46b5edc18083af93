// How many banks a module says it has. BanksSupported (01h:142 bits 1-0) codes 0/1/2 mean
// 1/2/4 banks; code 3 is read by the profile: as 8 banks (one public reading) or as an escape
// to a count at a profile-given byte (the other). Both are accepted until the profile picks.

import type { CmisImage } from "./image.js";
import { describePage } from "./image.js";
import type { BankReading, MemoryMap } from "./map.js";
import { pageNumber } from "./map.js";

export interface BankCount {
  /** The BanksSupported code, undefined when page 01h is not in the input. */
  code: number | undefined;
  /** Each accepted reading with the bank count it gives (null: cannot tell). */
  readings: { reading: BankReading | "table"; banks: number | null; evidence: string }[];
}

export const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(2, "0")}`;

// Read BanksSupported under every reading the profile accepts.
export function readBankCount(image: CmisImage, map: MemoryMap): BankCount {
  const field = map.fields.find((f) => f.name === "banksSupported");
  if (!field?.bits) return { code: undefined, readings: [] };
  const page = pageNumber(field.page);
  const { offset } = field;
  const byte = image.byte(page, 0, offset);
  if (byte === undefined) return { code: undefined, readings: [] };
  const code = (byte >> field.bits[1]) & ((1 << (field.bits[0] - field.bits[1] + 1)) - 1);
  const at = `${describePage(page, 0)} byte ${offset} = ${hex(byte)}`;
  const table = map.codes[field.codes ?? ""]?.values?.[String(code)];
  if (table !== undefined)
    return { code, readings: [{ reading: "table", banks: table, evidence: at }] };
  const { accept, escapeCount } = map.profile.bankEncoding;
  const readings: BankCount["readings"] = [];
  for (const reading of accept) {
    if (reading === "code3-is-8-banks") readings.push({ reading, banks: 8, evidence: at });
    else {
      const escapePage = pageNumber(escapeCount.page);
      const count = image.byte(escapePage, 0, escapeCount.offset);
      readings.push({
        reading,
        banks: count ?? null,
        evidence: `${at}; ${describePage(escapePage, 0)} byte ${escapeCount.offset} = ${count === undefined ? "missing" : hex(count)}`,
      });
    }
  }
  return { code, readings };
}

// The bank count to decode: the largest any accepted reading gives (at least the banks held).
export function banksToDecode(image: CmisImage, map: MemoryMap): number {
  const held = image
    .pages()
    .reduce((most, { page, bank }) => (page >= 0x10 ? Math.max(most, bank + 1) : most), 1);
  const read = readBankCount(image, map).readings.map((r) => r.banks ?? 0);
  return Math.min(Math.max(held, ...read), 8);
}
