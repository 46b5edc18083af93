// The generic SCPI-99 programmable DC supply (SOUR:VOLT, SOUR:CURR, OUTP, MEAS:VOLT?/CURR?):
// the supply driver for any *IDN? no dialect claims. Dialects extend it.
import {
  type AccuracyTable,
  formatArg,
  type RangeTable,
  type Reading,
  RoleDriver,
} from "../driver.js";

export class ScpiSupply extends RoleDriver {
  static readonly driverName: string = "scpi-supply";
  static readonly role = "supply" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  // Typical readback accuracy of a 1-2 kW lab supply; override per station in `accuracy:`.
  static readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.05 },
    current: { relative: 0.002, absolute: 0.05 },
    power: { relative: 0.003, absolute: 1 },
  };
  // Full scale of the same class (80 V / 60 A); a dialect states its own model's.
  static readonly range: RangeTable = {
    voltage: { min: 0, max: 80 },
    current: { min: 0, max: 60 },
    power: { min: 0, max: 4800 },
  };

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
  // The OVP level now set.
  async overVoltageProtection(): Promise<number> {
    return this.session.queryNumber("SOUR:VOLT:PROT?");
  }

  async output(on: boolean): Promise<void> {
    await this.session.write(`OUTP ${on ? "ON" : "OFF"}`);
  }

  async isOutputOn(): Promise<boolean> {
    return this.session.queryBool("OUTP?");
  }

  // Which protection latched the output off (SCPI-99 OUTP:PROT:TRIP?): "none", or its name
  // (OVP, OCP, OTP; "protection" when the supply only answers 1).
  async protectionTrip(): Promise<Reading<string>> {
    const command = "OUTP:PROT:TRIP?";
    const reply = (await this.session.queryString(command)).trim().toUpperCase();
    const value =
      reply === "0" || reply === "NONE" || reply === ""
        ? "none"
        : reply === "1"
          ? "protection"
          : reply;
    return { value, command };
  }

  // Clear a latched protection trip (the output stays off).
  async clearProtection(): Promise<void> {
    await this.session.write("OUTP:PROT:CLE");
  }

  async voltageSetpoint(): Promise<number> {
    return this.session.queryNumber("SOUR:VOLT?");
  }

  async currentLimit(): Promise<number> {
    return this.session.queryNumber("SOUR:CURR?");
  }

  async measureVoltage(): Promise<Reading> {
    return this.read("MEAS:VOLT?");
  }

  async measureCurrent(): Promise<Reading> {
    return this.read("MEAS:CURR?");
  }

  // SCPI-99 supplies have no power readback: V x I, read back to back.
  async measurePower(): Promise<Reading> {
    const volts = await this.measureVoltage();
    const amps = await this.measureCurrent();
    return { value: volts.value * amps.value, command: `${volts.command}; ${amps.command}` };
  }
}
