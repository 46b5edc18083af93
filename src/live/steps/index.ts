// The live procedure, in order, one line per step (each step is one file in this folder).
// power-down always runs last.
import type { Step } from "../step.js";
import { cmisManagement } from "./cmis-management.js";
import { cmisMemory } from "./cmis-memory.js";
import { cmisMissionMode } from "./cmis-mission-mode.js";
import { cmisMonitors } from "./cmis-monitors.js";
import { interlockCoolant } from "./interlock-coolant.js";
import { lanes } from "./lanes.js";
import { powerDown } from "./power-down.js";
import { powerNominal } from "./power-nominal.js";
import { powerRange } from "./power-range.js";
import { powerUp } from "./power-up.js";
import { thermal } from "./thermal.js";

export const liveSteps: readonly Step[] = [
  interlockCoolant,
  powerUp,
  cmisManagement,
  cmisMemory,
  cmisMissionMode,
  powerNominal,
  lanes,
  powerRange,
  thermal,
  cmisMonitors,
  powerDown,
];
