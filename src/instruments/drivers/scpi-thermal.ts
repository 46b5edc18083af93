// Generic temperature logger with the module case (cold plate) on one channel.
import type { Instrument } from "../../generated/station.js";
import { type AccuracyTable, type RangeTable, type Reading, RoleDriver } from "../driver.js";

export class ScpiThermalLogger extends RoleDriver {
  static readonly driverName: string = "scpi-thermal";
  static readonly role = "thermal" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  static readonly accuracy: AccuracyTable = { temperature: { relative: 0, absolute: 0.5 } };
  // A type-K thermocouple logger's span.
  static readonly range: RangeTable = { temperature: { min: -200, max: 1250 } };
  /** The channel wired to the case (station `channel`). */
  caseChannel = 1;

  override applyStation(config: Instrument): void {
    if (config.channel !== undefined) this.caseChannel = config.channel;
  }

  async temperature(channel: number): Promise<Reading> {
    return this.read(`MEAS:TEMP? (@${Math.round(channel)})`);
  }
  async caseTemperature(): Promise<Reading> {
    return this.temperature(this.caseChannel);
  }
}
