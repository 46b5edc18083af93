// Keysight DAQ970A / 34970A / 34972A data-acquisition unit with a thermocouple multiplexer
// (DAQM901A, 34901A): `MEAS:TEMP? TC,K,(@<slot><ch>)` with three-digit channel lists (the
// station's `channel`, e.g. 101). Command forms from the 34970A/DAQ970A programming guides
// (MEASure:TEMPerature? {TCouple},{type},(@scan_list)); an open thermocouple reads +9.9E37,
// which the harness treats as overrange. Accuracy: the DAQ970A datasheet's type K thermocouple
// figure (1.0 °C, reference junction error included) is the guard used here.
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { ScpiThermalLogger } from "./scpi-thermal.js";

export class KeysightDaq970aThermal extends ScpiThermalLogger {
  static override readonly driverName: string = "keysight-daq970a";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^(Keysight|Agilent)[^,]*,\s*(DAQ97[03]A|3497[02]A)/i,
  ];
  static override readonly accuracy: AccuracyTable = {
    temperature: { relative: 0, absolute: 1.0 },
  };
  // Type K thermocouple span.
  static override readonly range: RangeTable = { temperature: { min: -200, max: 1372 } };
  /** Thermocouple type of the case sensor (K unless the station says otherwise). */
  thermocouple = "K";
  override caseChannel = 101;

  override async temperature(channel: number): Promise<Reading> {
    return this.read(`MEAS:TEMP? TC,${this.thermocouple},(@${Math.round(channel)})`);
  }
}
