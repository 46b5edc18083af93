// The simulated XPO management interface: module and data-path state machines against the
// durations the image advertises, paging by one two-byte write, and each management fault.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkCmisImage } from "../cmis/check-module.js";
import { loadMemoryMap } from "../cmis/map.js";
import { starterImage } from "../cmis/starter.js";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { type CmisFault, SimCmisModule } from "./cmis-module.js";

const profile = loadProfile("public-2026-11");
const map = loadMemoryMap(profile.dir);
const datasheet = parse(
  readFileSync(join(repoRoot, "fixtures/datasheets/pass/acme-xpo-dr8-lpo.yaml"), "utf8"),
);
// The starter image advertises ModulePwrUp < 10 s and DPInit < 5 s.
const PWR_UP_S = 10;
const DP_INIT_S = 5;
const timing = { pwrUpShare: 0.5, dpInitShare: 0.5, lowPwrAtPowerOn: true };

function bench(faults: CmisFault[] = []) {
  const clock = { t: 0 };
  const image = starterImage(datasheet, map, profile);
  const module = new SimCmisModule(image, map, () => clock.t, timing, new Set(faults));
  const state = () => ((module.read(3, 1)[0] ?? 0) >> 1) & 0x7;
  const select = (bank: number, page: number) => module.write(126, [bank, page]);
  // Power on, clear LowPwrRequestSW, and wait `seconds`.
  const powerUp = (seconds: number) => {
    module.setPower(true);
    module.write(26, [0x00]);
    clock.t += seconds;
  };
  const laneStates = (bank: number) => {
    select(bank, 0x11);
    return module.read(128, 4).flatMap((b) => [b & 0xf, b >> 4]);
  };
  const initAllBanks = () => {
    for (let bank = 0; bank < 8; bank++) {
      select(bank, 0x10);
      module.write(128, [0x00]);
    }
  };
  return { clock, image, module, state, select, powerUp, laneStates, initAllBanks };
}

describe("module state machine", () => {
  it("without lowPwrAtPowerOn it powers itself up at power-on and draws full power from PwrUp", () => {
    const clock = { t: 0 };
    const own = { pwrUpShare: 0.5, dpInitShare: 0.5 };
    const module = new SimCmisModule(
      starterImage(datasheet, map, profile),
      map,
      () => clock.t,
      own,
    );
    expect(module.inLowPower()).toBe(true); // unpowered
    module.setPower(true);
    expect(((module.read(3, 1)[0] ?? 0) >> 1) & 0x7).toBe(2);
    expect(module.inLowPower()).toBe(false);
    clock.t += PWR_UP_S * own.pwrUpShare;
    expect(((module.read(3, 1)[0] ?? 0) >> 1) & 0x7).toBe(3);
    module.write(26, [0x10]); // LowPwrRequestSW: PwrDn, then LowPwr
    expect(module.inLowPower()).toBe(true);
  });

  it("LowPwr until LowPwrRequestSW is cleared, PwrUp, then Ready within the advertised time", () => {
    const b = bench();
    b.module.setPower(true);
    expect(b.state()).toBe(1);
    b.module.write(26, [0x00]);
    expect(b.state()).toBe(2);
    b.clock.t += PWR_UP_S * timing.pwrUpShare - 0.01;
    expect(b.state()).toBe(2);
    b.clock.t += 0.02;
    expect(b.state()).toBe(3);
    b.module.write(26, [0x10]);
    expect(b.state()).toBe(4);
  });

  it("does not answer unpowered", () => {
    expect(() => bench().module.read(0, 1)).toThrow(/not powered/);
  });

  it("goes to Fault above its temperature high alarm, with the flag latched", () => {
    const b = bench();
    b.powerUp(PWR_UP_S);
    b.module.setTemperature(120);
    expect(b.state()).toBe(5);
    expect((b.module.read(9, 1)[0] ?? 0) & 0x01).toBe(1);
    expect(b.module.read(41, 1)).toEqual([6]);
  });
});

