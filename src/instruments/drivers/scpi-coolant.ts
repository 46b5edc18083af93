// Generic chiller / coolant loop: setpoints, inlet and outlet temperature, flow, pressure drop.
// The command forms are those the simulator serves (SCPI-99 has no chiller commands).
import {
  type AccuracyTable,
  formatArg,
  type RangeTable,
  type Reading,
  RoleDriver,
} from "../driver.js";

export class ScpiCoolant extends RoleDriver {
  static readonly driverName: string = "scpi-coolant";
  static readonly role = "coolant" as const;
  static readonly identityPatterns: readonly RegExp[] = [];
  static readonly accuracy: AccuracyTable = {
    temperature: { relative: 0, absolute: 0.1 },
    flow: { relative: 0.02, absolute: 0.005 },
  };
  static readonly range: RangeTable = {
    temperature: { min: -20, max: 100 },
    flow: { min: 0, max: 20 },
  };

  async setTemperature(celsius: number): Promise<void> {
    await this.session.write(`SOUR:TEMP ${formatArg(celsius)}`);
  }
  async temperatureSetpoint(): Promise<number> {
    return this.session.queryNumber("SOUR:TEMP?");
  }
  async setFlow(litresPerMinute: number): Promise<void> {
    await this.session.write(`SOUR:FLOW ${formatArg(litresPerMinute)}`);
  }
  async flowSetpoint(): Promise<number> {
    return this.session.queryNumber("SOUR:FLOW?");
  }
  async flow(): Promise<Reading> {
    return this.read("MEAS:FLOW?");
  }
  async inletTemperature(): Promise<Reading> {
    return this.read("MEAS:TEMP:INL?");
  }
  async outletTemperature(): Promise<Reading> {
    return this.read("MEAS:TEMP:OUTL?");
  }
  async pressureDrop(): Promise<Reading> {
    return this.read("MEAS:PRES?");
  }
  // The fluid in the loop, e.g. "PG25" (a key of schemas/coolants.json).
  async fluid(): Promise<string> {
    return this.session.queryString("SYST:FLU?");
  }
}
