// Keithley DAQ6510 data-acquisition multimeter with a 7700/7708 multiplexer: thermocouple
// channels set per channel list, then the channel closed and read. NOT confirmed from a
// DAQ6510 programming guide: the search of public pages found none (only the Keysight 34980A's
// `[SENSe:]TEMPerature:TRANsducer:TYPE TC,(@<ch_list>)` and the Keithley 6517B's +9.9E37
// overflow). The forms used, `:SENS:FUNC "TEMP",(@101)`, `:SENS:TEMP:TRAN TC,(@101)`,
// `:SENS:TEMP:TC:TYPE K,(@101)`, `:ROUT:CLOS (@101)`, `:READ?`, overflow +9.9E37, follow the
// Keithley SCPI style as commonly documented; check them against the DAQ6510 reference manual
// before use. Also unconfirmed: the *IDN? text (matched loosely on "DAQ6510") and the accuracy
// (1.0 °C type K including the 7700's reference junction, the datasheet class as remembered):
// a station should state its own calibration in `accuracy:`.
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { ScpiThermalLogger } from "./scpi-thermal.js";

export class KeithleyDaq6510Thermal extends ScpiThermalLogger {
  static override readonly driverName: string = "keithley-daq6510";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^KEITHLEY[^,]*,\s*(MODEL\s+)?DAQ6510,/i,
  ];
  static override readonly accuracy: AccuracyTable = {
    temperature: { relative: 0, absolute: 1.0 },
  };
  // Type K thermocouple span.
  static override readonly range: RangeTable = { temperature: { min: -200, max: 1372 } };
  /** Thermocouple type of the sensors (K unless the station says otherwise). */
  thermocouple = "K";
  override caseChannel = 101;
  /** Channels already set to a thermocouple temperature in this session. */
  readonly #configured = new Set<number>();

  override async prepare(): Promise<void> {
    await super.prepare();
    this.#configured.clear();
  }

  override async temperature(channel: number): Promise<Reading> {
    const ch = Math.round(channel);
    if (!this.#configured.has(ch)) {
      await this.session.write(`:SENS:FUNC "TEMP",(@${ch})`);
      await this.session.write(`:SENS:TEMP:TRAN TC,(@${ch})`);
      await this.session.write(`:SENS:TEMP:TC:TYPE ${this.thermocouple},(@${ch})`);
      this.#configured.add(ch);
    }
    await this.session.write(`:ROUT:CLOS (@${ch})`);
    return this.read(":READ?");
  }
}