describe("data paths", () => {
  it("every lane of every bank goes Deactivated -> Init -> Activated after DataPathDeinit is cleared", () => {
    const b = bench();
    b.powerUp(PWR_UP_S);
    expect(b.laneStates(7)).toEqual(Array(8).fill(1));
    b.initAllBanks();
    expect(b.laneStates(4)).toEqual(Array(8).fill(2));
    b.clock.t += DP_INIT_S * timing.dpInitShare;
    for (let bank = 0; bank < 8; bank++)
      expect(b.laneStates(bank), `bank ${bank}`).toEqual(Array(8).fill(4));
  });
});

describe("data paths, re-initialised", () => {
  it("clearing DataPathDeinit again leaves Activated lanes alone; only deinit (0xFF) then 0 restarts Init", () => {
    const b = bench();
    b.powerUp(PWR_UP_S);
    b.initAllBanks();
    b.clock.t += DP_INIT_S * timing.dpInitShare;
    b.initAllBanks(); // a host writing 0 to lanes already up: nothing to time
    expect(b.laneStates(2)).toEqual(Array(8).fill(4));
    b.select(2, 0x10);
    b.module.write(128, [0xff]);
    expect(b.laneStates(2)).toEqual(Array(8).fill(1));
    b.select(2, 0x10);
    b.module.write(128, [0x00]);
    expect(b.laneStates(2)).toEqual(Array(8).fill(2));
  });
});

describe("paging", () => {
  it("acts on BankSelect only when PageSelect is written", () => {
    const b = bench();
    b.powerUp(PWR_UP_S);
    b.module.setLaneTxPower(1, 0.1);
    b.module.setLaneTxPower(33, 0.5);
    b.select(0, 0x11);
    const bank0 = b.module.read(154, 2);
    b.module.write(126, [4]); // BankSelect alone: not acted on
    expect(b.module.read(154, 2)).toEqual(bank0);
    b.module.write(127, [0x11]);
    expect(b.module.read(154, 2)).toEqual([0x13, 0x88]); // lane 33 = 0.5 mW = 5000 x 0.1 uW
  });
});

describe("faults", () => {
  it("slow-power-up: Ready only after twice the advertised duration", () => {
    const b = bench(["slow-power-up"]);
    b.powerUp(PWR_UP_S);
    expect(b.state()).toBe(2);
    b.clock.t += PWR_UP_S;
    expect(b.state()).toBe(3);
  });

  it("stuck-in-pwrup: never Ready", () => {
    const b = bench(["stuck-in-pwrup"]);
    b.powerUp(100 * PWR_UP_S);
    expect(b.state()).toBe(2);
  });

  it("lane-37-never-activates: lane 37 (bank 4, lane 5) stays in DataPathInit", () => {
    const b = bench(["lane-37-never-activates"]);
    b.powerUp(PWR_UP_S);
    b.initAllBanks();
    b.clock.t += 10 * DP_INIT_S;
    expect(b.laneStates(4)).toEqual([4, 4, 4, 4, 2, 4, 4, 4]);
  });

  it("bank-select-ignored: every bank reads as bank 0", () => {
    const b = bench(["bank-select-ignored"]);
    b.powerUp(PWR_UP_S);
    b.module.setLaneTxPower(33, 0.5);
    b.select(4, 0x11);
    expect(b.module.read(154, 2)).not.toEqual([0x13, 0x88]);
  });

  it("wrong-max-power, corrupt-checksum: the CMIS checks fail on the served image", () => {
    const b = bench(["wrong-max-power", "corrupt-checksum"]);
    const verdicts = checkCmisImage(b.image, { profile, datasheet });
    const failed = verdicts.filter((v) => v.outcome === "fail").map((v) => v.limitId);
    expect(failed).toEqual(["CMIS-MEM-002", "CMIS-PWR-002"]);
  });

  it("latched-alarm: the temperature high alarm flag is set from power-on", () => {
    const b = bench(["latched-alarm"]);
    b.module.setPower(true);
    expect(b.module.read(9, 1)).toEqual([0x01]);
    expect(b.module.read(9, 1)).toEqual([0x00]); // latched flags clear when read (CMIS)
  });
});
