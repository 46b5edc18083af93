// The linear image: the lower page, then the upper pages in the order the memory map's
// `linearImage` gives (unbanked pages; each per-bank page for bank 0, 1, ...; then the
// profile's extension pages), 128 bytes each. The bank count follows from the file's size.
import { XpoError } from "../model/errors.js";
import { CmisImage, describePage, PAGE_SIZE } from "./image.js";
import { type MemoryMap, pageNumber } from "./map.js";

interface Slot {
  page: number;
  bank: number;
}

// The upper-page slots of a linear image with `banks` banks, in file order.
export function linearSlots(map: MemoryMap, banks: number): Slot[] {
  const slots: Slot[] = map.linearImage.unbanked.map((p) => ({ page: pageNumber(p), bank: 0 }));
  for (let bank = 0; bank < banks; bank++)
    for (const p of map.linearImage.perBank) slots.push({ page: pageNumber(p), bank });
  for (const { page, bank } of map.profile.extensionPages)
    slots.push({ page: pageNumber(page), bank });
  return slots;
}

const sizeFor = (map: MemoryMap, banks: number) => PAGE_SIZE * (1 + linearSlots(map, banks).length);

// Read a linear image; a size that fits no bank count is an error naming the sizes that do.
export function readLinearImage(bytes: Uint8Array, file: string, map: MemoryMap): CmisImage {
  const counts = [1, 2, 4, 8];
  const banks = counts.find((n) => sizeFor(map, n) === bytes.length);
  if (banks === undefined) {
    const sizes = counts.map((n) => `${sizeFor(map, n)} (${n} bank${n > 1 ? "s" : ""})`);
    const shorter = counts.find((n) => sizeFor(map, n) > bytes.length);
    const hint =
      shorter === undefined
        ? ""
        : `; it ends inside ${describeSlot(map, shorter, bytes.length)} (truncated?)`;
    throw new XpoError(
      "XPO_CMIS_INPUT",
      `${bytes.length} bytes is not the size of a linear CMIS image: expected ${sizes.join(", ")}${hint}`,
      {
        file,
        remedy:
          "Write the lower page, then the upper pages in the order docs/cmis.md gives (or give a page folder or an ethtool hex dump instead).",
      },
    );
  }
  const image = new CmisImage();
  image.setLower(bytes.slice(0, PAGE_SIZE));
  linearSlots(map, banks).forEach(({ page, bank }, index) => {
    const start = PAGE_SIZE * (index + 1);
    image.setUpper(page, bank, bytes.slice(start, start + PAGE_SIZE));
  });
  return image;
}

function describeSlot(map: MemoryMap, banks: number, byteOffset: number): string {
  const index = Math.floor(byteOffset / PAGE_SIZE) - 1;
  if (index < 0) return "the lower page";
  const slot = linearSlots(map, banks)[index];
  return slot
    ? `${describePage(slot.page, slot.bank)} (byte offset ${byteOffset})`
    : `byte offset ${byteOffset}`;
}

// Write an image as a linear file for the given bank count; pages it lacks are written as zeros.
export function writeLinearImage(image: CmisImage, map: MemoryMap, banks: number): Uint8Array {
  const slots = linearSlots(map, banks);
  const out = new Uint8Array(PAGE_SIZE * (1 + slots.length));
  if (image.lower) out.set(image.lower, 0);
  slots.forEach(({ page, bank }, index) => {
    const bytes = image.getUpper(page, bank);
    if (bytes) out.set(bytes, PAGE_SIZE * (index + 1));
  });
  return out;
}
