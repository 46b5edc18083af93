// The module's memory, read live over the management bus (role mgmt) once it is in mission
// mode, judged by every CMIS limit exactly as a dump of it would be (`xpo validate --cmis`):
// identity against the DUT's datasheet, MaxPower, checksums, banks, thresholds, timing codes.
// The evidence names the adapter and the bytes (`page 00h byte 201 = 0xFF`).
import { checkCmisImage } from "../../cmis/check-module.js";
import { listCmisLimitIds } from "../../cmis/limits.js";
import { CmisBus } from "../cmis-bus.js";
import { recordUnchecked } from "../judge.js";
import { defineStep } from "../step.js";

export const cmisMemory = defineStep({
  id: "cmis-memory",
  title: "CMIS memory read over the management bus and checked like a dump",
  kind: "measure",
  // Read from schemas/cmis/checks.schema.json when the runner asks (never at import).
  get limitIds(): readonly string[] {
    return listCmisLimitIds();
  },
  async run(ctx) {
    const { mgmt } = ctx.instruments;
    if (mgmt === undefined) {
      const reason = "the station has no management-bus adapter (role mgmt)";
      for (const id of listCmisLimitIds()) recordUnchecked(ctx, id, "not-applicable", reason);
      return;
    }
    const bus = new CmisBus(mgmt, ctx.profile.dir);
    const image = await bus.readImage(bus.bankCount(ctx.conditions.laneCount));
    ctx.safety.check();
    const datasheet = ctx.datasheet?.parsed.data;
    const verdicts = checkCmisImage(image, {
      profile: ctx.profile,
      datasheet:
        typeof datasheet === "object" && datasheet !== null
          ? (datasheet as Record<string, unknown>)
          : undefined,
    });
    const instrument = mgmt.describe();
    for (const verdict of verdicts)
      ctx.recorder.verdict({ ...verdict, evidence: { instrument, ...verdict.evidence } });
  },
});
