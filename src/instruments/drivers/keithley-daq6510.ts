// Keithley DAQ6510 data-acquisition multimeter with a 7700/7708 multiplexer: thermocouple
// channels set per channel list, then the channel closed and read. Confirmed from the public
// DAQ6510 reference manual's SCPI forms: `[:SENSe]:FUNCtion "TEMPerature",(@<list>)`,
// `[:SENSe]:TEMPerature:TRANsducer TC,(@<list>)`, `[:SENSe]:TEMPerature:TCouple:TYPE K,(@<list>)`,
// `:ROUTe:CLOSe (@<ch>)`, `:READ?`, channel numbers slot x 100 + channel, overflow +9.9E37.
// Not confirmed from a guide here: the exact *IDN? text (matched loosely on "DAQ6510"), and the
// accuracy below, which is the DAQ6510 datasheet's type K class as remembered (about 0.5 °C
// plus the 7700 card's reference junction, taken as 1.0 °C in all): a station should state its
// own calibration in `accuracy:`.
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
