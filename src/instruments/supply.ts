// DC supply drivers: a generic SCPI-99 supply and vendor dialects chosen by *IDN?.
import { type Accuracy, type AccuracyTable, formatArg, RoleDriver } from "./driver.js";

/** A generic SCPI-99 programmable DC supply (SOUR:VOLT, SOUR:CURR, OUTP, MEAS:VOLT?/CURR?). */
export class ScpiSupply extends RoleDriver {
  readonly role = "supply" as const;
  static readonly driverName: string = "scpi-supply";
  // Typical readback accuracy of a 1-2 kW lab supply; override per station in `accuracy:`.
  static readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.05 },
    current: { relative: 0.002, absolute: 0.05 },
    power: { relative: 0.003, absolute: 1 },
  };

  get driverName(): string {
    return (this.constructor as typeof ScpiSupply).driverName;
  }

  async setVoltage(volts: number): Promise<void> {
    await this.session.write(`SOUR:VOLT ${formatArg(volts)}`);
  }

  // Constant-current limit: the supply folds back instead of delivering more.
  async setCurrentLimit(amps: number): Promise<void> {
    await this.session.write(`SOUR:CURR ${formatArg(amps)}`);
  }

  async setOverVoltageProtection(volts: number): Promise<void> {
    await this.session.write(`SOUR:VOLT:PROT ${formatArg(volts)}`);
  }

  async output(on: boolean): Promise<void> {
    await this.session.write(`OUTP ${on ? "ON" : "OFF"}`);
  }

  async isOutputOn(): Promise<boolean> {
    return this.session.queryBool("OUTP?");
  }

  async voltageSetpoint(): Promise<number> {
    return this.session.queryNumber("SOUR:VOLT?");
  }

  async currentLimit(): Promise<number> {
    return this.session.queryNumber("SOUR:CURR?");
  }

  async measureVoltage(): Promise<number> {
    return this.session.queryNumber("MEAS:VOLT?");
  }

  async measureCurrent(): Promise<number> {
    return this.session.queryNumber("MEAS:CURR?");
  }

  // SCPI-99 supplies have no power readback: V x I, read back to back.
  async measurePower(): Promise<number> {
    const volts = await this.measureVoltage();
    const amps = await this.measureCurrent();
    return volts * amps;
  }

  get powerAccuracy(): Accuracy | undefined {
    return this.accuracy.power;
  }
}

/** Chroma 62000P series (the simulator's supply): remote mode, CONF:OUTP, MEAS:POW?. */
export class Chroma62000PSupply extends ScpiSupply {
  static override readonly driverName: string = "chroma-62000p";
  // 62000P datasheet class: V 0.05 % + 0.05 % F.S., I 0.1 % + 0.1 % F.S. (80 V / 60 A model).
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.0005, absolute: 0.04 },
    current: { relative: 0.001, absolute: 0.06 },
    power: { relative: 0.0015, absolute: 1.2 },
  };
  static matches(identity: string): boolean {
    return /^CHROMA\s*(ATE)?[^,]*,\s*620\d\dP/i.test(identity);
  }

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

  override async measurePower(): Promise<number> {
    return this.session.queryNumber("MEAS:POW?");
  }
}

/** Keysight (Agilent) N5700 series, e.g. N5767A 60 V / 25 A. */
export class KeysightN5700Supply extends ScpiSupply {
  static override readonly driverName: string = "keysight-n5700";
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.06 },
    current: { relative: 0.001, absolute: 0.075 },
    power: { relative: 0.002, absolute: 1.5 },
  };
  static matches(identity: string): boolean {
    return /^(Agilent|Keysight)[^,]*,\s*N57\d\dA/i.test(identity);
  }

  override async setOverVoltageProtection(volts: number): Promise<void> {
    await this.session.write(`VOLT:PROT:LEV ${formatArg(volts)}`);
  }
}
