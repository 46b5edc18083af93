// The safety controller of a live run. It owns the supply output: the procedure switches the
// output on only through it, and it switches the output OFF, and records why, on any limit
// breach while powered (over-temperature, over-current, flow loss, inlet too hot), any
// instrument error or timeout, an interruption (Ctrl-C, SIGTERM) or an exception.

import type { StationFile } from "../generated/station.js";
import { type Instruments, listOpen } from "../instruments/open-instruments.js";
import { isXpoError, XpoError } from "../model/errors.js";
import type { LiveRecorder } from "./recorder.js";
import { findBreach, type TripKind } from "./safety-breach.js";
import { type SwitchOffResult, switchSupplyOff } from "./switch-off.js";
import { TimingLedger } from "./timing-ledger.js";
import { waitMs } from "./wait.js";

/** The switch-off path's reply timeout when the station sets none (or the supply's, if shorter). */
const SWITCH_OFF_TIMEOUT_MS = 1000;

export interface SafetyTrip {
  kind: TripKind;
  message: string;
  /** false for interruptions and crashes: the record stays open so the run can be resumed. */
  final: boolean;
  step?: string;
}

// The error a step sees once the controller has tripped: an XpoError told apart by its code
// (XPO_SAFETY_TRIP, XPO_INTERRUPTED); the trip itself is the controller's `trip`.
function createTripError(trip: SafetyTrip): XpoError {
  const code = trip.kind === "interrupted" ? "XPO_INTERRUPTED" : "XPO_SAFETY_TRIP";
  const where = trip.step ? ` in step ${trip.step}` : "";
  return new XpoError(code, `${trip.kind}${where}: ${trip.message}`);
}

