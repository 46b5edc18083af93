// Preflight of the station's safety settings, before anything is switched on: against the
// profile's test conditions (read from limit bounds) and against the instruments' measuring
// ranges (each driver states them). Every problem names its setting and is reported together.
import type { Instruments } from "../instruments/open-instruments.js";
import { XpoError } from "../model/errors.js";
import type { Station } from "../station/load-station.js";
import type { TestConditions } from "./live-limits.js";

/** One problem of a safety setting. */
interface SettingProblem {
  setting: string;
  message: string;
  remedy: string;
}

// One XPO_STATION_INVALID for every problem found, each naming its setting.
function refuse(station: Station, problems: readonly SettingProblem[]): void {
  if (problems.length === 0) return;
  const errors = problems.map(
    (p) =>
      new XpoError("XPO_STATION_INVALID", `safety.${p.setting}: ${p.message}`, {
        file: station.file,
        remedy: p.remedy,
      }),
  );
  throw new XpoError("XPO_STATION_INVALID", errors.map((e) => e.message).join("; "), {
    file: station.file,
    remedy: problems.map((p) => p.remedy).join(" "),
    problems: errors,
  });
}

// Refuse safety settings that would trip at, or not protect, the profile's test conditions.
export function checkSafetyAgainstProfile(station: Station, conditions: TestConditions): void {
  const s = station.config.safety;
  const problems: SettingProblem[] = [];
  if (s.maxInletTemperatureC < conditions.maxInletC)
    problems.push({
      setting: "maxInletTemperatureC",
      message: `maxInletTemperatureC ${s.maxInletTemperatureC} °C would trip at the thermal test condition (${conditions.maxInletC} °C inlet, XPO-COOL-004)`,
      remedy: "Allow the MSA's thermal test condition in the station's safety settings.",
    });
  if (s.minFlowLpm > conditions.minFlowLpm)
    problems.push({
      setting: "minFlowLpm",
      message: `minFlowLpm ${s.minFlowLpm} L/min would trip at the thermal test condition (${conditions.minFlowLpm} L/min, XPO-COOL-002)`,
      remedy: "Allow the MSA's thermal test condition in the station's safety settings.",
    });
  const ovp = s.overVoltageProtectionV;
  if (ovp !== undefined && !(ovp > conditions.maxV))
    problems.push({
      setting: "overVoltageProtectionV",
      message: `overVoltageProtectionV ${ovp} V is not above the highest test voltage ${conditions.maxV} V (XPO-PWR-003): the supply would trip in the power-range step`,
      remedy: `Set overVoltageProtectionV above ${conditions.maxV} V.`,
    });
  refuse(station, problems);
}

// Refuse safety settings the instruments cannot honour or see (their measuring ranges).
export function checkSafetyAgainstInstruments(
  station: Station,
  conditions: TestConditions,
  instruments: Instruments,
): void {
  const s = station.config.safety;
  const { supply, coolant, thermal } = instruments;
  const problems: SettingProblem[] = [];
  const volts = supply.range.voltage;
  const amps = supply.range.current;
  const within = (setting: string, value: number, unit: string, max: number, what: string) => {
    if (value > max)
      problems.push({
        setting,
        message: `${setting} ${value} ${unit} is beyond the ${what} (0 to ${max} ${unit}, driver ${meterName(setting, instruments)})`,
        remedy: `Set ${setting} within the instrument's range, or use a driver for the instrument really on the bench.`,
      });
  };
  if (volts !== undefined) {
    if (s.overVoltageProtectionV !== undefined)
      within("overVoltageProtectionV", s.overVoltageProtectionV, "V", volts.max, "supply's range");
    if (conditions.maxV > volts.max)
      problems.push({
        setting: "overVoltageProtectionV",
        message: `the supply's range (0 to ${volts.max} V) does not reach the highest test voltage ${conditions.maxV} V (XPO-PWR-003)`,
        remedy: "Use a supply that reaches the MSA's highest input voltage.",
      });
  }
  if (amps !== undefined) {
    within("supplyCurrentLimitA", s.supplyCurrentLimitA, "A", amps.max, "supply's range");
    within("maxCurrentA", s.maxCurrentA, "A", amps.max, "supply's range");
  }
  const flow = coolant.range.flow;
  if (flow !== undefined)
    within("minFlowLpm", s.minFlowLpm, "L/min", flow.max, "coolant flow meter's range");
  const caseRange = thermal.range.temperature;
  if (caseRange !== undefined)
    within(
      "maxCaseTemperatureC",
      s.maxCaseTemperatureC,
      "°C",
      caseRange.max,
      "temperature logger's range",
    );
  refuse(station, problems);
}

// The driver that measures a setting's quantity, for messages.
function meterName(setting: string, instruments: Instruments): string {
  if (setting === "minFlowLpm") return instruments.coolant.driverName;
  if (setting === "maxCaseTemperatureC") return instruments.thermal.driverName;
  return instruments.supply.driverName;
}
