// `xpo drivers`: every role's drivers with kind, how each is chosen and the identities served;
// with --station, the station's plug-ins too (a real process, the built CLI).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runXpo } from "../../../test/support/cli.js";
import { ROLES } from "../../model/roles.js";

interface Row {
  role: string;
  driver: string;
  kind: string;
  realInstrument: boolean;
  chosenBy: string;
  identities: string[];
  source?: string;
}

const dir = mkdtempSync(join(tmpdir(), "xpo-drivers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("xpo drivers", () => {
  it("--json lists each role's generic driver and its real dialects (two or more for supply, coolant, thermal, optical, ber)", async () => {
    const r = await runXpo(["drivers", "--json"]);
    expect(r.exitCode).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    for (const role of ROLES) {
      const mine = rows.filter((row) => row.role === role);
      expect(mine.filter((row) => row.kind === "generic")).toHaveLength(1);
      const real = mine.filter((row) => row.realInstrument);
      expect(real.length).toBeGreaterThanOrEqual(role === "powermeter" ? 1 : 2);
    }
    expect(rows.find((row) => row.driver === "julabo")).toMatchObject({
      kind: "dialect",
      chosenBy: "station",
      identities: ["^JULABO\\b"],
    });
    expect(rows.find((row) => row.driver === "keysight-m8070")?.chosenBy).toBe("*IDN?");
    for (const [driver, role] of [
      ["yokogawa-wt300e", "powermeter"],
      ["keithley-daq6510", "thermal"],
    ])
      expect(rows.find((row) => row.driver === driver)).toMatchObject({
        role,
        kind: "dialect",
        realInstrument: true,
        chosenBy: "*IDN?",
      });
  });

  it("--station loads the station's plug-ins and lists them with their source", async () => {
    const plugin = join(dir, "lab-meter.mjs");
    writeFileSync(
      plugin,
      [
        "export class LabMeter {",
        '  static driverName = "lab-meter";',
        '  static role = "powermeter";',
        "  static identityPatterns = [/^LAB,METER/];",
        "  static accuracy = {};",
        "  static range = {};",
        "  describe() { return 'lab meter'; }",
        "}",
      ].join("\n"),
    );
    const station = join(dir, "station.yaml");
    writeFileSync(
      station,
      [
        "stationFormat: 1",
        "name: plug-in listing",
        "driverPlugins: [./lab-meter.mjs]",
        "instruments:",
        "  supply: { resource: TCPIP0::127.0.0.1::5025::SOCKET, driver: scpi-supply }",
        "  coolant: { resource: TCPIP0::127.0.0.1::5027::SOCKET, driver: scpi-coolant }",
        "  thermal: { resource: TCPIP0::127.0.0.1::5028::SOCKET, driver: scpi-thermal }",
        "safety: { maxCaseTemperatureC: 80, maxCurrentA: 14, minFlowLpm: 0.2, maxInletTemperatureC: 45, supplyCurrentLimitA: 15 }",
      ].join("\n"),
    );
    const r = await runXpo(["drivers", "--station", station]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^powermeter +lab-meter +plug-in +by \*IDN\?\t\^LAB,METER\t\(\.\/lab-meter\.mjs\)$/m,
    );
  });
});
