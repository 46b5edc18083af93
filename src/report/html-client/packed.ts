// Unpack the page's passing and not-applicable rows (gzip-compressed JSON blocks in base64, text
// columns as dictionaries, see src/report/html-packed.ts) and append them to the inline rows, in
// record order. A small page is unpacked whole before it is ready; a large one once its first
// page of rows is (for 10,000 datasheets one block of 24), and the other blocks follow one per
// task, so opening takes the same time whatever the run's size and the page answers input
// meanwhile. A filter or pager that needs rows not yet unpacked waits for them (page.pending),
// and no longer yields between blocks.
import type { PackedColumns, TextDictionary, VerdictColumns } from "../html-columns.js";
import { PAGE, type Page } from "./page.js";

async function unpack(block: string): Promise<VerdictColumns> {
  const binary = atob(block);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const b = JSON.parse(await new Response(stream).text()) as PackedColumns;
  return {
    s: b.s,
    l: b.l,
    o: b.o,
    x: texts(b.x),
    m: b.m,
    e: texts(b.e),
    r: texts(b.r),
    p: texts(b.p),
  };
}

// A dictionary column back as one text per row.
function texts([values, index]: TextDictionary): string[] {
  const out = new Array<string>(index.length);
  for (let i = 0; i < index.length; i++) out[i] = values[index[i] as number] as string;
  return out;
}

// Append blocks' rows to page.v: one concat per column (a push per value is several times slower
// for 300,000 rows).
function append(page: Page, blocks: VerdictColumns[]): void {
  if (blocks.length === 0) return;
  const { v } = page;
  const all = (key: keyof VerdictColumns) => blocks.map((block) => block[key] as unknown[]);
  v.s = v.s.concat(...(all("s") as number[][]));
  v.l = v.l.concat(...(all("l") as number[][]));
  v.o = v.o.concat(...(all("o") as number[][]));
  v.x = v.x.concat(...(all("x") as string[][]));
  v.m = v.m.concat(...(all("m") as (number | null)[][]));
  v.e = v.e.concat(...(all("e") as string[][]));
  v.r = v.r.concat(...(all("r") as string[][]));
  v.p = v.p.concat(...(all("p") as string[][]));
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Pages with at most this many rows (about 1,700 datasheets) are unpacked whole before they
 * are ready, as every page once was; larger ones only their first page. */
const WHOLE_UP_TO_ROWS = 65_536;

// Unpack what the page shows when it is ready: every block of a small page, else blocks until
// the first page of rows in record order is there.
export async function unpackFirst(page: Page): Promise<void> {
  const { packed } = page.data;
  const whole = page.data.rows <= WHOLE_UP_TO_ROWS;
  const blocks: VerdictColumns[] = [];
  let rows = page.v.s.length;
  while (page.unpacked < packed.length && (whole || rows < PAGE)) {
    const block = await unpack(packed[page.unpacked] as string);
    blocks.push(block);
    rows += block.s.length;
    page.unpacked++;
  }
  append(page, blocks);
  page.complete = page.unpacked === packed.length;
}

// Unpack every remaining block, one per task unless a render waits for them; then page.complete.
export async function unpackRest(page: Page): Promise<void> {
  const { packed } = page.data;
  const blocks: VerdictColumns[] = [];
  while (page.unpacked < packed.length) {
    if (!page.pending) await nextTask();
    blocks.push(await unpack(packed[page.unpacked] as string));
    page.unpacked++;
  }
  append(page, blocks);
  page.complete = true;
}
