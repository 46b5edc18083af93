// The module's CMIS memory over the bench's management adapter (role mgmt), decoded with the
// memory map as data (schemas/cmis/): the live steps read fields by name, never by offset.

import { encodePlace, type FieldValue } from "../cmis/codec.js";
import type { DecodedField } from "../cmis/decode.js";
import { decodeImage, indexFields } from "../cmis/decode.js";
import { CmisImage, PAGE_SIZE } from "../cmis/image.js";
import { linearSlots } from "../cmis/linear.js";
import { type FieldSpec, loadMemoryMap, type MemoryMap, pageNumber } from "../cmis/map.js";
import { placesOf } from "../cmis/places.js";
import type { ScpiMgmtAdapter } from "../instruments/drivers/scpi-mgmt.js";
import { XpoError } from "../model/errors.js";

/** The CMIS module state codes the steps wait for (codes.json moduleState). */
export const MODULE_READY = "ModuleReady";
export const MODULE_LOW_PWR = "ModuleLowPwr";
export const DATA_PATH_ACTIVATED = "DataPathActivated";
export const DATA_PATH_DEACTIVATED = "DataPathDeactivated";

const ADVERTISING_PAGE = 0x01;
/** The latched module flags, 00h:9-11 (clear on read). */
const FLAGS_OFFSET = 9;
const AFTER_FLAGS = 12;

export class CmisBus {
  readonly map: MemoryMap;
  constructor(
    readonly adapter: ScpiMgmtAdapter,
    profileDir: string,
  ) {
    this.map = loadMemoryMap(profileDir);
  }

  /** Page 01h (the advertisements, BanksSupported among them), read once. */
  private advertising: Uint8Array | undefined;

  // The lower page without the latched module flags (00h:9-11 read as 0): a module clears
  // them when they are read (CMIS), so only readFlags() may read them, or a poll of the module
  // state would silently clear a flag latched during the run. `head`: bytes 0-8 only (the
  // module state is byte 3), for polls.
  private async readLower(head = false): Promise<Uint8Array> {
    const lower = new Uint8Array(PAGE_SIZE);
    lower.set((await this.adapter.readBytes(0, FLAGS_OFFSET)).value, 0);
    if (!head)
      lower.set(
        (await this.adapter.readBytes(AFTER_FLAGS, PAGE_SIZE - AFTER_FLAGS)).value,
        AFTER_FLAGS,
      );
    return lower;
  }

  // Decode `image` with page 01h added (read once: its BanksSupported says which banks count).
  private async decode(image: CmisImage) {
    this.advertising ??= await this.adapter.readUpper(0, ADVERTISING_PAGE);
    image.setUpper(ADVERTISING_PAGE, 0, this.advertising);
    const fields = indexFields(decodeImage(image, this.map));
    return (name: string): DecodedField[] => fields.get(name) ?? [];
  }

  // Read the lower page (flags excepted) and the listed upper pages (one bank each), decoded.
  async read(pages: readonly { page: number; bank: number }[] = []) {
    const image = new CmisImage();
    image.setLower(await this.readLower());
    for (const { page, bank } of pages)
      image.setUpper(page, bank, await this.adapter.readUpper(bank, page));
    return this.decode(image);
  }

  // The module state (00h:3) text, from bytes 0-8 only: what a poll needs.
  async moduleState(): Promise<string | undefined> {
    const image = new CmisImage();
    image.setLower(await this.readLower(true));
    return (await this.decode(image))("moduleState")[0]?.text;
  }

  // The latched module flags 00h:9-11, decoded; reading them clears them in the module.
  async readFlags() {
    const image = new CmisImage();
    const lower = new Uint8Array(PAGE_SIZE);
    lower.set(
      (await this.adapter.readBytes(FLAGS_OFFSET, AFTER_FLAGS - FLAGS_OFFSET)).value,
      FLAGS_OFFSET,
    );
    image.setLower(lower);
    return this.decode(image);
  }

  // The whole memory as a dump holds it (flags excepted): the lower page, then every upper
  // page of a linear image with `banks` banks (docs/cmis.md gives the order), page by page.
  async readImage(banks: number): Promise<CmisImage> {
    const image = new CmisImage();
    image.setLower(await this.readLower());
    for (const { page, bank } of linearSlots(this.map, banks))
      image.setUpper(page, bank, await this.adapter.readUpper(bank, page));
    return image;
  }

  /** How many banks hold `laneCount` lanes. */
  bankCount(laneCount: number): number {
    return Math.ceil(laneCount / this.map.lanesPerBank);
  }

  // The page a field lives on, once per bank: what to read for a per-lane field of `banks` banks.
  pagesOf(name: string, banks: number): { page: number; bank: number }[] {
    const page = pageNumber(this.spec(name).page);
    return Array.from({ length: banks }, (_, bank) => ({ page, bank }));
  }

  // Write a field of the map by name in `bank`: every place it has there (a per-lane field's
  // lanes at once) in one bus transaction, the other bits of the bytes it shares kept.
  async writeField(name: string, value: FieldValue, bank = 0): Promise<void> {
    const places = placesOf(this.spec(name), [bank], this.map.lanesPerBank);
    const offsets = places
      .flatMap((p) => encodePlace(p, value, () => 0, this.map.codes))
      .map(([o]) => o);
    const first = Math.min(...offsets);
    const count = Math.max(...offsets) - first + 1;
    const place = places[0];
    if (place && first >= PAGE_SIZE) await this.adapter.select(place.bank, place.page);
    const bytes = (await this.adapter.readBytes(first, count)).value;
    for (const p of places)
      for (const [offset, byte] of encodePlace(p, value, (o) => bytes[o - first], this.map.codes))
        bytes[offset - first] = byte;
    await this.adapter.writeBytes(first, bytes);
  }

  private spec(name: string): FieldSpec {
    const spec = this.map.fields.find((f) => f.name === name);
    if (spec === undefined)
      throw new XpoError("XPO_PROFILE_INVALID", `the CMIS memory map has no field ${name}`);
    return spec;
  }
}
