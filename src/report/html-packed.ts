// The passing and not-applicable rows of report.html, packed as they arrive: every CHUNK_ROWS
// rows become one gzip-compressed, base64 JSON block of PackedColumns (the text columns as
// dictionaries, built as the rows arrive), and only the packed text is kept. The page holds the
// failing, marginal and error rows as plain columns (shown first) and unpacks these blocks in
// the browser (DecompressionStream), so a run's memory in Node grows with the problems and the
// packed text, not with every verdict (10,000 datasheets: 310,000 rows).
import { gzipSync } from "node:zlib";
import type { PackedColumns, TextDictionary, VerdictColumns } from "./html-columns.js";

/** Rows per packed block: large enough to compress well (16,384 made the 10,000-datasheet page
 * 7 % smaller), small enough that the open block is short-lived: at 16,384 rows (about 500
 * datasheets) its arrays and strings lived into V8's old generation and died there, and the
 * peak memory of 10,000 datasheets was 1.6 times that of 1,000 (1.37 at 4,096). */
const CHUNK_ROWS = 4096;

export function emptyColumns(): VerdictColumns {
  return { s: [], l: [], o: [], x: [], m: [], e: [], r: [], p: [] };
}

/** Where one row's values go: plain columns (the inline rows) or the open packed block. */
export interface ColumnSink {
  s: { push(value: number): unknown };
  l: { push(value: number): unknown };
  o: { push(value: number): unknown };
  x: { push(value: string): unknown };
  m: { push(value: number | null): unknown };
  e: { push(value: string): unknown };
  r: { push(value: string): unknown };
  p: { push(value: string): unknown };
}

// A text column kept as its dictionary while rows arrive: each distinct text once, and an index
// per row. A block of 16,384 rows would otherwise hold 65,536 short strings for as long as it
// fills (about 500 datasheets), long enough for V8 to move them to the old generation, where
// they die: at 10,000 datasheets that garbage, not what is kept, set the peak memory.
class DictionaryColumn {
  readonly values: string[] = [];
  readonly index: number[] = [];
  readonly #indexOf = new Map<string, number>();

  push(text: string): void {
    let k = this.#indexOf.get(text);
    if (k === undefined) {
      k = this.values.length;
      this.values.push(text);
      this.#indexOf.set(text, k);
    }
    this.index.push(k);
  }

  // The column as stored: the same dictionary as one built from the whole column at once.
  toDictionary(): TextDictionary {
    return [this.values, this.index];
  }
}

/** The open block: numbers as they are, text columns as dictionaries. */
class OpenBlock implements ColumnSink {
  readonly s: number[] = [];
  readonly l: number[] = [];
  readonly o: number[] = [];
  readonly x = new DictionaryColumn();
  readonly m: (number | null)[] = [];
  readonly e = new DictionaryColumn();
  readonly r = new DictionaryColumn();
  readonly p = new DictionaryColumn();

  toPacked(): PackedColumns {
    const { s, l, o, m } = this;
    return {
      s,
      l,
      o,
      x: this.x.toDictionary(),
      m,
      e: this.e.toDictionary(),
      r: this.r.toDictionary(),
      p: this.p.toDictionary(),
    };
  }
}

export class PackedRows {
  #open = new OpenBlock();
  readonly #blocks: string[] = [];
  #rows = 0;

  /** Where the next row goes; call `flushIfFull()` after each row. */
  get open(): ColumnSink {
    return this.#open;
  }

  /** Rows packed or open. */
  get rows(): number {
    return this.#rows + this.#open.s.length;
  }

  flushIfFull(): void {
    if (this.#open.s.length >= CHUNK_ROWS) this.#flush();
  }

  /** Every block, the last one closed. */
  finish(): string[] {
    if (this.#open.s.length > 0) this.#flush();
    return this.#blocks;
  }

  #flush(): void {
    const text = JSON.stringify(this.#open.toPacked());
    this.#blocks.push(gzipSync(text, { level: 6 }).toString("base64"));
    this.#rows += this.#open.s.length;
    this.#open = new OpenBlock();
  }
}