// Classify an error that stopped the procedure or the monitor.
export function classifyError(error: unknown): { kind: TripKind; message: string } {
  if (isXpoError(error)) {
    const where = error.location.instrument ? `${error.location.instrument}: ` : "";
    const command = error.location.command ? ` (command "${error.location.command}")` : "";
    const kind: TripKind =
      error.code === "XPO_INSTRUMENT_TIMEOUT"
        ? "instrument-timeout"
        : error.code === "XPO_SAFETY_TRIP"
          ? "interlock"
          : error.code === "XPO_INTERRUPTED"
            ? "interrupted"
            : error.code.startsWith("XPO_INSTRUMENT") || error.code === "XPO_CONNECT_FAILED"
              ? "instrument-error"
              : "exception";
    return { kind, message: `${where}${error.message}${command} [${error.code}]` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "exception", message: `exception: ${message}` };
}

export class SafetyController {
  readonly instruments: Instruments;
  readonly limits: StationFile["safety"];
  private readonly recorder: LiveRecorder;
  private readonly timeScale: number;
  private readonly abortController = new AbortController();
  private monitorRunning = false;
  /** Aborted by stopMonitor: the monitor's wait between polls ends at once. */
  private monitorStop = new AbortController();
  private monitorDone: Promise<void> = Promise.resolve();
  private tripDone: Promise<void> | undefined;
  /** The output was commanded on and not yet confirmed off. */
  powered = false;
  trip: SafetyTrip | undefined;
  /** Whether the supply output was confirmed off after the trip (or at the end). */
  confirmedOff: boolean | undefined;
  step: string | undefined;
  /** The required dwell and settling the procedure asked for (its floor's waiting part), the
   * steps, and each instrument's busy time inside and outside the dwell. */
  readonly timing = new TimingLedger();

  constructor(instruments: Instruments, station: StationFile, recorder: LiveRecorder) {
    this.instruments = instruments;
    this.limits = station.safety;
    this.recorder = recorder;
    this.timeScale = station.timing?.timeScale ?? 1;
    for (const driver of listOpen(instruments)) this.timing.watch(driver.session);
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  // A step of the procedure starts (named in trips; its own phase of the run's timing).
  enterStep(id: string): void {
    this.step = id;
    this.timing.enterPhase(id);
  }

  // Throw the trip error when the controller has tripped (called between procedure operations).
  check(): void {
    if (this.signal.aborted) throw this.signal.reason;
  }

  // Wait `benchSeconds` of bench time (divided by the station's time scale); a trip cuts it short.
  // Every such wait (settle, soak, between inlet checks) counts toward the run's floor.
  wait(benchSeconds: number): Promise<void> {
    const ms = (benchSeconds * 1000) / this.timeScale;
    return this.timing.during(ms, waitMs(ms, this.signal));
  }

  // The only way the procedure changes the supply voltage.
  async setVoltage(volts: number): Promise<void> {
    this.check();
    await this.instruments.supply.setVoltage(volts);
  }

  // The only way the procedure switches the output on: refused once tripped.
  async outputOn(): Promise<void> {
    this.check();
    this.powered = true;
    await this.instruments.supply.output(true);
  }

  // Switch the output off at the end of a procedure (not a trip).
  async outputOff(reason: string): Promise<void> {
    const off = await this.switchOff();
    const ok = off.confirmed;
    this.powered = !ok;
    this.confirmedOff = ok;
    this.recorder.event(
      ok ? "info" : "error",
      "output-off",
      ok ? `supply output off: ${reason}` : `supply output could NOT be confirmed off: ${reason}`,
      {
        ...(this.step ? { step: this.step } : {}),
        data: { confirmed: ok, via: off.via, offMs: off.offMs },
      },
    );
  }

  // Start polling current, temperatures and flow; readings go into the record.
  startMonitor(): void {
    if (this.monitorRunning) return;
    this.monitorRunning = true;
    this.monitorStop = new AbortController();
    const pollMs = this.limits.pollMs ?? 100;
    this.monitorDone = (async () => {
      while (this.monitorRunning && !this.signal.aborted) {
        try {
          await this.poll();
        } catch (error) {
          if (!this.monitorRunning || this.signal.aborted) break;
          const { kind, message } = classifyError(error);
          void this.tripNow({ kind, message: `safety monitor: ${message}`, final: true });
          break;
        }
        await waitMs(pollMs, this.monitorStop.signal).catch(() => {});
      }
    })();
  }

  async stopMonitor(): Promise<void> {
    this.monitorRunning = false;
    this.monitorStop.abort();
    await this.monitorDone;
  }

  // One round of safety readings; breaches while powered trip the output off.
  async poll(): Promise<void> {
    const { supply, coolant, thermal, powermeter } = this.instruments;
    const readings = await Promise.all([
      supply.measureVoltage(),
      supply.measureCurrent(),
      powermeter ? powermeter.measurePower() : supply.measurePower(),
      coolant.inletTemperature(),
      coolant.outletTemperature(),
      coolant.flow(),
      thermal.caseTemperature(),
    ]);
    const [volts, amps, power, inlet, outlet, flow, caseC] = readings.map((r) => r.value) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const r = this.recorder;
    r.reading("supply voltage", "V", volts, [], supply.describe());
    r.reading("input current", "A", amps, ["XPO-PWR-005"], supply.describe());
    r.reading(
      "module power",
      "W",
      power,
      ["XPO-PWR-001", "DECL-PWR-MAX"],
      (powermeter ?? supply).describe(),
    );
    r.reading("coolant inlet", "°C", inlet, [], coolant.describe());
    r.reading("coolant outlet", "°C", outlet, [], coolant.describe());
    r.reading("coolant flow", "L/min", flow, [], coolant.describe());
    r.reading(
      "case temperature",
      "°C",
      caseC,
      ["XPO-COOL-007", "DECL-CASE-MAX"],
      thermal.describe(),
    );
    if (!this.powered || this.signal.aborted) return;
    const protection = (await supply.protectionTrip()).value;
    const breach = findBreach({ amps, caseC, flow, inlet, protection }, this.limits, {
      supply,
      coolant,
      thermal,
    });
    if (breach !== undefined && this.powered && !this.signal.aborted)
      await this.tripNow({ ...breach, final: true });
  }

  // Trip: stop the procedure, switch the supply output off, record why. Idempotent.
  tripNow(trip: SafetyTrip): Promise<void> {
    if (this.tripDone !== undefined) return this.tripDone;
    const since = performance.now();
    this.trip = { ...trip, ...(this.step && !trip.step ? { step: this.step } : {}) };
    this.abortController.abort(createTripError(this.trip));
    this.tripDone = (async () => {
      const stepInfo = this.trip?.step ? { step: this.trip.step } : {};
      this.recorder.event(
        "error",
        trip.kind === "interrupted" ? "interrupted" : "safety-trip",
        `${trip.kind}: ${trip.message}`,
        {
          ...stepInfo,
          data: { kind: trip.kind },
        },
      );
      const off = await this.switchOff(since);
      const ok = off.confirmed;
      this.confirmedOff = ok;
      if (ok) this.powered = false;
      this.recorder.event(
        ok ? "warning" : "error",
        "output-off",
        ok
          ? `supply output switched off and confirmed off (${trip.kind}), ${off.offMs} ms after the trip via the ${off.via}`
          : `supply output could NOT be confirmed off after ${trip.kind}: switch it off by hand`,
        { ...stepInfo, data: { kind: trip.kind, confirmed: ok, via: off.via, offMs: off.offMs } },
      );
    })();
    return this.tripDone;
  }

  // Switch the output off and read back that it is off (switch-off.ts: bounded, two paths).
  private switchOff(since = performance.now()): Promise<SwitchOffResult> {
    const supply = this.instruments.supply;
    const timeoutMs =
      this.limits.switchOffTimeoutMs ?? Math.min(SWITCH_OFF_TIMEOUT_MS, supply.session.timeoutMs);
    return switchSupplyOff(supply, timeoutMs, since);
  }
}
