// Checks of the module's memory against its datasheet: MaxPower (00h:201 saturates above
// 63.75 W; the rest is stated where the profile says), identity strings, and the application
// that carries the datasheet's host interface.
import {
  type Check,
  type CheckContext,
  type CheckValue,
  datasheetAt,
  field,
  isCheckValue,
  NO_DATASHEET,
  notApplicable,
  value,
} from "./check-context.js";
import { tidy } from "./codec.js";
import { type DecodedField, describeField } from "./decode.js";

function datasheetPower(ctx: CheckContext): number | undefined {
  const w = datasheetAt(ctx, "power", "maxPowerW");
  return typeof w === "number" ? w : undefined;
}

// The largest power 00h:201 can state, from the map's scale (255 x 0.25 W = 63.75 W).
function byteCeiling(ctx: CheckContext): { scale: number; top: number } {
  const scale = ctx.map.fields.find((f) => f.name === "maxPower")?.scale ?? 1;
  return { scale, top: tidy(0xff * scale) };
}

function maxPowerByteError(ctx: CheckContext): CheckValue {
  const w = datasheetPower(ctx);
  if (w === undefined)
    return notApplicable(
      ctx.datasheet ? "the datasheet declares no power.maxPowerW" : NO_DATASHEET,
    );
  const f = field(ctx, "maxPower");
  if (isCheckValue(f)) return f;
  const { scale, top } = byteCeiling(ctx);
  const expected = w > top ? 0xff : Math.ceil(tidy(w / scale));
  const why =
    w > top
      ? `maxPowerW ${w} W is above ${top} W, so the byte must be 0xFF`
      : `maxPowerW ${w} W is byte ${expected}`;
  return value((f.raw as number) - expected, describeField(f), {
    observed: f.raw,
    reason: `${f.value} W advertised; ${why}`,
  });
}

function maxPowerExtendedError(ctx: CheckContext): CheckValue {
  const w = datasheetPower(ctx);
  if (w === undefined)
    return notApplicable(
      ctx.datasheet ? "the datasheet declares no power.maxPowerW" : NO_DATASHEET,
    );
  if (w <= byteCeiling(ctx).top) return notApplicable(`maxPowerW ${w} W fits 00h:201`);
  const f = field(ctx, "maxPowerExtended");
  if (isCheckValue(f)) return f;
  return value(tidy(Math.abs(Number(f.value) - w)), describeField(f), {
    reason: `module states ${f.value} W (location assumed by the profile), datasheet ${w} W`,
  });
}

// Identity: the datasheet's string (cut to the field's width) against the module's.
const identityCheck =
  (name: string, key: string): Check =>
  (ctx) => {
    const declared = datasheetAt(ctx, "identity", key);
    if (typeof declared !== "string")
      return notApplicable(
        ctx.datasheet ? `the datasheet declares no identity.${key}` : NO_DATASHEET,
      );
    const f = field(ctx, name);
    if (isCheckValue(f)) return f;
    const width = ctx.map.fields.find((s) => s.name === name)?.length ?? declared.length;
    const norm = (s: string) =>
      f.name === "vendorOui"
        ? s.replace(/[^0-9a-f]/gi, "").toLowerCase()
        : s.slice(0, width).trimEnd();
    const agrees = norm(declared) === norm(String(f.value));
    return value(agrees, describeField(f), {
      observed: f.value,
      reason: `module "${f.value}", datasheet identity.${key} "${declared}"`,
    });
  };

// The advertised applications up to the end of the list (host interface 0 or 0xFF).
function applications(
  ctx: CheckContext,
): { host: DecodedField; count?: DecodedField; options?: DecodedField }[] {
  const hosts = ctx.byName.get("appHostInterface") ?? [];
  const counts = ctx.byName.get("appHostLaneCount") ?? [];
  const options = ctx.byName.get("appHostLaneOptions") ?? [];
  const end = hosts.findIndex((h) => h.missing !== undefined || h.raw === 0 || h.raw === 0xff);
  return hosts.slice(0, end < 0 ? hosts.length : end).map((host, i) => {
    const app: { host: DecodedField; count?: DecodedField; options?: DecodedField } = { host };
    if (counts[i]) app.count = counts[i];
    if (options[i]) app.options = options[i];
    return app;
  });
}

const wantedHost = (ctx: CheckContext) => {
  const text = datasheetAt(ctx, "electrical", "hostInterface");
  return typeof text === "string" ? text.replace(/^\s*\d+\s*x\s*/i, "").trim() : undefined;
};

function hostInterfaceAdvertised(ctx: CheckContext): CheckValue {
  const wanted = wantedHost(ctx);
  if (wanted === undefined)
    return notApplicable(
      ctx.datasheet ? "the datasheet declares no electrical.hostInterface" : NO_DATASHEET,
    );
  const apps = applications(ctx);
  const names = apps.map((a) => a.host.text ?? String(a.host.raw));
  const hit = apps.find((a) => a.host.text === wanted);
  const evidence = describeField(
    hit?.host ?? apps[0]?.host ?? (ctx.byName.get("appHostInterface")?.[0] as DecodedField),
  );
  return value(hit !== undefined, evidence, {
    observed: names,
    reason: `datasheet host interface ${wanted}`,
  });
}

function hostLanesCovered(ctx: CheckContext): CheckValue {
  const apps = applications(ctx);
  const wanted = wantedHost(ctx);
  const app = apps.find((a) => a.host.text === wanted) ?? apps[0];
  if (!app?.count || !app.options)
    return { kind: "error", reason: "no application is advertised (00h:86)" };
  const instances = (app.options.raw as number).toString(2).replace(/0/g, "").length;
  const lanes = Number(app.count.value) * instances * ctx.decoded.bankCount;
  return value(lanes, describeField(app.options), {
    reason: `${app.host.text}: ${app.count.value} host lanes x ${instances} instance(s) per bank x ${ctx.decoded.bankCount} banks`,
  });
}

function mediaTypeMatches(ctx: CheckContext): CheckValue {
  const variant = datasheetAt(ctx, "identity", "opticsVariant");
  if (typeof variant !== "string")
    return notApplicable(
      ctx.datasheet ? "the datasheet declares no identity.opticsVariant" : NO_DATASHEET,
    );
  const expected = ctx.map.profile.mediaTypeByVariant[variant];
  if (typeof expected !== "number")
    return notApplicable(`the profile maps no media type to ${variant}`);
  const f = field(ctx, "mediaType");
  if (isCheckValue(f)) return f;
  const name = ctx.map.codes.mediaType?.codes[String(expected)] ?? expected;
  return value(f.raw === expected, describeField(f), {
    observed: f.text,
    reason: `${variant} implies ${name}`,
  });
}

export const DATASHEET_CHECKS: Record<string, Check> = {
  maxPowerByteError,
  maxPowerExtendedErrorW: maxPowerExtendedError,
  vendorName: identityCheck("vendorName", "vendor"),
  vendorOui: identityCheck("vendorOui", "vendorOui"),
  partNumber: identityCheck("partNumber", "partNumber"),
  vendorRevision: identityCheck("vendorRevision", "hardwareRevision"),
  serialNumber: identityCheck("serialNumber", "serialNumber"),
  dateCode: identityCheck("dateCode", "dateCode"),
  hostInterfaceAdvertised,
  hostLanesCovered,
  mediaTypeMatches,
};
