// Checks of the module's memory on its own: identifier, revision, paged memory, checksums,
// the 8-bank encoding, page 11h in every bank and a data-path state for every lane.
import { hex } from "./banks.js";
import {
  type Check,
  type CheckContext,
  type CheckValue,
  field,
  isCheckValue,
  value,
} from "./check-context.js";
import { describeField } from "./decode.js";
import { describePage, PAGE_SIZE } from "./image.js";
import { pageNumber } from "./map.js";

// A check of one decoded field: its raw number or its value.
const fieldCheck =
  (name: string, use: "raw" | "value"): Check =>
  (ctx) => {
    const f = field(ctx, name);
    if (isCheckValue(f)) return f;
    const observed = use === "raw" ? f.raw : f.value;
    const reason = f.text === undefined ? undefined : `${f.title}: ${f.text}`;
    return value(observed, describeField(f), reason === undefined ? {} : { reason });
  };

function badChecksums(ctx: CheckContext): CheckValue {
  const bad: string[] = [];
  const read: string[] = [];
  for (const spec of ctx.map.checksums) {
    const page = pageNumber(spec.page);
    const bytes = ctx.image.getUpper(page, 0);
    if (!bytes)
      return {
        kind: "error",
        reason: `${describePage(page, 0)} is not in the input`,
        evidence: `${describePage(page, 0)} byte ${spec.byte}: missing`,
      };
    let sum = 0;
    for (let at = spec.from; at <= spec.to; at++) sum = (sum + (bytes[at - PAGE_SIZE] ?? 0)) & 0xff;
    const stored = bytes[spec.byte - PAGE_SIZE] ?? 0;
    const at = `${describePage(page, 0)} byte ${spec.byte} = ${hex(stored)}`;
    read.push(at);
    if (stored !== sum) bad.push(`${at}, but bytes ${spec.from}-${spec.to} sum to ${hex(sum)}`);
  }
  return value(bad, bad[0] ?? read.join("; "));
}

function banks(ctx: CheckContext): CheckValue {
  const { code, readings } = ctx.decoded.banks;
  if (code === undefined || readings.length === 0)
    return {
      kind: "error",
      reason: "page 01h is not in the input",
      evidence: "page 01h byte 142: missing",
    };
  const wanted = ctx.bound("CMIS-BANK-001").const;
  const hit = readings.find((r) => r.banks === wanted) ?? readings[0];
  const said = readings.map((r) => `${r.reading}: ${r.banks ?? "unknown"}`).join("; ");
  return value(hit?.banks ?? null, hit?.evidence ?? "", {
    reason: `BanksSupported code ${code} (${said})`,
  });
}

// Page 11h in every bank the XPO needs (the bank count of CMIS-BANK-001).
function missingLanePages(ctx: CheckContext): CheckValue {
  const spec = ctx.map.fields.find((f) => f.name === "dataPathState");
  if (!spec) return { kind: "error", reason: "the memory map has no dataPathState field" };
  const page = pageNumber(spec.page);
  const all = ctx.bound("CMIS-BANK-001").const;
  if (typeof all !== "number")
    return { kind: "error", reason: "CMIS-BANK-001 states no bank count" };
  const missing: string[] = [];
  for (let bank = 0; bank < all; bank++)
    if (!ctx.image.hasUpper(page, bank)) missing.push(describePage(page, bank));
  const held = `${describePage(page, 0)}-${all - 1} present`;
  return value(missing, missing.length > 0 ? `${missing[0]} byte 128: missing` : held);
}

function lanesWithoutState(ctx: CheckContext): CheckValue {
  const states = ctx.byName.get("dataPathState") ?? [];
  const bad = states.filter(
    (f) => f.missing === undefined && (f.raw === 0 || f.text?.startsWith("reserved")),
  );
  const held = states.filter((f) => f.missing === undefined).length;
  const first = bad[0];
  return value(
    bad.map((f) => `lane ${f.lane}: ${describeField(f)}`),
    first ? describeField(first) : `${held} lanes with a data-path state`,
  );
}

export const MEMORY_CHECKS: Record<string, Check> = {
  identifier: fieldCheck("identifier", "raw"),
  identifierCopy: fieldCheck("identifierCopy", "raw"),
  revision: fieldCheck("revision", "value"),
  flatMemory: fieldCheck("flatMemory", "value"),
  badChecksums,
  powerClass: fieldCheck("powerClass", "value"),
  banks,
  missingLanePages,
  lanesWithoutState,
  supplyMonitorV: fieldCheck("supplyVoltage", "value"),
  inputVoltageV: fieldCheck("inputVoltage", "value"),
  modulePwrUpMs: fieldCheck("modulePwrUpDuration", "value"),
  dpInitMs: fieldCheck("dpInitDuration", "value"),
  txTurnOnMs: fieldCheck("txTurnOnDuration", "value"),
};
