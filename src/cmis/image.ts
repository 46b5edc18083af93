// A module's management memory as read from any input: the lower page (bytes 0-127) and the
// upper pages (bytes 128-255) by page and bank. Pages 00h-0Fh are stored as bank 0. An input
// that carries decoded values only (ethtool --json) marks which bytes it actually knows.
import { isBanked, pageName } from "./map.js";

export const PAGE_SIZE = 128;

/** Which page (and bank) an upper page is, and where the bytes came from (for messages). */
export interface PageKey {
  page: number;
  bank: number;
}

const key = (page: number, bank: number) => `${page}:${isBanked(page) ? bank : 0}`;

export class CmisImage {
  lower: Uint8Array | undefined;
  private readonly upper = new Map<string, Uint8Array>();
  /** Per page: 1 for each byte the input knows; absent = the whole page is known. */
  private readonly known = new Map<string, Uint8Array>();
  private lowerKnown: Uint8Array | undefined;

  setLower(bytes: Uint8Array): void {
    this.lower = bytes;
  }

  setUpper(page: number, bank: number, bytes: Uint8Array): void {
    this.upper.set(key(page, bank), bytes);
  }

  hasUpper(page: number, bank: number): boolean {
    return this.upper.has(key(page, bank));
  }

  getUpper(page: number, bank: number): Uint8Array | undefined {
    return this.upper.get(key(page, bank));
  }

  // The byte at (page, bank, offset 0-255), or undefined when the input does not hold it.
  byte(page: number, bank: number, offset: number): number | undefined {
    if (offset < PAGE_SIZE) {
      if (this.lowerKnown && this.lowerKnown[offset] === 0) return undefined;
      return this.lower?.[offset];
    }
    const k = key(page, bank);
    const mask = this.known.get(k);
    if (mask && mask[offset - PAGE_SIZE] === 0) return undefined;
    return this.upper.get(k)?.[offset - PAGE_SIZE];
  }

  // Write one byte, creating the page (all zero) when needed; marks it known on partial images.
  setByte(page: number, bank: number, offset: number, value: number): void {
    if (offset < PAGE_SIZE) {
      this.lower ??= new Uint8Array(PAGE_SIZE);
      this.lower[offset] = value;
      if (this.lowerKnown) this.lowerKnown[offset] = 1;
      return;
    }
    const k = key(page, bank);
    let bytes = this.upper.get(k);
    if (!bytes) {
      bytes = new Uint8Array(PAGE_SIZE);
      this.upper.set(k, bytes);
      if (this.partial) this.known.set(k, new Uint8Array(PAGE_SIZE));
    }
    bytes[offset - PAGE_SIZE] = value;
    const mask = this.known.get(k);
    if (mask) mask[offset - PAGE_SIZE] = 1;
  }

  /** True for images built from decoded values: bytes not written are unknown. */
  readonly partial: boolean;

  constructor(options: { partial?: boolean } = {}) {
    this.partial = options.partial === true;
    if (this.partial) this.lowerKnown = new Uint8Array(PAGE_SIZE);
  }

  // Every upper page held, ordered by page then bank.
  pages(): PageKey[] {
    return [...this.upper.keys()]
      .map((k) => {
        const [page, bank] = k.split(":").map(Number) as [number, number];
        return { page, bank };
      })
      .sort((a, b) => a.page - b.page || a.bank - b.bank);
  }
}

// "page 11h bank 3" (bank left out for pages that are not banked).
export function describePage(page: number, bank: number): string {
  return isBanked(page) ? `page ${pageName(page)} bank ${bank}` : `page ${pageName(page)}`;
}
