// A live procedure, built-in or custom, must keep the safety order: the coolant interlock
// before anything can switch the supply on, power-up, and power-down last. Checked before any
// instrument is opened, so a custom procedure can never leave a supply on by leaving a step out.
import { XpoError } from "../model/errors.js";
import type { Step } from "./step.js";

const INTERLOCK = "interlock-coolant";
const POWER_UP = "power-up";
const POWER_DOWN = "power-down";

// Throw XPO_USAGE naming what is missing or out of order; return nothing when the order holds.
export function checkProcedureOrder(steps: readonly Step[]): void {
  const ids = steps.map((step) => step.id);
  const problems: string[] = [];
  if (ids[0] !== INTERLOCK) problems.push(`it must start with ${INTERLOCK}`);
  if (!ids.includes(POWER_UP)) problems.push(`it needs ${POWER_UP}`);
  if (ids.at(-1) !== POWER_DOWN || ids.indexOf(POWER_DOWN) !== ids.length - 1)
    problems.push(`it must end with ${POWER_DOWN}, once`);
  if (problems.length === 0) return;
  throw new XpoError(
    "XPO_USAGE",
    `the live procedure (${ids.join(", ")}): ${problems.join("; ")}`,
    {
      remedy: `Build a procedure as [interlockCoolant, powerUp, ...your steps, powerDown] (see examples/custom-live-step.ts).`,
    },
  );
}
