// `ethtool --json -m DEV` output (ethtool 6.14+). It carries decoded values, not bytes, and it
// repeats each per-lane key once per bank in the same object, so a plain JSON.parse keeps only
// the last bank. This reader walks the document with the yaml package's parser, which keeps
// duplicate keys in order (JSON is YAML), and writes each value back into the bytes the memory
// map says it came from. The image is partial: bytes ethtool does not print stay unknown.
import type { Node, YAMLMap } from "yaml";
import { XpoError } from "../model/errors.js";
import { yamlLib } from "../util/yaml-lib.js";
import { encodePlace, type FieldValue } from "./codec.js";
import { CmisImage } from "./image.js";
import type { FieldSpec, MemoryMap } from "./map.js";
import { placesOf } from "./places.js";

const FORMAT =
  "Give the output of `ethtool --json -m DEV` (ethtool 6.14 or later) unchanged (docs/cmis.md).";

interface Entry {
  key: string;
  node: Node | null;
}

function plain(node: Node | null): unknown {
  if (node === null) return null;
  if (yamlLib().isScalar(node)) return node.value;
  if (yamlLib().isSeq(node)) return node.items.map((item) => plain(item as Node));
  if (yamlLib().isMap(node))
    return Object.fromEntries(
      node.items.map((pair) => [
        String((pair.key as { value?: unknown })?.value),
        plain(pair.value as Node),
      ]),
    );
  return undefined;
}

// The value ethtool prints for a field, as the memory map's value (numbers, strings).
function fieldValue(spec: FieldSpec, value: unknown): FieldValue | undefined {
  if (spec.encoding === "revision" && typeof value === "object" && value !== null) {
    const { major, minor } = value as { major?: number; minor?: number };
    return (major ?? 0) + (minor ?? 0) / 10;
  }
  if (spec.encoding === "hex") {
    if (Array.isArray(value))
      return value.map((b) => Number(b).toString(16).padStart(2, "0")).join("");
    return typeof value === "string"
      ? value.replace(/^0x/i, "").replace(/[^0-9a-fA-F]/g, "")
      : undefined;
  }
  if (typeof value === "string" && /^0x[0-9a-f]+$/i.test(value)) return Number.parseInt(value, 16);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  return undefined;
}

function laneValues(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  const values = (value as { values?: unknown } | null)?.values;
  return Array.isArray(values) ? values : undefined;
}

// Read ethtool JSON into a partial image; `file` names it in errors.
export function readEthtoolJson(text: string, file: string, map: MemoryMap): CmisImage {
  const lineCounter = new (yamlLib().LineCounter)();
  const doc = yamlLib().parseDocument(text, {
    uniqueKeys: false,
    lineCounter,
    prettyErrors: false,
  });
  const error = doc.errors[0];
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    throw new XpoError("XPO_JSON_SYNTAX", error.message.split("\n")[0] ?? "bad JSON", {
      file,
      line: at.line,
      column: at.col,
    });
  }
  let root = doc.contents as Node | null;
  if (root && yamlLib().isSeq(root)) root = (root.items[0] as Node | undefined) ?? null;
  if (!root || !yamlLib().isMap(root))
    throw new XpoError("XPO_CMIS_INPUT", "not ethtool module JSON: expected [ { ... } ]", {
      file,
      line: 1,
      remedy: FORMAT,
    });
  const entries: Entry[] = (root as YAMLMap).items.map((pair) => ({
    key: String((pair.key as { value?: unknown })?.value),
    node: (pair.value as Node | null) ?? null,
  }));
  const image = new CmisImage({ partial: true });
  const byKey = new Map(map.fields.filter((f) => f.ethtool).map((f) => [f.ethtool as string, f]));
  const seen = new Map<string, number>();
  for (const { key, node } of entries) {
    const spec = byKey.get(key);
    if (!spec) continue;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const value = plain(node);
    if (spec.repeat?.per === "lane")
      writeLanes(
        image,
        map,
        spec,
        occurrence,
        value,
        file,
        lineCounter.linePos(node?.range?.[0] ?? 0).line,
      );
    else if (occurrence === 0) {
      const decoded = fieldValue(spec, value);
      if (decoded !== undefined) write(image, map, spec, 0, 0, decoded);
    }
  }
  if (seen.size === 0)
    throw new XpoError(
      "XPO_CMIS_INPUT",
      "no CMIS module keys (identifier, vendor_name, ...) found",
      { file, line: 1, remedy: FORMAT },
    );
  return image;
}

function write(
  image: CmisImage,
  map: MemoryMap,
  spec: FieldSpec,
  bank: number,
  index: number,
  value: FieldValue,
): void {
  const place = placesOf(spec, [bank], map.lanesPerBank)[index];
  if (!place) return;
  const read = (o: number) => image.byte(place.page, place.bank, o);
  for (const [offset, byte] of encodePlace(place, value, read, map.codes))
    image.setByte(place.page, place.bank, offset, byte);
}

function writeLanes(
  image: CmisImage,
  map: MemoryMap,
  spec: FieldSpec,
  bank: number,
  value: unknown,
  file: string,
  line: number,
): void {
  const values = laneValues(value);
  const count = spec.repeat?.count ?? 1;
  if (!values || values.length !== count)
    throw new XpoError(
      "XPO_CMIS_INPUT",
      `${spec.ethtool} (bank ${bank}) should list ${count} lanes`,
      { file, line, remedy: FORMAT },
    );
  if (bank > 7)
    throw new XpoError(
      "XPO_CMIS_INPUT",
      `${spec.ethtool} appears more than 8 times (8 banks at most)`,
      { file, line, remedy: FORMAT },
    );
  values.forEach((v, index) => {
    if (typeof v === "number") write(image, map, spec, bank, index, v);
  });
}
