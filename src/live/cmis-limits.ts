// Limits of the live CMIS steps (role mgmt). Most compare what the module does with what its
// own memory advertises, so the bound is the ratio 1 ("within what it advertises") or zero
// latched flags; the advertised durations are read from the module during the run. The two
// monitor checks take their tolerance from the CMIS profile values (schemas/cmis/profile.json
// monitorTolerance, or a lab's cmis-profile.json).
import { loadCmisLimits } from "../cmis/limits.js";
import { loadMemoryMap } from "../cmis/map.js";
import type { CompiledLimit, Profile } from "../profile/load-profile.js";
import { declared } from "./live-limits.js";

// The monitor checks: the module's own monitors against the bench's reference instruments.
function getMonitorLimits(profile: Profile): CompiledLimit[] {
  const { temperatureK, txPowerDb, source } = loadMemoryMap(profile.dir).profile.monitorTolerance;
  const from = `CMIS profile monitorTolerance (${source ?? "a lab's cmis-profile.json"}; assumed)`;
  return [
    declared(
      "CMIS-LIVE-TEMP",
      "management",
      "Module temperature monitor (00h:14) agrees with the case thermocouple (module - thermocouple)",
      { minimum: -temperatureK, maximum: temperatureK },
      "K",
      `${from}; CMIS 5.x temperature monitor 00h:14-15`,
      "temperature monitor - case temperature",
      "assumed",
    ),
    declared(
      "CMIS-LIVE-TXPWR",
      "management",
      "Per-lane Tx power monitor (11h) agrees with the optical power meter (module - meter)",
      { minimum: -txPowerDb, maximum: txPowerDb },
      "dB",
      `${from}; CMIS 5.x lane Tx power monitors, page 11h`,
      "Tx power monitor - optical meter",
      "assumed",
    ),
  ];
}

// The live CMIS limits a run adds to the profile's.
function getCmisLiveLimits(profile: Profile): CompiledLimit[] {
  const advertised = "the module's own advertisement (read live over role mgmt)";
  return [
    ...getMonitorLimits(profile),
    declared(
      "CMIS-LIVE-PWRUP",
      "management",
      "Time from clearing LowPwrRequestSW to ModuleReady within the advertised MaxDurationModulePwrUp (measured / advertised)",
      { maximum: 1 },
      "ratio",
      `CMIS 5.x MaxDurationModulePwrUp (01h:167); ${advertised}`,
      "ModulePwrUp time ratio",
    ),
    declared(
      "CMIS-LIVE-DPINIT",
      "management",
      "DataPathInit of every lane of a bank within the advertised MaxDurationDPInit (measured / advertised)",
      { maximum: 1 },
      "ratio",
      `CMIS 5.x MaxDurationDPInit (01h:144); ${advertised}`,
      "DataPathInit time ratio",
    ),
    declared(
      "CMIS-LIVE-BANKSEL",
      "management",
      "Each bank's data paths answer only to that bank's DataPathDeinit (count of banks that followed a neighbour's)",
      { maximum: 0 },
      "banks",
      "CMIS 5.x BankSelect/PageSelect (00h:126-127) and per-bank page 10h controls",
      "banks following another bank's controls",
      "harness",
    ),
    declared(
      "CMIS-LIVE-FLAGS",
      "management",
      "No module alarm or warning flag latched during the run (count of latched flags)",
      { maximum: 0 },
      "flags",
      "CMIS 5.x module flags 00h:9-11 (temperature, supply, aux monitors)",
      "latched module flags",
      "harness",
    ),
  ];
}

// Every CMIS limit a live run judges: the live ones above, and the checks of the memory read live.
export function getCmisLimits(profile: Profile): CompiledLimit[] {
  return [...getCmisLiveLimits(profile), ...loadCmisLimits(profile)];
}
