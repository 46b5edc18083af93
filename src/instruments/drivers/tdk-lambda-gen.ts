// TDK-Lambda Genesys supplies in the legacy GEN protocol (e.g. GEN80-19, 80 V / 19 A, 1.5 kW):
// CR ends commands and replies; on the RS-485 chain a unit listens only after `ADR <n>` (the
// station's `address`, default 6); every set command answers `OK`, an error answers a code
// instead (C0x command errors, E0x execution errors). `PV`/`PC` set voltage/current, `MV?`/
// `MC?` measure, `OUT 1|0`, `OVP`, `FLT?` (fault register). The unit refuses a voltage above
// OVP / 1.05, so OVP is set first. Command forms: pymeasure's tdk_base driver (the OK check).
// Not confirmed: `FLT?` reading 00 when no fault is latched, and `CLS` clearing a latched fault.
import type { Instrument } from "../../generated/station.js";
import type { ScpiSession } from "../../scpi/index.js";
import type { AccuracyTable, DriverProtocol, RangeTable, Reading } from "../driver.js";
import { formatArg } from "../driver.js";
import { expectAck } from "../line-dialect.js";
import { ScpiSupply } from "./scpi-supply.js";

/** The address a Genesys unit ships with when the station names none. */
const defaultAddress = 6;

export class TdkLambdaGenSupply extends ScpiSupply {
  static override readonly driverName: string = "tdk-lambda-gen";
  static override readonly identityPatterns: readonly RegExp[] = [/^LAMBDA,\s*GEN\d/i];
  static readonly protocol: DriverProtocol = {
    line: { terminator: "\r", replyEnd: "\r", resyncWithOpc: false },
    serial: { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1, flowControl: "none" },
    async identify(session: ScpiSession, config: Instrument) {
      await expectAck(session, `ADR ${config.address ?? defaultAddress}`);
      return session.query("IDN?");
    },
  };
  // Genesys 1.5 kW: readback V 0.1 % + 0.1 % F.S., I 0.1 % + 0.3 % F.S.
  static override readonly accuracy: AccuracyTable = {
    voltage: { relative: 0.001, absolute: 0.08 },
    current: { relative: 0.001, absolute: 0.057 },
    power: { relative: 0.002, absolute: 1.5 },
  };
  static override readonly range: RangeTable = {
    voltage: { min: 0, max: 80 },
    current: { min: 0, max: 19 },
    power: { min: 0, max: 1520 },
  };

  private ack(command: string): Promise<void> {
    return expectAck(this.session, command);
  }

  override async prepare(): Promise<void> {
    await this.ack("RMT REM");
  }
  override async setVoltage(volts: number): Promise<void> {
    await this.ack(`PV ${formatArg(volts)}`);
  }
  override async setCurrentLimit(amps: number): Promise<void> {
    await this.ack(`PC ${formatArg(amps)}`);
  }
  override async setOverVoltageProtection(volts: number): Promise<void> {
    await this.ack(`OVP ${formatArg(volts)}`);
  }
  override async overVoltageProtection(): Promise<number> {
    return this.session.queryNumber("OVP?");
  }
  override async output(on: boolean): Promise<void> {
    await this.ack(`OUT ${on ? 1 : 0}`);
  }
  override async isOutputOn(): Promise<boolean> {
    return this.session.queryBool("OUT?");
  }
  override async protectionTrip(): Promise<Reading<string>> {
    const command = "FLT?";
    const reply = (await this.session.query(command)).trim();
    return { value: /^0+$/.test(reply) ? "none" : "protection", command };
  }
  override async clearProtection(): Promise<void> {
    await this.ack("CLS");
  }
  override async voltageSetpoint(): Promise<number> {
    return this.session.queryNumber("PV?");
  }
  override async currentLimit(): Promise<number> {
    return this.session.queryNumber("PC?");
  }
  override measureVoltage(): Promise<Reading> {
    return this.read("MV?");
  }
  override measureCurrent(): Promise<Reading> {
    return this.read("MC?");
  }
}
