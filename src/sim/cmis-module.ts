// A simulated XPO's management interface: the CMIS register file of a memory image, 8 banks,
// with the module state machine (LowPwr -> PwrUp -> Ready once powered and LowPwrRequestSW is
// cleared; PwrDn when it is set again; Fault on over-temperature), per-lane data paths
// (Deactivated -> Init -> Activated), BankSelect/PageSelect acted on only when PageSelect is
// written (one two-byte write, as CMIS requires), and the management faults. Time is the
// bench's virtual clock (seconds). Not yet served as an instrument role (docs/cmis.md).

import { encodePlace, type FieldValue } from "../cmis/codec.js";
import { decodeImage, indexFields } from "../cmis/decode.js";
import type { CmisImage } from "../cmis/image.js";
import type { MemoryMap } from "../cmis/map.js";
import { placesOf } from "../cmis/places.js";
import { writeChecksums } from "../cmis/starter.js";

export type CmisFault =
  | "slow-power-up"
  | "stuck-in-pwrup"
  | "wrong-max-power"
  | "lane-37-never-activates"
  | "corrupt-checksum"
  | "latched-alarm"
  | "bank-select-ignored";

/** The module's real durations as shares of what it advertises (01h:144, 01h:167). */
export interface CmisModuleTiming {
  pwrUpShare: number;
  dpInitShare: number;
}

const STATE = { lowPwr: 1, pwrUp: 2, ready: 3, pwrDn: 4, fault: 5 } as const;
const DP = { deactivated: 1, init: 2, activated: 4 } as const;
const SLOW_FACTOR = 2;
const DEAD_LANE = 37;

export class SimCmisModule {
  private powered = false;
  private state: number = STATE.lowPwr;
  private since = 0;
  private bank = 0;
  private page = 0;
  private pendingBank = 0;
  private readonly dpSince = new Map<number, number>();
  /** Lanes in DataPathDeactivated: only those start DataPathInit when their Deinit bit clears. */
  private readonly deactivated = new Set<number>();
  private readonly advertised: { pwrUpS: number; dpInitS: number; tempHighAlarmC: number };

  constructor(
    private readonly image: CmisImage,
    private readonly map: MemoryMap,
    private readonly now: () => number,
    private readonly timing: CmisModuleTiming,
    private readonly faults: ReadonlySet<CmisFault> = new Set(),
  ) {
    const fields = indexFields(decodeImage(image, map));
    const ms = (name: string) => Number(fields.get(name)?.[0]?.value ?? 0);
    this.advertised = {
      pwrUpS: ms("modulePwrUpDuration") / 1000,
      dpInitS: ms("dpInitDuration") / 1000,
      tempHighAlarmC: Number(fields.get("tempHighAlarm")?.[0]?.value ?? Number.POSITIVE_INFINITY),
    };
    if (faults.has("wrong-max-power")) this.set("maxPower", 58.75);
    writeChecksums(image, map);
    if (faults.has("corrupt-checksum"))
      image.setByte(1, 0, 255, ((image.byte(1, 0, 255) ?? 0) + 1) & 0xff);
    this.set("lowPwrRequestSW", true);
    this.setState(STATE.lowPwr);
  }

  // Write a field of the map by name (every bank, or the lane-th place).
  private set(name: string, value: FieldValue, lane?: number): void {
    const spec = this.map.fields.find((f) => f.name === name);
    if (!spec) return;
    for (const place of placesOf(spec, [0, 1, 2, 3, 4, 5, 6, 7], this.map.lanesPerBank)) {
      if (lane !== undefined && place.lane !== lane) continue;
      const read = (o: number) => this.image.byte(place.page, place.bank, o);
      for (const [offset, byte] of encodePlace(place, value, read, this.map.codes))
        this.image.setByte(place.page, place.bank, offset, byte);
    }
  }

  private setState(state: number): void {
    this.state = state;
    this.since = this.now();
    this.set("moduleState", state);
  }

  /** The supply feeds the module (true) or not; unpowered, the bus does not answer. */
  setPower(on: boolean): void {
    if (on === this.powered) return;
    this.powered = on;
    this.bank = 0;
    this.page = 0;
    this.dpSince.clear();
    for (let lane = 1; lane <= 8 * this.map.lanesPerBank; lane++) this.deactivated.add(lane);
    this.set("lowPwrRequestSW", true);
    this.set("dataPathState", DP.deactivated);
    this.setState(STATE.lowPwr);
    if (on && this.faults.has("latched-alarm")) this.image.setByte(0, 0, 9, 0x01);
  }

