// A custom live step, the smallest useful one: read the module's case temperature at its
// nominal voltage and judge it against a limit of the profile. Copy this file, change the id,
// the limit and the reading, and run it with `runLive({ ..., steps: customProcedure })`
// (examples/custom-live-step.test.ts does that against the built-in simulated bench).

// judgeReading records a verdict: a reading against a limit id, guarded by the instrument's accuracy.
import { judgeReading } from "../src/live/judge.js";
// defineStep ties the step's declared limit ids to what its `run` may judge (a typo does not compile).
import { defineStep, type Step } from "../src/live/step.js";
// The built-in steps a procedure needs around yours: interlock, power on, and power off.
import { interlockCoolant } from "../src/live/steps/interlock-coolant.js";
import { powerDown } from "../src/live/steps/power-down.js";
import { powerUp } from "../src/live/steps/power-up.js";

/** What this step keeps: later steps read it with ctx.stateOf(caseAtNominal); so does --resume. */
export interface CaseAtNominal {
  caseC: number;
}

export const caseAtNominal = defineStep({
  // The id the record, the progress display and the report show for this step.
  id: "case-at-nominal",
  // One line saying what the step does.
  title: "Case temperature at the nominal input voltage",
  // "measure": runs once, and a resumed run skips it once its step-done event is recorded.
  // ("setup" steps, like power-up, run again on every start and resume.)
  kind: "measure",
  // Every limit id the step judges. Before any instrument is opened, the runner refuses a
  // profile that lacks one (XPO_PROFILE_INVALID): never a silently missing verdict.
  limitIds: ["XPO-COOL-007"],
  // How the step's state goes into the record (its step-done event's `data`) and comes back.
  state: {
    save: (state: CaseAtNominal) => ({ caseC: state.caseC }),
    load: (data) => (typeof data.caseC === "number" ? { caseC: data.caseC } : undefined),
  },
  // The step receives its context: the typed instrument drivers (ctx.instruments), the safety
  // controller (ctx.safety), the record (ctx.recorder), the test conditions read from limit
  // bounds (ctx.conditions), the station, the DUT's datasheet and the bench timing.
  async run(ctx) {
    // Only the safety controller changes the supply: it refuses once it has tripped.
    await ctx.safety.setVoltage(ctx.conditions.nominalV);
    // Wait in bench seconds (the simulated bench runs them faster); a trip cuts the wait short.
    await ctx.safety.wait(ctx.timing.settleS);
    // A driver of a role the station must have (model/roles.ts): never raw SCPI in a step.
    const { thermal } = ctx.instruments;
    // Every reading is { value, command }: the value and the SCPI command that produced it.
    const reading = await thermal.caseTemperature();
    // Stop here if the safety controller tripped while we were reading.
    ctx.safety.check();
    // The verdict: pass, marginal (inside, but within the logger's accuracy), fail or error
    // (no valid reading). The limit's bound comes from the profile, never from this file.
    judgeReading(ctx, "XPO-COOL-007", reading.value, {
      subject: "case temperature at the nominal voltage",
      accuracy: thermal.accuracy.temperature,
      evidence: { instrument: thermal.describe(), command: reading.command },
      conditions: { supplyV: ctx.conditions.nominalV },
    });
    // Keep the state: the runner writes it with this step's step-done event.
    ctx.keep({ caseC: reading.value });
  },
});

/** A procedure with the custom step: coolant interlock, power on, the step, power off. */
export const customProcedure: readonly Step[] = [
  interlockCoolant,
  powerUp,
  caseAtNominal,
  powerDown,
];
