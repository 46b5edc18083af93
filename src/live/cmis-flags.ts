// The module flags latched at 00h:9-11 (temperature, supply, aux monitors), judged as a count
// of set bits. A module clears them when they are read (CMIS), so each check covers the time
// since the one before: cmis-management's covers power-up to DataPathInit, cmis-monitors' the
// rest of the run. No other read of the bus touches these bytes (cmis-bus.ts).
import type { CmisBus } from "./cmis-bus.js";
import { judgeReading } from "./judge.js";
import type { JudgeContext } from "./step.js";

const FLAG_FIELDS = ["temperatureFlags", "supplyFlags", "moduleAuxFlags"];

export async function judgeFlags(
  ctx: JudgeContext<"CMIS-LIVE-FLAGS">,
  bus: CmisBus,
  during: string,
): Promise<void> {
  const read = await bus.readFlags();
  const set = FLAG_FIELDS.flatMap((name) => read(name).filter((f) => Number(f.raw ?? 0) !== 0));
  const count = set.reduce((n, f) => n + Number(f.raw).toString(2).replaceAll("0", "").length, 0);
  judgeReading(ctx, "CMIS-LIVE-FLAGS", count, {
    subject: `module flags 00h:9-11 latched ${during}`,
    evidence: {
      instrument: bus.adapter.describe(),
      memory:
        set
          .map((f) => `page 00h byte ${f.offset} ${f.name} = 0x${Number(f.raw).toString(16)}`)
          .join("; ") || "none set",
    },
  });
}
