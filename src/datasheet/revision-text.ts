// A revision is major.minor, not a decimal: `cmisRevision: 5.10` is read by YAML and JSON as the
// number 5.1, and would be judged as revision 5.1. Find such values by the text as written.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { schemasDir } from "../profile/load-profile.js";
import type { PositionedDocument, SourcePosition } from "../util/positioned-source.js";

let paths: string[][] | undefined;

// Paths of the fields schemas/datasheet.schema.json marks `"x-unit": "revision"`, read once.
function datasheetRevisionPaths(): string[][] {
  paths ??= revisionPaths(
    JSON.parse(readFileSync(join(schemasDir, "datasheet.schema.json"), "utf8")),
  );
  return paths;
}

// Paths of the fields a schema marks `"x-unit": "revision"`.
function revisionPaths(schema: unknown, path: string[] = [], out: string[][] = []): string[][] {
  const node = schema as { properties?: Record<string, unknown>; "x-unit"?: unknown };
  if (node?.["x-unit"] === "revision") out.push(path);
  for (const [key, sub] of Object.entries(node?.properties ?? {}))
    revisionPaths(sub, [...path, key], out);
  return out;
}

/** A revision number whose written form is not the number it reads as. */
export interface MisreadRevision {
  path: string[];
  at: SourcePosition;
  written: string;
  read: number;
}

// The revisions written with a trailing zero in a minor of two or more digits (5.10, 5.20).
export function findMisreadRevisions(data: PositionedDocument, text: string): MisreadRevision[] {
  const lines = text.split("\n", 10_000);
  const found: MisreadRevision[] = [];
  for (const path of datasheetRevisionPaths()) {
    const value = path.reduce<unknown>(
      (node, key) =>
        typeof node === "object" && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      data.data,
    );
    if (typeof value !== "number") continue;
    const at = data.locate(path);
    if (!at) continue;
    const written = /^[0-9]+\.[0-9]+/.exec(lines[at.line - 1]?.slice(at.column - 1) ?? "")?.[0];
    if (written && /\.[0-9]*[0-9]0$/.test(written) && written !== String(value))
      found.push({ path, at, written, read: value });
  }
  return found;
}
