// ethtool hex dumps (`ethtool -m DEV [page N] [bank M] hex on`): an `Offset\t\tValues` header,
// a `------` rule, then rows `0x0080:\t\t18 40 ...` of up to 16 bytes. ethtool does not print
// the page or bank, so a file holding several pages says which comes next in a marker line
// `# page 0x11 bank 7` (the capture loop in docs/cmis.md writes them); other `#` lines are
// comments. A block with no marker is page 00h. Rows below 0x80 are the lower page.
import { XpoError } from "../model/errors.js";
import { CmisImage, describePage, PAGE_SIZE } from "./image.js";
import { isBanked } from "./map.js";

const MARKER = /^#?\s*page\s+(0x[0-9a-fA-F]{1,2}|[0-9]{1,3})(?:\s+bank\s+([0-7]))?\s*$/i;
const ROW = /^0x([0-9a-fA-F]{4}):\s+(.*)$/;
const FORMAT =
  "Give ethtool hex output: rows `0x0080:\\t\\t18 40 ...` of hex bytes, each page after a `# page 0x11 bank 7` line (docs/cmis.md).";

interface Block {
  page: number;
  bank: number;
  line: number;
  bytes: (number | undefined)[];
}

function fail(file: string, line: number, message: string): XpoError {
  return new XpoError("XPO_CMIS_INPUT", message, { file, line, remedy: FORMAT });
}

// Parse the bytes of one row, or throw naming the column of the first bad token.
function rowBytes(file: string, lineNo: number, line: string, rest: string): number[] {
  const bytes: number[] = [];
  let column = line.length - rest.length + 1;
  for (const token of rest.split(/(\s+)/)) {
    if (token.trim() !== "") {
      if (!/^[0-9a-fA-F]{2}$/.test(token))
        throw new XpoError("XPO_CMIS_INPUT", `"${token}" is not a hex byte`, {
          file,
          line: lineNo,
          column,
          remedy: FORMAT,
        });
      bytes.push(Number.parseInt(token, 16));
    }
    column += token.length;
  }
  if (bytes.length > 16)
    throw fail(file, lineNo, `${bytes.length} bytes in a row; ethtool writes 16`);
  return bytes;
}

// Read one or several hex-dumped pages into an image.
export function readHexDump(text: string, file: string): CmisImage {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let pending: { page: number; bank: number } | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === "" || /^offset\s+values$/i.test(line) || /^-+\s+-+$/.test(line)) return;
    const marker = MARKER.exec(line);
    if (marker) {
      const page = Number(marker[1]);
      if (!(page >= 0 && page <= 255)) throw fail(file, lineNo, `page ${marker[1]} is not 0-255`);
      pending = { page, bank: Number(marker[2] ?? 0) };
      current = undefined;
      return;
    }
    if (line.startsWith("#")) return; // a comment
    const row = ROW.exec(line);
    if (!row) throw fail(file, lineNo, `not a hex dump row: "${line.slice(0, 40)}"`);
    const offset = Number.parseInt(row[1] ?? "", 16);
    if (offset > 0xff) throw fail(file, lineNo, `offset 0x${row[1]} is past byte 255 of a page`);
    if (!current) {
      current = { page: pending?.page ?? 0, bank: pending?.bank ?? 0, line: lineNo, bytes: [] };
      pending = undefined;
      blocks.push(current);
    }
    rowBytes(file, lineNo, raw.trimStart(), row[2] ?? "").forEach((b, i) => {
      (current as Block).bytes[offset + i] = b;
    });
  });
  if (blocks.length === 0) throw fail(file, 1, "no hex dump rows found");
  const image = new CmisImage();
  for (const block of blocks) addBlock(image, block, file);
  if (!image.lower) throw fail(file, 1, "no lower page (offsets 0x0000-0x007f of page 0)");
  return image;
}

function addBlock(image: CmisImage, block: Block, file: string): void {
  const what = describePage(block.page, block.bank);
  if (block.bank !== 0 && !isBanked(block.page))
    throw fail(file, block.line, `${what} is not banked: drop "bank ${block.bank}"`);
  for (const [start, set] of [
    [0, (b: Uint8Array) => image.setLower(b)],
    [PAGE_SIZE, (b: Uint8Array) => image.setUpper(block.page, block.bank, b)],
  ] as const) {
    const half = block.bytes.slice(start, start + PAGE_SIZE);
    const held = half.filter((b) => b !== undefined).length;
    if (held === 0) continue;
    if (start === 0 && block.page !== 0)
      throw fail(
        file,
        block.line,
        `${what}: offsets below 0x0080 belong to the lower page (page 0)`,
      );
    if (held < PAGE_SIZE) {
      const gap = [...Array(PAGE_SIZE).keys()].find((i) => half[i] === undefined) ?? 0;
      throw fail(
        file,
        block.line,
        `${start === 0 ? "lower page" : what} has ${held} of 128 bytes (truncated: offset 0x${(start + gap).toString(16).padStart(4, "0")} missing)`,
      );
    }
    set(Uint8Array.from(half as number[]));
  }
}

function rows(bytes: Uint8Array, base: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const values = [...bytes.slice(at, at + 16)].map((b) => b.toString(16).padStart(2, "0"));
    out.push(`0x${(base + at).toString(16).padStart(4, "0")}:\t\t${values.join(" ")}`);
  }
  return out;
}

// Write an image as marked ethtool hex dumps, lower page first.
export function writeHexDump(image: CmisImage): string {
  const out: string[] = [];
  const header = ["Offset\t\tValues", "------\t\t------"];
  out.push("# page 0x00", ...header, ...rows(image.lower ?? new Uint8Array(PAGE_SIZE), 0));
  for (const { page, bank } of image.pages()) {
    const bytes = image.getUpper(page, bank) as Uint8Array;
    const marker = `# page 0x${page.toString(16).padStart(2, "0")}${isBanked(page) ? ` bank ${bank}` : ""}`;
    out.push(marker, ...header, ...rows(bytes, PAGE_SIZE));
  }
  return `${out.join("\n")}\n`;
}
