// Threshold checks (02h): each monitor's thresholds in order (low alarm < low warning < high
// warning < high alarm), and the datasheet's operating ranges inside the warning thresholds,
// the rule of sonic-mgmt's DOM test plan.
import {
  type CheckContext,
  type CheckValue,
  datasheetAt,
  NO_DATASHEET,
  notApplicable,
  value,
} from "./check-context.js";
import { tidy } from "./codec.js";
import { type DecodedField, describeField } from "./decode.js";
import type { ThresholdLevel } from "./map.js";

const ORDER: ThresholdLevel[] = ["lowAlarm", "lowWarning", "highWarning", "highAlarm"];

// Threshold fields by monitor, each level's decoded field.
function thresholdsByMonitor(
  ctx: CheckContext,
): Map<string, Partial<Record<ThresholdLevel, DecodedField>>> {
  const out = new Map<string, Partial<Record<ThresholdLevel, DecodedField>>>();
  for (const spec of ctx.map.fields) {
    if (!spec.threshold) continue;
    const decoded = ctx.byName.get(spec.name)?.[0];
    if (!decoded) continue;
    const entry = out.get(spec.threshold.monitor) ?? {};
    entry[spec.threshold.level] = decoded;
    out.set(spec.threshold.monitor, entry);
  }
  return out;
}

export function unorderedThresholds(ctx: CheckContext): CheckValue {
  const bad: string[] = [];
  let first: DecodedField | undefined;
  let culprit: DecodedField | undefined;
  for (const [monitor, levels] of thresholdsByMonitor(ctx)) {
    for (let i = 0; i + 1 < ORDER.length; i++) {
      const lo = levels[ORDER[i] as ThresholdLevel];
      const hi = levels[ORDER[i + 1] as ThresholdLevel];
      if (!lo || !hi) continue;
      if (lo.missing || hi.missing)
        return {
          kind: "error",
          reason: `${monitor} thresholds: ${lo.missing ?? hi.missing}`,
          evidence: describeField(lo),
        };
      first ??= lo;
      if (!(Number(lo.value) < Number(hi.value))) {
        culprit ??= hi;
        bad.push(
          `${monitor}: ${ORDER[i]} ${lo.value} ${lo.unit ?? ""} is not below ${ORDER[i + 1]} ${hi.value} ${hi.unit ?? ""} (${describeField(hi)})`,
        );
      }
    }
  }
  const at = culprit ?? first;
  return value(bad, at ? describeField(at) : "page 02h");
}

const dbmToMw = (dbm: number) => tidy(10 ** (dbm / 10));

// Datasheet operating points: the case temperature ceiling and each lane's Tx power.
function operatingPoints(
  ctx: CheckContext,
): { monitor: string; what: string; v: number; side: "high" | "both" }[] {
  const points: { monitor: string; what: string; v: number; side: "high" | "both" }[] = [];
  const caseMax = datasheetAt(ctx, "cooling", "caseTemperatureMaxC");
  if (typeof caseMax === "number")
    points.push({ monitor: "temperature", what: "caseTemperatureMaxC", v: caseMax, side: "high" });
  const lanes = datasheetAt(ctx, "optical", "lanes");
  if (Array.isArray(lanes))
    for (const lane of lanes)
      if (typeof lane?.txAveragePowerDbm === "number")
        points.push({
          monitor: "txPower",
          what: `lane ${lane.lane} txAveragePowerDbm ${lane.txAveragePowerDbm}`,
          v: dbmToMw(lane.txAveragePowerDbm),
          side: "both",
        });
  return points;
}

export function rangesOutsideWarnings(ctx: CheckContext): CheckValue {
  if (!ctx.datasheet) return notApplicable(NO_DATASHEET);
  const points = operatingPoints(ctx);
  if (points.length === 0)
    return notApplicable("the datasheet declares no case temperature or lane Tx power");
  const thresholds = thresholdsByMonitor(ctx);
  const outside: string[] = [];
  let evidence = "";
  let culprit = "";
  for (const p of points) {
    const { lowWarning, highWarning } = thresholds.get(p.monitor) ?? {};
    if (!highWarning || highWarning.missing)
      return { kind: "error", reason: `no ${p.monitor} warning thresholds in the input` };
    evidence ||= describeField(highWarning);
    if (p.v > Number(highWarning.value)) culprit ||= describeField(highWarning);
    if (p.v > Number(highWarning.value))
      outside.push(
        `${p.what} (${p.v}) above high warning ${highWarning.value} ${highWarning.unit ?? ""} (${describeField(highWarning)})`,
      );
    const below =
      p.side === "both" && lowWarning && !lowWarning.missing && p.v < Number(lowWarning.value);
    if (below) culprit ||= describeField(lowWarning);
    if (below)
      outside.push(
        `${p.what} (${p.v}) below low warning ${lowWarning.value} ${lowWarning.unit ?? ""} (${describeField(lowWarning)})`,
      );
  }
  return value(outside, culprit || evidence);
}
