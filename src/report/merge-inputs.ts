// The records `xpo report` merges: files as given, folders searched for run.jsonl at any depth
// (e.g. the artifacts of every shard downloaded into one folder), and globs (quoted, so the
// shell leaves them alone: "reports/*/run.jsonl"). The order is stable (sorted paths), so a
// merge of the same records always lists them the same way. Nothing found is an error.
import { realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { XpoError } from "../model/errors.js";

const RECORD_NAME = "run.jsonl";

export interface RecordInputs {
  paths: string[];
  /** A folder or a glob was given: the records are a batch (merged even when only one is
   * found, so that shards missing from it are reported). */
  collected: boolean;
}

// Expand the arguments into record paths, each real file once.
export async function expandRecordInputs(args: readonly string[]): Promise<RecordInputs> {
  const found: string[] = [];
  let collected = false;
  for (const arg of args) {
    const kind = kindOf(arg);
    if (kind !== "file") collected = true;
    if (kind === "file") found.push(arg);
    else if (kind === "folder") found.push(...(await findRecords(arg, `**/${RECORD_NAME}`)));
    else if (isDynamicPattern(arg)) found.push(...(await globRecords(arg)));
    else
      throw new XpoError("XPO_FILE_NOT_FOUND", "no such run record or folder", {
        file: arg,
        remedy:
          "Pass run.jsonl files, folders holding them (searched at any depth) or a quoted glob.",
      });
  }
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const path of found) {
    const real = realpathSync(path);
    if (seen.has(real)) continue;
    seen.add(real);
    paths.push(path);
  }
  return { paths, collected };
}

function kindOf(path: string): "file" | "folder" | "missing" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}

async function findRecords(folder: string, pattern: string): Promise<string[]> {
  const paths = await glob(pattern, { cwd: folder, onlyFiles: true, followSymbolicLinks: true });
  if (paths.length === 0)
    throw new XpoError("XPO_FILE_NOT_FOUND", `this folder holds no ${RECORD_NAME}`, {
      file: folder,
      remedy: `Point at the folder the runs wrote (their --out), or at the ${RECORD_NAME} files.`,
    });
  return paths.sort(comparePaths).map((path) => join(folder, path));
}

async function globRecords(pattern: string): Promise<string[]> {
  const paths = await glob(pattern, { onlyFiles: true, followSymbolicLinks: true });
  if (paths.length === 0)
    throw new XpoError("XPO_FILE_NOT_FOUND", "no file matches this pattern", {
      file: pattern,
      remedy: `Check the pattern, e.g. "reports/*/${RECORD_NAME}" (quoted, so the shell leaves it to xpo).`,
    });
  return paths.sort(comparePaths);
}

// Code-unit order: the same on every machine and locale.
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
