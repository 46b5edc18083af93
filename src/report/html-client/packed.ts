// Unpack the page's passing and not-applicable rows (gzip-compressed JSON blocks in base64, see
// src/report/html-packed.ts) and append them to the inline rows, so filters and pages cover the
// whole run. The failing, marginal and error rows are inline and shown before this finishes.
import type { VerdictColumns } from "../html-columns.js";
import type { Page } from "./page.js";

async function unpack(block: string): Promise<VerdictColumns> {
  const binary = atob(block);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as VerdictColumns;
}

// Append every packed block's rows to page.v, in record order.
export async function unpackRows(page: Page): Promise<void> {
  const blocks = await Promise.all(page.data.packed.map(unpack));
  if (blocks.length === 0) return;
  const { v } = page;
  const all = (key: keyof VerdictColumns) => blocks.map((block) => block[key] as unknown[]);
  // One concat per column (a push per value is several times slower for 300,000 rows).
  v.s = v.s.concat(...(all("s") as number[][]));
  v.l = v.l.concat(...(all("l") as number[][]));
  v.o = v.o.concat(...(all("o") as number[][]));
  v.x = v.x.concat(...(all("x") as string[][]));
  v.m = v.m.concat(...(all("m") as (number | null)[][]));
  v.e = v.e.concat(...(all("e") as string[][]));
  v.r = v.r.concat(...(all("r") as string[][]));
  v.p = v.p.concat(...(all("p") as string[][]));
}
