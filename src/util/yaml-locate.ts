// Positions in a document parsed by the `yaml` package: the key and value checks it needs
// before it becomes data, and locating a path, one indexed step per part (doc.getIn scans each
// mapping, which made locating every key of a large mapping quadratic).
import type { Document, Pair, YAMLMap } from "yaml";
import { XpoError } from "../model/errors.js";
import { yamlLib } from "./yaml-lib.js";

export interface Position {
  line: number;
  column: number;
}

type Path = readonly (string | number)[];

/** Keys that could alter object prototypes when a document becomes objects. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// Refuse duplicate keys (with a Set per mapping: the package's own uniqueKeys check compares
// each key with every earlier one, quadratic) and keys that could alter prototypes.
export function checkYamlKeys(
  doc: Document,
  file: string,
  position: (offset: number) => Position,
): void {
  const at = (node: { range?: unknown }) =>
    Array.isArray(node.range) ? position(node.range[0] as number) : {};
  yamlLib().visit(doc, {
    Map(_, map) {
      const keys = new Set<string>();
      for (const { key } of map.items) {
        if (!yamlLib().isScalar(key)) continue;
        const name = String(key.value);
        if (FORBIDDEN_KEYS.has(name))
          throw new XpoError("XPO_FORBIDDEN_KEY", `key "${name}" is not allowed`, {
            file,
            ...at(key),
          });
        if (keys.has(name))
          throw new XpoError("XPO_YAML_SYNTAX", `malformed YAML: duplicate key "${name}"`, {
            file,
            ...at(key),
          });
        keys.add(name);
      }
    },
  });
}

// locate and locateKey over a parsed document.
export function createYamlLocators(
  doc: Document,
  position: (offset: number) => Position,
): {
  locate(path: Path): Position | undefined;
  locateKey(path: Path, key: string): Position | undefined;
} {
  const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = pairIndexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items)
        if (yamlLib().isScalar(item.key) && !index.has(String(item.key.value)))
          index.set(String(item.key.value), item);
      pairIndexes.set(map, index);
    }
    return index.get(key);
  };
  const nodesOn = (path: Path): unknown[] => {
    const nodes: unknown[] = [doc.contents];
    let node: unknown = doc.contents;
    for (const part of path) {
      if (yamlLib().isMap(node)) node = pairOf(node, String(part))?.value;
      else if (yamlLib().isSeq(node) && typeof part === "number") node = node.items[part];
      else node = undefined;
      if (node === undefined || node === null) break;
      nodes.push(node);
    }
    return nodes;
  };
  const rangeStart = (node: unknown): Position | undefined => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? position(range[0]) : undefined;
  };
  const locate = (path: Path): Position | undefined => {
    const nodes = nodesOn(path);
    for (let depth = nodes.length - 1; depth >= 0; depth--) {
      const at = rangeStart(nodes[depth]);
      if (at) return at;
    }
    return undefined;
  };
  const locateKey = (path: Path, key: string): Position | undefined => {
    const nodes = nodesOn(path);
    const parent = nodes.length === path.length + 1 ? nodes[nodes.length - 1] : undefined;
    if (yamlLib().isMap(parent)) {
      const at = rangeStart(pairOf(parent, key)?.key);
      if (at) return at;
    }
    return locate(path);
  };
  return { locate, locateKey };
}
