// Limits of the live CMIS steps (role mgmt): each compares what the module does with what its
// own memory advertises, so the bound is the ratio 1 ("within what it advertises") or zero
// latched flags; the advertised durations are read from the module during the run.
import type { CompiledLimit } from "../profile/load-profile.js";
import { declared } from "./live-limits.js";

// The live CMIS limits a run adds to the profile's.
export function getCmisLiveLimits(): CompiledLimit[] {
  const advertised = "the module's own advertisement (read live over role mgmt)";
  return [
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
