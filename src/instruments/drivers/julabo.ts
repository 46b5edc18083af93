// Julabo circulators (FP/CF/Dyneo families) over RS-232: 4800 baud, 7 data bits, even parity,
// 1 stop bit, hardware handshake; commands end with CR, replies with CRLF; OUT commands answer
// nothing. The manual asks for at least 250 ms between OUT commands and 10 ms between IN
// commands: a unit may lose a command sent sooner, so this driver paces every command itself.
// `version` identifies; `in_pv_00` is the bath temperature (the module's inlet), `in_pv_02` the
// external Pt100 (placed on the module's outlet), `in_sp_00`/`out_sp_00` the setpoint,
// `out_mode_05 1` starts the circulator. Command forms: public drivers (julabolib,
// python-dvg-devices). NOT confirmed from a public guide: a flow reading and flow setpoint
// (Julabo circulators set pump stages; `in_pv_03` and `in_sp_07`/`out_sp_07` in L/min are this
// harness's assumption, to be checked against the unit's manual before use).
import type { ScpiSession } from "../../scpi/index.js";
import type { AccuracyTable, DriverProtocol, RangeTable, Reading } from "../driver.js";
import { formatArg } from "../driver.js";
import { Pacer } from "../line-dialect.js";
import { ScpiCoolant } from "./scpi-coolant.js";

/** The gaps the Julabo manual asks for (250 ms, 10 ms), with margin for the line and the host. */
export const julaboGapsMs = { out: 275, in: 15 };

export class JulaboCoolant extends ScpiCoolant {
  static override readonly driverName: string = "julabo";
  static override readonly identityPatterns: readonly RegExp[] = [/^JULABO\b/i];
  static readonly protocol: DriverProtocol = {
    line: { terminator: "\r", replyEnd: "\n", resyncWithOpc: false },
    serial: { baudRate: 4800, dataBits: 7, parity: "even", stopBits: 1, flowControl: "rtscts" },
    identify: (session: ScpiSession) => session.query("version"),
  };
  // FP-series circulators: display resolution 0.01 °C, temperature stability +/-0.01 to 0.03 °C;
  // the external Pt100 input is stated to +/-0.1 °C class.
  static override readonly accuracy: AccuracyTable = {
    temperature: { relative: 0, absolute: 0.1 },
    flow: { relative: 0.05, absolute: 0.05 },
  };
  static override readonly range: RangeTable = {
    temperature: { min: -50, max: 200 },
    flow: { min: 0, max: 40 },
  };
  /** Pacing per command kind; tests may change it to prove the simulator enforces it. */
  gaps = julaboGapsMs;
  private readonly pacer = new Pacer(
    { out: () => this.gaps.out, in: () => this.gaps.in },
    (start, end) => this.session.countHold(start, end),
  );

  private out(command: string): Promise<void> {
    return this.pacer.run("out", () => this.session.write(command));
  }
  private async in(command: string): Promise<Reading> {
    return this.pacer.run("in", () => this.read(command));
  }

  override async prepare(): Promise<void> {
    await this.out("out_mode_05 1");
  }
  override async setTemperature(celsius: number): Promise<void> {
    await this.out(`out_sp_00 ${formatArg(celsius)}`);
  }
  override async temperatureSetpoint(): Promise<number> {
    return (await this.in("in_sp_00")).value;
  }
  override async setFlow(litresPerMinute: number): Promise<void> {
    await this.out(`out_sp_07 ${formatArg(litresPerMinute)}`);
  }
  override async flowSetpoint(): Promise<number> {
    return (await this.in("in_sp_07")).value;
  }
  override flow(): Promise<Reading> {
    return this.in("in_pv_03");
  }
  override inletTemperature(): Promise<Reading> {
    return this.in("in_pv_00");
  }
  override outletTemperature(): Promise<Reading> {
    return this.in("in_pv_02");
  }
  override async pressureDrop(): Promise<Reading> {
    throw this.unsupported("a Julabo circulator does not measure pressure drop");
  }
  override async fluid(): Promise<string> {
    throw this.unsupported("a Julabo circulator does not report its fluid");
  }
}