  /** Monitors from the bench physics: module temperature (and Fault above its high alarm). */
  setTemperature(celsius: number): void {
    this.set("temperature", Math.max(-128, Math.min(127, celsius)));
    if (celsius > this.advertised.tempHighAlarmC && this.state !== STATE.fault) {
      this.image.setByte(0, 0, 9, (this.image.byte(0, 0, 9) ?? 0) | 0x01);
      this.set("faultCause", 6);
      this.setState(STATE.fault);
    }
  }

  /** Per-lane Tx power from the optics model (mW). */
  setLaneTxPower(lane: number, milliwatts: number): void {
    this.set("txPower", Math.max(0, Math.min(6.5535, milliwatts)), lane);
  }

  private pwrUpSeconds(): number {
    if (this.faults.has("stuck-in-pwrup")) return Number.POSITIVE_INFINITY;
    const slow = this.faults.has("slow-power-up") ? SLOW_FACTOR : this.timing.pwrUpShare;
    return this.advertised.pwrUpS * slow;
  }

  // Advance the state machines to the current time.
  private tick(): void {
    const t = this.now();
    if (this.state === STATE.pwrUp && t - this.since >= this.pwrUpSeconds())
      this.setState(STATE.ready);
    if (
      this.state === STATE.pwrDn &&
      t - this.since >= this.advertised.pwrUpS * this.timing.pwrUpShare
    )
      this.setState(STATE.lowPwr);
    if (this.state !== STATE.ready) return;
    for (const [lane, start] of this.dpSince) {
      if (lane === DEAD_LANE && this.faults.has("lane-37-never-activates")) continue;
      if (t - start >= this.advertised.dpInitS * this.timing.dpInitShare) {
        this.set("dataPathState", DP.activated, lane);
        this.dpSince.delete(lane);
      }
    }
  }

  private requireBus(): void {
    if (!this.powered) throw new Error("the module does not answer: it is not powered");
  }

  // Read `length` bytes at `offset` (0-255) of the lower page and the selected upper page.
  read(offset: number, length: number): number[] {
    this.requireBus();
    this.tick();
    const out: number[] = [];
    for (let at = offset; at < offset + length; at++)
      out.push(this.image.byte(this.page, this.bank, at) ?? 0);
    return out;
  }

  // Write bytes at `offset`: page/bank select, LowPwrRequestSW (00h:26), DataPathDeinit (10h:128).
  write(offset: number, bytes: readonly number[]): void {
    this.requireBus();
    this.tick();
    for (const [i, byte] of bytes.entries()) this.writeByte(offset + i, byte);
    this.tick();
  }

  private writeByte(offset: number, byte: number): void {
    if (offset === 126) {
      this.pendingBank = byte;
      this.image.setByte(0, 0, 126, byte);
      return;
    }
    if (offset === 127) {
      this.page = byte;
      this.bank = this.faults.has("bank-select-ignored") ? 0 : this.pendingBank;
      this.image.setByte(0, 0, 127, byte);
      return;
    }
    this.image.setByte(this.page, this.bank, offset, byte);
    if (offset === 26) this.onControl(byte);
    if (this.page === 0x10 && offset === 128) this.onDeinit(this.bank, byte);
  }

  private onControl(byte: number): void {
    const lowPwrRequest = (byte & 0x10) !== 0;
    if (!lowPwrRequest && this.state === STATE.lowPwr) this.setState(STATE.pwrUp);
    if (lowPwrRequest && (this.state === STATE.ready || this.state === STATE.pwrUp))
      this.setState(STATE.pwrDn);
  }

  // DataPathDeinit cleared for a lane starts its DataPathInit (only in ModuleReady).
  private onDeinit(bank: number, byte: number): void {
    if (this.state !== STATE.ready) return;
    for (let i = 0; i < this.map.lanesPerBank; i++) {
      const lane = bank * this.map.lanesPerBank + i + 1;
      if ((byte >> i) & 1) {
        this.set("dataPathState", DP.deactivated, lane);
        this.dpSince.delete(lane);
        this.deactivated.add(lane);
      } else if (this.deactivated.delete(lane)) {
        this.set("dataPathState", DP.init, lane);
        this.dpSince.set(lane, this.now());
      }
    }
  }
}
