// Anritsu MP1900A (MP1800A family) signal quality analyzer: one error-detector module per lane
// selected with `:MOD:ID <n>`; the measurement runs after `:SENS:MEAS:STAR`; the error rate is
// `:CALC:DATA:EAL? "CURRent:ER:TOTal"`, answered as a QUOTED string, and "-------" means no data
// (nothing counted, or no measurement running): NaN, never a number. Sync loss:
// `:CALC:DATA:MON? "PSLoss"`. No group query: a lane is one compound message (select; read),
// and all lanes are read `lanesPerMessage` lanes per program message (select; read; select;
// read ...), answered as one response message of quoted rates separated by `;`.
// Command forms: public MP1800 drivers; not confirmed for the MP1900A, nor the reply of the
// PSLoss monitor ("1" taken as sync lost) nor one module per lane (a real unit has fewer
// channels per module), nor several queries in one program message (IEEE 488.2 allows it; the
// public drivers send one select; read pair per message: set `lanesPerMessage: 1` on the station's ber instrument for that).
import type { Instrument } from "../../generated/station.js";
import { XpoError } from "../../model/errors.js";
import type { AccuracyTable, RangeTable, Reading } from "../driver.js";
import { ScpiBerChecker } from "./scpi-ber.js";

/** The no-data marker inside the quotes. */
const noData = /^-+$/;

// The text inside a quoted reply; an unquoted reply is a protocol error (the dialect quotes all).
function unquote(reply: string, command: string): string {
  const t = reply.trim();
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"'))
    throw new XpoError(
      "XPO_INSTRUMENT_PROTOCOL",
      `"${command}" answered ${JSON.stringify(reply)}, not a quoted string`,
      {
        command,
      },
    );
  return t.slice(1, -1).trim();
}

// A quoted error-rate reply to a number; "-------" is NaN (no data).
export function parseQuotedRate(reply: string, command: string): number {
  const text = unquote(reply, command);
  if (noData.test(text)) return Number.NaN;
  const value = Number(text);
  if (text === "" || !Number.isFinite(value))
    throw new XpoError(
      "XPO_INSTRUMENT_PROTOCOL",
      `"${command}" answered ${JSON.stringify(reply)}`,
      {
        command,
      },
    );
  return value;
}

// Select the lane's module and read its current total error rate (one compound message unit pair).
const rateQuery = (lane: number) =>
  `:MOD:ID ${Math.round(lane)};:CALC:DATA:EAL? "CURRent:ER:TOTal"`;

export class AnritsuMp1900aBer extends ScpiBerChecker {
  static override readonly driverName: string = "anritsu-mp1900a";
  static override readonly identityPatterns: readonly RegExp[] = [/^ANRITSU,\s*MP1[89]00A/i];
  static override readonly accuracy: AccuracyTable = { ber: { relative: 0.1, absolute: 0 } };
  static override readonly range: RangeTable = { ber: { min: 0, max: 1 } };
  lanes = 64;
  /** Lanes read per program message by allLanes (a short message: about 45 bytes per lane). */
  lanesPerMessage = 8;

  override applyStation(config: Instrument): void {
    if (config.lanesPerMessage !== undefined) this.lanesPerMessage = config.lanesPerMessage;
  }

  override async prepare(): Promise<void> {
    await super.prepare();
    await this.session.write(":SENS:MEAS:STAR");
  }

  override async laneCount(): Promise<number> {
    return this.lanes;
  }

  override async lane(lane: number): Promise<Reading> {
    const command = rateQuery(lane);
    return { value: parseQuotedRate(await this.session.query(command), command), command };
  }

  override async locked(lane: number): Promise<boolean> {
    const command = `:MOD:ID ${Math.round(lane)};:CALC:DATA:MON? "PSLoss"`;
    return unquote(await this.session.query(command), command) === "0";
  }

  // Every lane's rate, `lanesPerMessage` select; read pairs per program message, in lane order.
  override async allLanes(): Promise<Reading<number[]>> {
    const value: number[] = [];
    for (let first = 1; first <= this.lanes; first += this.lanesPerMessage) {
      const last = Math.min(this.lanes, first + this.lanesPerMessage - 1);
      const units: string[] = [];
      for (let lane = first; lane <= last; lane++) units.push(rateQuery(lane));
      const command = units.join(";");
      const replies = await this.session.queryAll(command);
      if (replies.length !== units.length)
        throw new XpoError(
          "XPO_INSTRUMENT_PROTOCOL",
          `"${command}" answered ${replies.length} values for ${units.length} lanes`,
          { instrument: this.session.name, command },
        );
      for (const reply of replies) value.push(parseQuotedRate(reply, command));
    }
    return { value, command: `${rateQuery(1)} ... ${rateQuery(this.lanes)}` };
  }
}
