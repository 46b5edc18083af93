// Santec MPM-210H multi-port power meter with MPM-211 modules (4 ports each), in its legacy
// command set on LAN port 5000: CRLF both ways, no SCPI error queue (`ERR?` instead), set
// commands (`WAV`, `UNIT`, `AVG`) answer nothing. `READ? <module>` answers the module's four
// powers in dBm; lane n is module floor((n-1)/4), port (n-1)%4+1. Command forms: Santec's
// public Python samples. Not confirmed: the value a dark port reads (the range below makes
// anything under -70 dBm unusable, never a number).
import { XpoError } from "../../model/errors.js";
import type { ScpiSession } from "../../scpi/index.js";
import type { AccuracyTable, DriverProtocol, RangeTable, Reading } from "../driver.js";
import { ScpiOpticalMeter } from "./scpi-optical.js";

export class SantecMpm210hOptical extends ScpiOpticalMeter {
  static override readonly driverName: string = "santec-mpm210h";
  static override readonly identityPatterns: readonly RegExp[] = [/^SANTEC,\s*MPM-21\d/i];
  static readonly protocol: DriverProtocol = {
    line: { terminator: "\r\n", replyEnd: "\n", resyncWithOpc: false },
    identify: (session: ScpiSession) => session.query("*IDN?"),
  };
  // MPM-211 module: +/-0.1 dB linearity plus +/-0.2 dB calibration uncertainty, stated together.
  static override readonly accuracy: AccuracyTable = {
    opticalPower: { relative: 0, absolute: 0.3 },
  };
  static override readonly range: RangeTable = { opticalPower: { min: -70, max: 10 } };
  lanes = 64;
  /** Wavelength the modules are calibrated at, nm. */
  wavelengthNm = 1310;

  override async prepare(): Promise<void> {
    await this.session.write(`WAV ${this.wavelengthNm}`);
    await this.session.write("UNIT 0");
  }

  override async laneCount(): Promise<number> {
    return this.lanes;
  }

  private async module(index: number): Promise<Reading<number[]>> {
    const command = `READ? ${index}`;
    const value = await this.session.queryNumbers(command);
    if (value.length !== 4)
      throw new XpoError(
        "XPO_INSTRUMENT_PROTOCOL",
        `"${command}" gave ${value.length} powers, not 4`,
        {
          instrument: this.session.name,
          command,
        },
      );
    return { value, command };
  }

  override async lanePower(lane: number): Promise<Reading> {
    const l = Math.round(lane);
    const { value, command } = await this.module(Math.floor((l - 1) / 4));
    return { value: value[(l - 1) % 4] ?? Number.NaN, command };
  }

  // One READ? per module: four lanes per reply.
  override async allLanes(): Promise<Reading<number[]>> {
    const values: number[] = [];
    for (let m = 0; m < Math.ceil(this.lanes / 4); m++)
      values.push(...(await this.module(m)).value);
    return {
      value: values.slice(0, this.lanes),
      command: `READ? 0 ... READ? ${Math.ceil(this.lanes / 4) - 1}`,
    };
  }
}
