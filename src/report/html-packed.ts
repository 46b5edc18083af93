// The passing and not-applicable rows of report.html, packed as they arrive: every CHUNK_ROWS
// rows become one gzip-compressed, base64 JSON block of VerdictColumns, and only the packed text
// is kept. The page holds the failing, marginal and error rows as plain columns (shown first)
// and unpacks these blocks in the browser (DecompressionStream), so a run's memory in Node grows
// with the problems and the packed text, not with every verdict (10,000 datasheets: 310,000 rows).
import { gzipSync } from "node:zlib";
import type { VerdictColumns } from "./html-columns.js";

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
    const text = JSON.stringify(this.#open);
    this.#blocks.push(gzipSync(text, { level: 6 }).toString("base64"));
    this.#rows += this.#open.s.length;
    this.#open = emptyColumns();
  }
}
