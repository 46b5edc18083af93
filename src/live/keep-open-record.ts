// A new live run never destroys an interrupted one: when the output folder holds a live
// record without run-end (resumable with `xpo run --resume`), the new run is refused before
// anything is written or switched on.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XpoError } from "../model/errors.js";

// Whether `path` is the record of a live run that has not ended (it can be resumed).
function isResumableRecord(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return false;
  }
  let live = false;
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    let line: { type?: unknown; live?: unknown };
    try {
      line = JSON.parse(raw);
    } catch {
      continue; // a torn last line (kill -9): still resumable
    }
    if (line.type === "run-start" && typeof line.live === "object" && line.live !== null)
      live = true;
    if (line.type === "run-end") return false;
  }
  return live;
}

// Refuse to start a new run in `outDir` when its run.jsonl is an interrupted, resumable run.
export function refuseResumableRecord(outDir: string): void {
  const path = join(outDir, "run.jsonl");
  if (!existsSync(path) || !isResumableRecord(path)) return;
  throw new XpoError(
    "XPO_USAGE",
    `${path} is an interrupted live run that can still be resumed; a new run here would overwrite it`,
    {
      file: path,
      remedy: `Continue it with  npx xpo run --resume ${path}  or move it away (or choose another --out) to start a new run.`,
    },
  );
}
