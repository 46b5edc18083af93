// Keysight (Agilent) N5700 series supplies, e.g. N5767A 60 V / 25 A.
import { type AccuracyTable, formatArg, type RangeTable } from "../driver.js";
import { ScpiSupply } from "./scpi-supply.js";

export class KeysightN5700Supply extends ScpiSupply {
  static override readonly driverName: string = "keysight-n5700";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^(Agilent|Keysight)[^,]*,\s*N57\d\dA/i,
  ];
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.06 },
    current: { relative: 0.001, absolute: 0.075 },
    power: { relative: 0.002, absolute: 1.5 },
  };
  // N5767A: 60 V / 25 A, 1.5 kW.
  static override readonly range: RangeTable = {
    voltage: { min: 0, max: 60 },
    current: { min: 0, max: 25 },
    power: { min: 0, max: 1500 },
  };

  override async setOverVoltageProtection(volts: number): Promise<void> {
    await this.session.write(`VOLT:PROT:LEV ${formatArg(volts)}`);
  }
  // The OVP level now set.
  override async overVoltageProtection(): Promise<number> {
    return this.session.queryNumber("VOLT:PROT:LEV?");
  }
}
