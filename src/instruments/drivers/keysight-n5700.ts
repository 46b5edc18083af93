// Keysight (Agilent) N5700 series supplies, e.g. N5767A 60 V / 25 A.
import { type AccuracyTable, formatArg } from "../driver.js";
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

  override async setOverVoltageProtection(volts: number): Promise<void> {
    await this.session.write(`VOLT:PROT:LEV ${formatArg(volts)}`);
  }
}
