// Lauda thermostats (Eco, Variocool, RE/Proline families) over RS-232/USB: CRLF both ways, every
// command acknowledged with `OK` (an error with `ERR_<n>`), numbers in fixed-width fields: the
// setpoint goes out as `OUT_SP_00_XXX.XX` (three digits, a point and two, e.g. 025.00; a
// negative one -05.00). `IN_PV_00` is the bath (the module's inlet), `IN_PV_01` the external
// sensor (on the module's outlet), `START`/`STOP` the pump. Command forms: public Lauda drivers
// (Eco Silver, RE 206, RP 845). NOT confirmed from a public guide: the identity query `TYPE`
// and its reply, the error numbers, and a flow reading/setpoint (`IN_PV_08`, `IN_SP_08`,
// `OUT_SP_08_XXX.XX` in L/min are this harness's assumption; check the unit's manual).
import { XpoError } from "../../model/errors.js";
import type { ScpiSession } from "../../scpi/index.js";
import type { AccuracyTable, DriverProtocol, RangeTable, Reading } from "../driver.js";
import { expectAck } from "../line-dialect.js";
import { ScpiCoolant } from "./scpi-coolant.js";

// A value as Lauda's fixed-width field: 025.00, -05.00; out of the field's span is an error.
export function laudaField(value: number): string {
  if (!Number.isFinite(value) || value <= -100 || value >= 1000)
    throw new XpoError("XPO_USAGE", `${value} does not fit a Lauda XXX.XX field`);
  const text = Math.abs(value)
    .toFixed(2)
    .padStart(value < 0 ? 5 : 6, "0");
  return value < 0 ? `-${text}` : text;
}

export class LaudaCoolant extends ScpiCoolant {
  static override readonly driverName: string = "lauda";
  static override readonly identityPatterns: readonly RegExp[] = [/^(ECO|VC|RE|RP|PRO|INT)/i];
  static readonly protocol: DriverProtocol = {
    line: { terminator: "\r\n", replyEnd: "\n", resyncWithOpc: false },
    serial: { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1, flowControl: "none" },
    identify: (session: ScpiSession) => session.query("TYPE"),
  };
  // Bath and external Pt100 readings at 0.01 °C resolution, +/-0.1 °C class.
  static override readonly accuracy: AccuracyTable = {
    temperature: { relative: 0, absolute: 0.1 },
    flow: { relative: 0.05, absolute: 0.05 },
  };
  static override readonly range: RangeTable = {
    temperature: { min: -50, max: 200 },
    flow: { min: 0, max: 40 },
  };

  override async prepare(): Promise<void> {
    await expectAck(this.session, "START");
  }
  override async setTemperature(celsius: number): Promise<void> {
    await expectAck(this.session, `OUT_SP_00_${laudaField(celsius)}`);
  }
  override async temperatureSetpoint(): Promise<number> {
    return (await this.read("IN_SP_00")).value;
  }
  override async setFlow(litresPerMinute: number): Promise<void> {
    await expectAck(this.session, `OUT_SP_08_${laudaField(litresPerMinute)}`);
  }
  override async flowSetpoint(): Promise<number> {
    return (await this.read("IN_SP_08")).value;
  }
  override flow(): Promise<Reading> {
    return this.read("IN_PV_08");
  }
  override inletTemperature(): Promise<Reading> {
    return this.read("IN_PV_00");
  }
  override outletTemperature(): Promise<Reading> {
    return this.read("IN_PV_01");
  }
  override async pressureDrop(): Promise<Reading> {
    throw this.unsupported("a Lauda thermostat does not measure pressure drop");
  }
  override async fluid(): Promise<string> {
    throw this.unsupported("a Lauda thermostat does not report its fluid");
  }
}
