// The module's CMIS memory over the bench's management adapter (role mgmt), decoded with the
// memory map as data (schemas/cmis/): the live steps read fields by name, never by offset.
import type { DecodedField } from "../cmis/decode.js";
import { decodeImage, indexFields } from "../cmis/decode.js";
import { CmisImage } from "../cmis/image.js";
import { loadMemoryMap, type MemoryMap } from "../cmis/map.js";
import type { ScpiMgmtAdapter } from "../instruments/drivers/scpi-mgmt.js";

/** The CMIS module state codes the steps wait for (codes.json moduleState). */
export const MODULE_READY = "ModuleReady";
export const DATA_PATH_ACTIVATED = "DataPathActivated";
export const DATA_PATH_DEACTIVATED = "DataPathDeactivated";

const ADVERTISING_PAGE = 0x01;

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

  // Read the lower page and the listed upper pages (one bank each) and decode them, with page
  // 01h read once and kept: its BanksSupported says which banks the decoder reads.
  async read(pages: readonly { page: number; bank: number }[] = []) {
    const image = new CmisImage();
    image.setLower(await this.adapter.readLower());
    this.advertising ??= await this.adapter.readUpper(0, ADVERTISING_PAGE);
    image.setUpper(ADVERTISING_PAGE, 0, this.advertising);
    for (const { page, bank } of pages)
      image.setUpper(page, bank, await this.adapter.readUpper(bank, page));
    const fields = indexFields(decodeImage(image, this.map));
    return (name: string): DecodedField[] => fields.get(name) ?? [];
  }

  // One field's first place (the lower page or the page read); undefined when absent.
  async field(name: string, pages: readonly { page: number; bank: number }[] = []) {
    return (await this.read(pages))(name)[0];
  }

  // Write `bytes` at `offset` of page `page` of bank `bank` (select first, in one write).
  async writeUpper(bank: number, page: number, offset: number, bytes: number[]): Promise<void> {
    await this.adapter.select(bank, page);
    await this.adapter.writeBytes(offset, bytes);
  }
}
