// Station files: the example loads; problems come with file:line and a remedy.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { XpoError } from "../model/errors.js";
import { loadStation } from "./load-station.js";
import { exampleStationFile } from "./sim-station.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-station-"));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const minimal = `stationFormat: 1
name: bench-2
instruments:
  supply: { resource: "TCPIP0::10.0.0.5::5025::SOCKET", driver: scpi-supply }
  coolant: { resource: "ASRL/dev/ttyUSB0::INSTR", driver: scpi-coolant, serial: { baudRate: 9600 } }
  thermal: { resource: "TCPIP0::10.0.0.7::5025::SOCKET", driver: scpi-thermal }
safety: { maxCaseTemperatureC: 80, maxCurrentA: 14, minFlowLpm: 0.2, maxInletTemperatureC: 45, supplyCurrentLimitA: 15 }
`;

describe("loadStation", () => {
  it("loads the example station and resolves the DUT datasheet against the file", () => {
    const station = loadStation(exampleStationFile);
    expect(station.config.instruments.supply.driver).toBe("chroma-62000p");
    expect(station.datasheet).toMatch(/fixtures\/datasheets\/pass\/borealis-xpo-dr8-lro\.yaml$/);
  });

  it("loads a minimal station with a serial instrument", () => {
    expect(
      loadStation(write("min.yaml", minimal)).config.instruments.coolant.serial?.baudRate,
    ).toBe(9600);
  });

  it("accepts errorCheck each|separate|off per instrument and rejects other values", () => {
    const file = write(
      "check.yaml",
      minimal.replace("driver: scpi-supply }", "driver: scpi-supply, errorCheck: separate }"),
    );
    expect(loadStation(file).config.instruments.supply.errorCheck).toBe("separate");
    const bad = write(
      "check-bad.yaml",
      minimal.replace("driver: scpi-supply }", "driver: scpi-supply, errorCheck: always }"),
    );
    expect(() => loadStation(bad)).toThrow(
      expect.objectContaining({ code: "XPO_STATION_INVALID" }),
    );
  });

  it("names an unknown role with its line and the closest role", () => {
    const file = write("role.yaml", minimal.replace("  thermal:", "  thermo:"));
    const error = (() => {
      try {
        loadStation(file);
      } catch (e) {
        return e as XpoError;
      }
    })();
    expect(error?.code).toBe("XPO_STATION_INVALID");
    const messages = error?.problems.map((p) => `${p.location.line}: ${p.message}`) ?? [];
    expect(messages, messages.join("\n")).toContain(
      '6: unknown instrument role "thermo" in /instruments; did you mean "thermal"? (known: supply, powermeter, coolant, thermal, optical, ber, mgmt)',
    );
    expect(messages.join("\n")).toMatch(/missing required key "thermal" in \/instruments/);
  });

  it("reports a missing safety setting and a wrong type with positions", () => {
    const file = write(
      "safety.yaml",
      minimal.replace("maxCurrentA: 14, ", "").replace("minFlowLpm: 0.2", "minFlowLpm: low"),
    );
    try {
      loadStation(file);
      expect.unreachable();
    } catch (e) {
      const text = (e as XpoError).problems
        .map((p) => `${p.location.line} ${p.message}`)
        .join("\n");
      expect(text).toMatch(/7 missing required key "maxCurrentA" in \/safety/);
      expect(text).toMatch(/7 \/safety\/minFlowLpm must be number/);
    }
  });

  it("refuses two roles on one resource, naming both and the line (B24)", () => {
    const shared = minimal.replace(
      'thermal: { resource: "TCPIP0::10.0.0.7::5025::SOCKET"',
      'thermal: { resource: "TCPIP::10.0.0.5::5025::SOCKET"',
    );
    const error = (() => {
      try {
        loadStation(write("shared.yaml", shared));
      } catch (e) {
        return e as XpoError;
      }
      return undefined;
    })();
    expect(error?.code).toBe("XPO_STATION_INVALID");
    expect(error?.message).toMatch(
      /instruments\.thermal and instruments\.supply name the same resource .*two roles/,
    );
    expect(error?.location.line).toBe(6);
    expect(error?.problems[0]?.remedy).toMatch(/its own instrument/);
  });

  it("reads a station file as it reads a datasheet: a FIFO is refused, bad UTF-8 is named", () => {
    const fifo = join(dir, "station.fifo");
    execFileSync("mkfifo", [fifo]);
    const codeOf = (file: string) => {
      try {
        loadStation(file);
      } catch (e) {
        return (e as XpoError).code;
      }
      return "loaded";
    };
    expect(codeOf(fifo)).toBe("XPO_FILE_UNREADABLE");
    const bad = join(dir, "latin1.yaml");
    writeFileSync(
      bad,
      Buffer.concat([Buffer.from("name: caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    expect(codeOf(bad)).toBe("XPO_ENCODING");
  });
});
