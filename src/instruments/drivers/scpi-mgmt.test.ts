// The management-bus adapter driver against the simulated adapter and module over a real
// socket: the module answers only when powered, clearing LowPwrRequestSW brings it to
// ModuleReady, bank/page select in one two-byte write, the whole image read over the bus
// passes the offline CMIS checks, and a corrupt checksum served live fails exactly that check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkCmisImage } from "../../cmis/check-module.js";
import { CmisImage } from "../../cmis/image.js";
import { loadMemoryMap } from "../../cmis/map.js";
import { readCmisInput } from "../../cmis/read-input.js";
import type { StationFile } from "../../generated/station.js";
import { loadProfile } from "../../profile/load-profile.js";
import type { CmisFault } from "../../sim/cmis-module.js";
import { type SimBench, startSimBench } from "../../sim/index.js";
import { repoRoot } from "../../util/repo-root.js";
import { openDriver } from "../open-instruments.js";
import type { ScpiMgmtAdapter } from "./scpi-mgmt.js";

const profile = loadProfile("public-2026-11");
const datasheet = parse(
  readFileSync(join(repoRoot, "fixtures/datasheets/pass/borealis-xpo-dr8-lro.yaml"), "utf8"),
);
const READY = 3;

let bench: SimBench | undefined;
let adapter: ScpiMgmtAdapter | undefined;
afterEach(async () => {
  await adapter?.close();
  await bench?.stop();
});

async function start(cmisFaults: CmisFault[] = [], lowPwrAtPowerOn = false) {
  bench = await startSimBench({
    portBase: 0,
    speed: 1,
    roles: ["mgmt"],
    config: { instruments: { mgmt: { cmisFaults, lowPwrAtPowerOn } } },
  });
  const station = { file: "mgmt-test.yaml", dir: process.cwd(), config: {} as StationFile };
  const config = { resource: bench.get("mgmt").resource, driver: "scpi-mgmt", timeoutMs: 500 };
  adapter = (await openDriver(station, "mgmt", config)).driver as ScpiMgmtAdapter;
  await adapter.prepare();
  return { bench, adapter };
}

// Switch the module's supply on (the model directly: this test has no supply instrument).
function powerOn(b: SimBench) {
  b.model.change(() => {
    b.model.supply.output = true;
  });
}

const moduleState = async (a: ScpiMgmtAdapter) =>
  (((await a.readBytes(3, 1)).value[0] ?? 0) >> 1) & 0x7;

// Read the image over the bus: the lower page and every upper page the served file holds.
async function readImage(a: ScpiMgmtAdapter): Promise<CmisImage> {
  const image = new CmisImage();
  image.setLower(await a.readLower());
  const served = join(repoRoot, "fixtures/cmis/good/borealis-xpo-dr8-lro.bin");
  for (const { page, bank } of readCmisInput(served, loadMemoryMap()).image.pages())
    image.setUpper(page, bank, await a.readUpper(bank, page));
  return image;
}

describe("scpi-mgmt adapter on the simulated module", () => {
  it("an unpowered module does not acknowledge: a typed instrument error, not bytes", async () => {
    const { adapter: a } = await start();
    await expect(a.readBytes(0, 1)).rejects.toMatchObject({
      code: expect.stringMatching(/^XPO_INSTRUMENT_(ERROR|TIMEOUT)$/),
    });
  });

  it("powered and held in LowPwr: LowPwr until LowPwrRequestSW is cleared, then ModuleReady", async () => {
    const { bench: b, adapter: a } = await start([], true);
    powerOn(b);
    expect((await a.readBytes(0, 1)).value).toEqual([0x26]);
    expect(await moduleState(a)).toBe(1);
    await a.writeBytes(26, [0x00]);
    expect(await moduleState(a)).toBe(2);
    b.clock.advance(10);
    expect(await moduleState(a)).toBe(READY);
  });

  it("powered, not held: the module powers itself up to ModuleReady", async () => {
    const { bench: b, adapter: a } = await start();
    powerOn(b);
    expect(await moduleState(a)).toBe(2);
    b.clock.advance(10);
    expect(await moduleState(a)).toBe(READY);
  });

  it("the image read over the bus passes the offline CMIS checks", async () => {
    const { bench: b, adapter: a } = await start();
    powerOn(b);
    const verdicts = checkCmisImage(await readImage(a), { profile, datasheet });
    expect(verdicts.filter((v) => v.outcome === "fail").map((v) => v.limitId)).toEqual([]);
  });

  it("a corrupt checksum served live fails the checksum check only", async () => {
    const { bench: b, adapter: a } = await start(["corrupt-checksum"]);
    powerOn(b);
    const verdicts = checkCmisImage(await readImage(a), { profile, datasheet });
    expect(verdicts.filter((v) => v.outcome === "fail").map((v) => v.limitId)).toEqual([
      "CMIS-MEM-002",
    ]);
  });

  it("bank and page select go in one two-byte write to 126-127", async () => {
    const { bench: b, adapter: a } = await start();
    powerOn(b);
    const command = await a.select(3, 0x11);
    expect(command).toBe("I2C:WRIT 80,126,3,17");
    expect((await a.readBytes(126, 2)).value).toEqual([3, 0x11]);
  });
});
