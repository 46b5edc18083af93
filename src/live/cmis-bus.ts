// The module's CMIS memory over the bench's management adapter (role mgmt), decoded with the
// memory map as data (schemas/cmis/): the live steps read fields by name, never by offset.
import type { DecodedField } from "../cmis/decode.js";
import { decodeImage, indexFields } from "../cmis/decode.js";
import { CmisImage, PAGE_SIZE } from "../cmis/image.js";
import { linearSlots } from "../cmis/linear.js";
import { loadMemoryMap, type MemoryMap } from "../cmis/map.js";
import type { ScpiMgmtAdapter } from "../instruments/drivers/scpi-mgmt.js";

/** The CMIS module state codes the steps wait for (codes.json moduleState). */
export const MODULE_READY = "ModuleReady";
export const MODULE_LOW_PWR = "ModuleLowPwr";
export const DATA_PATH_ACTIVATED = "DataPathActivated";
export const DATA_PATH_DEACTIVATED = "DataPathDeactivated";

const ADVERTISING_PAGE = 0x01;
/** Where the steps write and poll: page 10h (controls) and 11h (lane status) of a bank. */
export const PAGE_CONTROL = 0x10;
export const PAGE_STATUS = 0x11;
/** Page 10h byte 128: DataPathDeinit, one bit per lane of the bank. */
export const DATA_PATH_DEINIT = 128;
/** 00h:26, module global controls; bit 4 is LowPwrRequestSW. */
const MODULE_CONTROL = 26;
const LOW_PWR_REQUEST_SW = 0x10;
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

  // Set or clear LowPwrRequestSW (00h:26 bit 4), keeping the byte's other bits.
  async requestLowPower(on: boolean): Promise<void> {
    const control = (await this.adapter.readBytes(MODULE_CONTROL, 1)).value[0] ?? 0;
    const next = on ? control | LOW_PWR_REQUEST_SW : control & ~LOW_PWR_REQUEST_SW;
    await this.adapter.writeBytes(MODULE_CONTROL, [next]);
  }

  // Write `bytes` at `offset` of page `page` of bank `bank` (select first, in one write).
  async writeUpper(bank: number, page: number, offset: number, bytes: number[]): Promise<void> {
    await this.adapter.select(bank, page);
    await this.adapter.writeBytes(offset, bytes);
  }
}
