// Generic management-bus host adapter: an I2C/I3C host (or module evaluation board) that the
// harness reaches over SCPI and that reads and writes the module's CMIS registers.
//
// Modelled on, and what is confirmed vs assumed (docs/cmis.md "The bench adapter"):
// - There is no SCPI standard for I2C register access. Lab adapters expose it either as a C
//   API (Total Phase Aardvark: not SCPI at all) or as a text protocol of "read <device>
//   <register> <count>" / "write <device> <register> <bytes...>" (TI evaluation boards'
//   ReadI2C/WriteI2C scripting and `rreg`/`wreg` serial commands, U-Boot's `i2c read`). The
//   argument order (device address, register offset, count or bytes) follows those; confirmed.
// - The SCPI spelling `I2C:READ? <addr>,<offset>,<count>` (comma-separated decimal bytes) and
//   `I2C:WRITe <addr>,<offset>,<byte>...` (one bus transaction) is assumed: it is this
//   project's simulated adapter (src/sim/mgmt-commands.ts). A real bridge with other
//   spellings gets its own driver in this folder overriding `readBytes`/`writeBytes`.
// - The module answers at 7-bit address 0x50 (the two-wire address A0h of SFF/CMIS modules);
//   BankSelect and PageSelect (bytes 126-127) go in one two-byte write, as CMIS requires.
import { XpoError } from "../../model/errors.js";
import type { Reading } from "../driver.js";
import { type AccuracyTable, type RangeTable, RoleDriver } from "../driver.js";

/** The module's 7-bit two-wire address. */
export const MODULE_ADDRESS = 0x50;
const PAGE_BYTES = 128;

export class ScpiMgmtAdapter extends RoleDriver {
  static readonly driverName: string = "scpi-mgmt";
  static readonly role = "mgmt" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  static readonly accuracy: AccuracyTable = {};
  static readonly range: RangeTable = {};

  // Read `count` bytes from `offset` (0-255) of the lower page and the selected upper page.
  async readBytes(offset: number, count: number): Promise<Reading<number[]>> {
    const command = `I2C:READ? ${MODULE_ADDRESS},${offset},${count}`;
    const value = await this.session.queryNumbers(command);
    if (value.length !== count || value.some((b) => !Number.isInteger(b) || b < 0 || b > 255))
      throw new XpoError(
        "XPO_INSTRUMENT_PROTOCOL",
        `"${command}" answered ${value.length} values, not ${count} bytes 0-255`,
        { command },
      );
    return { value, command };
  }

  // Write `bytes` from `offset` in one bus transaction.
  async writeBytes(offset: number, bytes: readonly number[]): Promise<string> {
    const command = `I2C:WRIT ${MODULE_ADDRESS},${offset},${bytes.join(",")}`;
    await this.session.write(command);
    return command;
  }

  // Select bank and page in one two-byte write to 126-127 (CMIS).
  async select(bank: number, page: number): Promise<string> {
    return this.writeBytes(126, [bank, page]);
  }

  // The lower page (0-127).
  async readLower(): Promise<Uint8Array> {
    return Uint8Array.from((await this.readBytes(0, PAGE_BYTES)).value);
  }

  // One upper page (128-255) of one bank, selected first.
  async readUpper(bank: number, page: number): Promise<Uint8Array> {
    await this.select(bank, page);
    return Uint8Array.from((await this.readBytes(PAGE_BYTES, PAGE_BYTES)).value);
  }
}
