// `xpo cmis decode` for a person: like `ethtool -m`, one `label : value` line per field, the
// applications one line each, and the 64 lanes as a table (state, monitors, flags).
import type { DecodedField, DecodedMap } from "./decode.js";
import { indexFields } from "./decode.js";

const GROUPS: [string, string][] = [
  ["identity", "Identity"],
  ["state", "Module state and controls"],
  ["power", "Power"],
  ["banks", "Banks and advertising"],
  ["timing", "Timing"],
  ["monitors", "Monitors"],
  ["thresholds", "Thresholds"],
  ["flags", "Module flags"],
];

// The value as a person reads it: code names, units, 4 decimals for measured numbers.
export function showValue(field: DecodedField): string {
  if (field.missing) return `(missing: ${field.missing})`;
  const unit = field.unit ? ` ${field.unit}` : "";
  if (field.text !== undefined && typeof field.raw === "number") {
    const code = `0x${field.raw.toString(16).padStart(2, "0")}`;
    return field.value === field.raw || field.value === null
      ? `${code} (${field.text})`
      : `${code} (${field.text}; ${field.value}${unit})`;
  }
  if (typeof field.value === "number" && !Number.isInteger(field.value))
    return `${field.value.toFixed(4)}${unit}`;
  if (typeof field.value === "boolean") return field.value ? "On" : "Off";
  return `${field.value}${unit}`;
}

function line(label: string, text: string): string {
  return `\t${label.padEnd(41)} : ${text}`;
}

function applicationLines(byName: Map<string, DecodedField[]>): string[] {
  const hosts = byName.get("appHostInterface") ?? [];
  const out: string[] = [];
  hosts.forEach((host, i) => {
    if (host.missing || host.raw === 0 || host.raw === 0xff) return;
    const get = (name: string) => byName.get(name)?.[i];
    const media = get("appMediaInterface");
    const counts = `${get("appHostLaneCount")?.value}/${get("appMediaLaneCount")?.value}`;
    const options = get("appHostLaneOptions");
    out.push(
      line(
        `Application ${i + 1}`,
        `host ${showValue(host)}, media 0x${Number(media?.raw ?? 0)
          .toString(16)
          .padStart(2, "0")}, lanes host/media ${counts}, options 0x${Number(options?.raw ?? 0)
          .toString(16)
          .padStart(2, "0")}`,
      ),
    );
  });
  return out.length > 0 ? out : [line("Applications", "none advertised")];
}

function laneTable(decoded: DecodedMap): string[] {
  const laneFields = decoded.fields.filter((f) => f.lane !== undefined);
  const names = [...new Set(laneFields.map((f) => f.name))];
  const rows = new Map<number, Map<string, DecodedField>>();
  for (const f of laneFields) {
    const row = rows.get(f.lane as number) ?? new Map<string, DecodedField>();
    row.set(f.name, f);
    rows.set(f.lane as number, row);
  }
  const cell = (f: DecodedField | undefined) => {
    if (!f || f.missing) return "-";
    if (typeof f.value === "boolean") return f.value ? "yes" : "no";
    if (f.text !== undefined) return f.text.replace(/^(DataPath|Config)/, "");
    return typeof f.value === "number" && !Number.isInteger(f.value)
      ? f.value.toFixed(4)
      : String(f.value);
  };
  const units = names.map((n) => laneFields.find((f) => f.name === n)?.unit);
  const header = ["lane", ...names.map((n, i) => (units[i] ? `${n} (${units[i]})` : n))];
  const table = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([lane, row]) => [String(lane), ...names.map((n) => cell(row.get(n)))]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) =>
    `\t${r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()}`;
  return [fmt(header), ...table.map(fmt)];
}

// The decoded map as text.
export function formatDecoded(decoded: DecodedMap, source: string): string {
  const byName = indexFields(decoded);
  const out: string[] = [`CMIS memory map of ${source} (${decoded.bankCount} bank(s))`];
  for (const [group, title] of GROUPS) {
    out.push("", title);
    for (const f of decoded.fields)
      if (f.group === group && f.lane === undefined && f.app === undefined)
        out.push(line(f.title, showValue(f)));
  }
  out.push("", "Applications", ...applicationLines(byName));
  out.push("", "Lanes", ...laneTable(decoded));
  return `${out.join("\n")}\n`;
}
