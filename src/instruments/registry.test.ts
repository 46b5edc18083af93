// One role table (model/roles.ts): the station schema's instruments, the registry's roles and
// the drivers all agree with it; readings name the command(s) that really ran.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROLE_TABLE, ROLES } from "../model/roles.js";
import { schemasDir } from "../profile/load-profile.js";
import type { ScpiSession } from "../scpi/index.js";
import * as drivers from "./drivers/index.js";
import { driverRegistry, listDrivers } from "./registry.js";

const stationSchema = JSON.parse(readFileSync(join(schemasDir, "station.schema.json"), "utf8"));

describe("the role table", () => {
  it("names the station schema's instruments, in order, with the same required roles", () => {
    const instruments = stationSchema.properties.instruments;
    expect(Object.keys(instruments.properties)).toEqual([...ROLES]);
    expect([...instruments.required].sort()).toEqual(
      ROLE_TABLE.filter((r) => r.required)
        .map((r) => r.name)
        .sort(),
    );
    expect(instruments.additionalProperties).toBe(false);
  });

  it("every role has exactly one generic driver; every driver a known role and its own name", () => {
    const all = Object.values(drivers);
    for (const driver of all) expect(ROLES).toContain(driver.role);
    expect(new Set(all.map((d) => d.driverName)).size).toBe(all.length);
    for (const role of ROLES) {
      expect(driverRegistry[role].generic.identityPatterns).toEqual([]);
      expect(listDrivers(role)[0]).toBe(driverRegistry[role].generic.driverName);
    }
  });
});

// A session that answers fixed numbers and logs the queries it got.
function fakeSession(answers: Record<string, number>, log: string[]): ScpiSession {
  return {
    queryNumber: async (command: string) => {
      log.push(command);
      return answers[command] ?? Number.NaN;
    },
  } as unknown as ScpiSession;
}

describe("readings name the command that really ran", () => {
  it("a SCPI-99 supply's power is V x I from two queries, and says so", async () => {
    const log: string[] = [];
    const session = fakeSession({ "MEAS:VOLT?": 48, "MEAS:CURR?": 2.5 }, log);
    const supply = new drivers.ScpiSupply(session, "X", "ACME,PSU-1,1,1", {});
    expect(await supply.measurePower()).toEqual({ value: 120, command: "MEAS:VOLT?; MEAS:CURR?" });
    expect(log).toEqual(["MEAS:VOLT?", "MEAS:CURR?"]);
  });

  it("a Chroma supply reads power in one query", async () => {
    const log: string[] = [];
    const session = fakeSession({ "MEAS:POW?": 121 }, log);
    const supply = new drivers.Chroma62000PSupply(session, "X", "CHROMA,62012P-80-60,1,1", {});
    expect(await supply.measurePower()).toEqual({ value: 121, command: "MEAS:POW?" });
  });

  it("the case temperature names the logger channel", async () => {
    const session = fakeSession({ "MEAS:TEMP? (@3)": 41 }, []);
    const logger = new drivers.ScpiThermalLogger(session, "X", "X,Y,Z,W", {});
    logger.caseChannel = 3;
    expect(await logger.caseTemperature()).toEqual({ value: 41, command: "MEAS:TEMP? (@3)" });
  });
});
