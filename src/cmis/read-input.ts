// Read a CMIS dump in any supported format, telling them apart by what they are: a folder of
// page dumps, ethtool --json output, an ethtool hex dump, or a linear binary image.
import { readFileSync, statSync } from "node:fs";
import { XpoError } from "../model/errors.js";
import { readEthtoolJson } from "./ethtool-json.js";
import { readPageFolder } from "./folder.js";
import { readHexDump } from "./hexdump.js";
import type { CmisImage } from "./image.js";
import { readLinearImage } from "./linear.js";
import type { MemoryMap } from "./map.js";

export type InputFormat = "folder" | "ethtool-json" | "hexdump" | "linear";

/** No dump of an 8-bank module comes near this; a larger file is not one. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;

// What format a file's bytes are in.
export function sniffFormat(bytes: Uint8Array): Exclude<InputFormat, "folder"> {
  // Control bytes other than tab, CR and LF mean binary, whatever the first byte looks like.
  const binary = bytes
    .subarray(0, 128)
    .some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (binary) return "linear";
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith("[") || head.startsWith("{")) return "ethtool-json";
  if (/^(offset\s|#|0x[0-9a-f]{4}:|page\s)/i.test(head)) return "hexdump";
  return "linear";
}

export function readCmisInput(
  path: string,
  map: MemoryMap,
): { image: CmisImage; format: InputFormat } {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new XpoError("XPO_FILE_NOT_FOUND", `no such file or folder: ${path}`, { file: path });
  }
  if (stat.isDirectory()) return { image: readPageFolder(path), format: "folder" };
  if (stat.size > MAX_INPUT_BYTES)
    throw new XpoError("XPO_FILE_TOO_LARGE", `${stat.size} bytes is too large for a CMIS dump`, {
      file: path,
      remedy: "Give one module's dump: a linear image of 8 banks is 3 KB, a hex dump about 20 KB.",
    });
  const bytes = new Uint8Array(readFileSync(path));
  const format = sniffFormat(bytes);
  const text = () => new TextDecoder().decode(bytes);
  if (format === "ethtool-json") return { image: readEthtoolJson(text(), path, map), format };
  if (format === "hexdump") return { image: readHexDump(text(), path), format };
  return { image: readLinearImage(bytes, path, map), format };
}
