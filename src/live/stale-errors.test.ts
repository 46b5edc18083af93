// Instruments that still hold error-queue entries from before the run (an aborted run, a
// front-panel slip, another tool): the run starts, records them as a warning, and still refuses
// a real identity mismatch (issue 11).
import { afterEach, expect, it } from "vitest";
import { eventsOf, readRecord, startTestBench, type TestBench } from "../../test/support/live.js";
import { listOpen, openInstruments } from "../instruments/open-instruments.js";
import { loadStation } from "../station/load-station.js";
import { runLive } from "./run-live.js";

let tb: TestBench | undefined;
afterEach(async () => {
  await tb?.stop();
  tb = undefined;
});

// Queue two entries on the supply and one on the BER checker, as an earlier session would.
function leaveStaleErrors(bench: TestBench["bench"]): void {
  bench.engines.supply?.status.push(-113, undefined, "VOLT:PROT:STAT");
  bench.engines.supply?.status.push(-222, undefined, "99");
  bench.engines.ber?.status.push(-113, undefined, "CONF:REM");
}

it("openInstruments reads stale entries before *IDN? and returns them per instrument", async () => {
  tb = await startTestBench();
  leaveStaleErrors(tb.bench);
  const instruments = await openInstruments(loadStation(tb.station()));
  try {
    expect(instruments.staleErrors?.map((s) => [s.role, s.entries])).toEqual([
      ["supply", ['-113,"Undefined header;VOLT:PROT:STAT"', '-222,"Data out of range;99"']],
      ["ber", ['-113,"Undefined header;CONF:REM"']],
    ]);
    expect(instruments.supply.identity).toContain("CHROMA");
  } finally {
    await Promise.all(listOpen(instruments).map((d) => d.close()));
  }
});

it("xpo run starts on a bench holding stale errors and records them as warnings", async () => {
  tb = await startTestBench();
  leaveStaleErrors(tb.bench);
  const result = await runLive({ stationFile: tb.station(), dut: "SN-STALE", outDir: tb.dir });
  const stale = eventsOf(readRecord(result.recordPath), "stale-errors");
  expect(stale.map((e) => [e.level, e.data?.role])).toEqual([
    ["warning", "supply"],
    ["warning", "ber"],
  ]);
  expect(stale[0]?.message).toContain('-113,"Undefined header;VOLT:PROT:STAT"');
  expect(eventsOf(readRecord(result.recordPath), "step-done").length).toBeGreaterThan(0);
  expect(tb.bench.state().supply.output).toBe(false);
});

it("stale errors do not hide a real identity mismatch", async () => {
  tb = await startTestBench();
  leaveStaleErrors(tb.bench);
  const station = tb.station({ instruments: { supply: { identity: "KEYSIGHT" } } } as never);
  const error = await runLive({ stationFile: station, dut: "SN-X", outDir: tb.dir }).then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string },
  );
  expect(error?.code).toBe("XPO_IDENTITY_MISMATCH");
  expect(tb.supplyLog).not.toContain("OUTP ON");
});
