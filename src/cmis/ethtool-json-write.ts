// Write decoded fields the way `ethtool --json -m` prints them: the keys the memory map names
// (`ethtool`), per-lane arrays once per bank under the same key. Used by `xpo cmis image
// --format ethtool-json` and the round-trip tests; the text has duplicate keys on purpose.
import type { DecodedField, DecodedMap } from "./decode.js";
import { indexFields } from "./decode.js";
import type { MemoryMap } from "./map.js";

function jsonValue(field: DecodedField): string {
  if (field.name === "revision" && typeof field.raw === "number")
    return JSON.stringify({ major: field.raw >> 4, minor: field.raw & 0xf });
  return JSON.stringify(field.value ?? null);
}

export function writeEthtoolJson(decoded: DecodedMap, map: MemoryMap): string {
  const byName = indexFields(decoded);
  const lines: string[] = [];
  for (const spec of map.fields) {
    if (!spec.ethtool) continue;
    const fields = (byName.get(spec.name) ?? []).filter((f) => !f.missing);
    if (fields.length === 0) continue;
    if (spec.repeat?.per !== "lane") {
      lines.push(`"${spec.ethtool}": ${jsonValue(fields[0] as DecodedField)}`);
      continue;
    }
    for (let bank = 0; bank < decoded.bankCount; bank++) {
      const values = fields.filter((f) => f.bank === bank).map((f) => JSON.stringify(f.value));
      if (values.length === 0) continue;
      const list = `[ ${values.join(", ")} ]`;
      lines.push(
        `"${spec.ethtool}": ${spec.ethtool === "rx_power" ? `{ "values": ${list}, "type": "rcvr_signal_avg_optical_power" }` : list}`,
      );
    }
  }
  return `[ {\n    ${lines.join(",\n    ")}\n} ]\n`;
}
