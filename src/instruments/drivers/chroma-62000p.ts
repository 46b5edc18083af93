// Chroma 62000P series (the simulator's supply): remote mode, CONF:OUTP, MEAS:POW?.
import { type AccuracyTable, formatArg, type RangeTable, type Reading } from "../driver.js";
import { ScpiSupply } from "./scpi-supply.js";

export class Chroma62000PSupply extends ScpiSupply {
  static override readonly driverName: string = "chroma-62000p";
  static override readonly identityPatterns: readonly RegExp[] = [
    /^CHROMA\s*(ATE)?[^,]*,\s*620\d\dP/i,
  ];
  // 62000P datasheet class: V 0.05 % + 0.05 % F.S., I 0.1 % + 0.1 % F.S. (80 V / 60 A model).
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.0005, absolute: 0.04 },
    current: { relative: 0.001, absolute: 0.06 },
    power: { relative: 0.0015, absolute: 1.2 },
  };
  static override readonly range: RangeTable = {
    voltage: { min: 0, max: 80 },
    current: { min: 0, max: 60 },
    power: { min: 0, max: 4800 },
  };

  override async prepare(): Promise<void> {
    await this.session.clear();
    await this.session.write("CONF:REM ON");
  }

  override async output(on: boolean): Promise<void> {
    await this.session.write(`CONF:OUTP ${on ? "ON" : "OFF"}`);
  }

  override async isOutputOn(): Promise<boolean> {
    return this.session.queryBool("CONF:OUTP?");
  }

  override async setOverVoltageProtection(volts: number): Promise<void> {
    await this.session.write(`SOUR:VOLT:PROT:HIGH ${formatArg(volts)}`);
  }
  // The OVP level now set.
  override async overVoltageProtection(): Promise<number> {
    return this.session.queryNumber("SOUR:VOLT:PROT:HIGH?");
  }

  override async measurePower(): Promise<Reading> {
    return this.read("MEAS:POW?");
  }
}
