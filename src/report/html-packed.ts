// The passing and not-applicable rows of report.html, packed as they arrive: every CHUNK_ROWS
// rows become one gzip-compressed, base64 JSON block of PackedColumns (the text columns as
// dictionaries), and only the packed text
// is kept. The page holds the failing, marginal and error rows as plain columns (shown first)
// and unpacks these blocks in the browser (DecompressionStream), so a run's memory in Node grows
// with the problems and the packed text, not with every verdict (10,000 datasheets: 310,000 rows).
import { gzipSync } from "node:zlib";
import type { PackedColumns, TextDictionary, VerdictColumns } from "./html-columns.js";

/** Rows per packed block: large enough to compress well, small enough to bound the buffer. */
const CHUNK_ROWS = 16_384;

export function emptyColumns(): VerdictColumns {
  return { s: [], l: [], o: [], x: [], m: [], e: [], r: [], p: [] };
}

export class PackedRows {
  #open: VerdictColumns = emptyColumns();
  readonly #blocks: string[] = [];
  #rows = 0;

  /** The columns the next rows go into; call `flushIfFull()` after each row. */
  get open(): VerdictColumns {
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
    const text = JSON.stringify(packColumns(this.#open));
    this.#blocks.push(gzipSync(text, { level: 6 }).toString("base64"));
    this.#rows += this.#open.s.length;
    this.#open = emptyColumns();
  }
}

// The block as it is stored: text columns as dictionaries, the rest as they are.
function packColumns(v: VerdictColumns): PackedColumns {
  return {
    s: v.s,
    l: v.l,
    o: v.o,
    x: dictionary(v.x),
    m: v.m,
    e: dictionary(v.e),
    r: dictionary(v.r),
    p: dictionary(v.p),
  };
}

function dictionary(column: readonly string[]): TextDictionary {
  const values: string[] = [];
  const indexOf = new Map<string, number>();
  const index = new Array<number>(column.length);
  for (let i = 0; i < column.length; i++) {
    const text = column[i] as string;
    let k = indexOf.get(text);
    if (k === undefined) {
      k = values.length;
      values.push(text);
      indexOf.set(text, k);
    }
    index[i] = k;
  }
  return [values, index];
}
