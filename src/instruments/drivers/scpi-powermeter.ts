// Generic in-line DC power meter on the module's input (SCPI-99 style MEAS:VOLT?/CURR?/POW?).
import { type AccuracyTable, type RangeTable, type Reading, RoleDriver } from "../driver.js";

export class ScpiPowerMeter extends RoleDriver {
  static readonly driverName: string = "scpi-powermeter";
  static readonly role = "powermeter" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  static readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.0005, absolute: 0.01 },
    current: { relative: 0.001, absolute: 0.005 },
    power: { relative: 0.001, absolute: 0.1 },
  };
  static readonly range: RangeTable = {
    voltage: { min: 0, max: 100 },
    current: { min: 0, max: 20 },
    power: { min: 0, max: 2000 },
  };

  async measureVoltage(): Promise<Reading> {
    return this.read("MEAS:VOLT?");
  }
  async measureCurrent(): Promise<Reading> {
    return this.read("MEAS:CURR?");
  }
  async measurePower(): Promise<Reading> {
    return this.read("MEAS:POW?");
  }
}
