// The role drivers against the simulated bench over real sockets: typed readings, the supply
// dialect chosen by *IDN?, and identity checks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBench, type TestBench } from "../../test/support/live.js";
import { loadStation } from "../station/load-station.js";
import { Chroma62000PSupply, KeysightN5700Supply, ScpiSupply } from "./drivers/index.js";
import { type Instruments, listOpen, openInstruments } from "./open-instruments.js";
import { chooseDriver } from "./registry.js";

let tb: TestBench;
let instruments: Instruments;

beforeAll(async () => {
  tb = await startTestBench({ speed: 20 });
  instruments = await openInstruments(
    loadStation(
      tb.station({
        instruments: { supply: { driver: "scpi-supply" }, coolant: { errorCheck: "separate" } },
      } as never),
    ),
  );
});
afterAll(async () => {
  await Promise.all(listOpen(instruments).map((d) => d.close()));
  await tb.stop();
});

describe("role drivers over SCPI", () => {
  it("a generic supply driver picks the Chroma dialect from *IDN?", () => {
    expect(instruments.supply).toBeInstanceOf(Chroma62000PSupply);
    expect(instruments.supply.driverName).toBe("chroma-62000p");
    expect(instruments.supply.accuracy.power).toEqual(Chroma62000PSupply.accuracy.power);
  });

  it("sets the supply and reads V, I, P back", async () => {
    const { supply } = instruments;
    await supply.setVoltage(48);
    await supply.setCurrentLimit(12);
    expect(await supply.voltageSetpoint()).toBe(48);
    expect(await supply.currentLimit()).toBe(12);
    await supply.output(true);
    expect(await supply.isOutputOn()).toBe(true);
    expect((await supply.measureVoltage()).value).toBeCloseTo(48, 3);
    const power = (await supply.measurePower()).value;
    expect(power).toBeGreaterThan(100);
    expect((await supply.measureCurrent()).value).toBeCloseTo(power / 48, 3);
    await supply.output(false);
    expect(tb.bench.state().supply.output).toBe(false);
  });

  it("the station's errorCheck reaches the instrument's session (default each)", async () => {
    expect(instruments.coolant.session.errorCheck).toBe("separate");
    expect(instruments.supply.session.errorCheck).toBe("each");
    expect((await instruments.coolant.flow()).value).toBeGreaterThan(0);
  });

  it("reads coolant, case temperature, per-lane BER and optical power", async () => {
    const { coolant, thermal, ber, optical } = instruments;
    expect((await coolant.flow()).value).toBeGreaterThan(0);
    expect(await coolant.fluid()).toBe("PG25");
    expect((await coolant.inletTemperature()).value).toBeCloseTo(25, 0);
    expect((await thermal.caseTemperature()).value).toBeGreaterThan(0);
    expect(Number.isNaN((await ber?.lane(17))?.value)).toBe(true); // module off: no signal
    await instruments.supply.setVoltage(48);
    await instruments.supply.output(true);
    expect((await ber?.lane(17))?.value).toBeLessThan(1e-6);
    expect((await ber?.allLanes())?.value).toHaveLength(64);
    expect((await optical?.lanePower(3))?.value).toBeGreaterThan(0);
    await instruments.supply.output(false);
  });
});

describe("driver choice by *IDN?", () => {
  it("maps identities to dialects, and refuses a dialect whose identity differs", () => {
    expect(
      chooseDriver("supply", "scpi-supply", "Agilent Technologies,N5767A,X,A.01"),
    ).toMatchObject({ ok: true, driver: KeysightN5700Supply });
    expect(chooseDriver("supply", "scpi-supply", "ACME,PSU-1,1,1")).toMatchObject({
      ok: true,
      driver: ScpiSupply,
    });
    expect(chooseDriver("supply", "keysight-n5700", "CHROMA,62012P-80-60,1,1")).toMatchObject({
      ok: false,
      reason: "identity-mismatch",
    });
    expect(chooseDriver("supply", "scpi-ber", "X,Y,Z,W")).toMatchObject({
      ok: false,
      reason: "wrong-role",
    });
    expect(chooseDriver("thermal", "nope", "X,Y,Z,W")).toMatchObject({
      ok: false,
      reason: "unknown-driver",
    });
  });
});
