// A folder of per-page binary dumps, one file per page as `ethtool -m DEV page N bank M raw on`
// writes it. Names: page00-lower.bin (bytes 0-127), pageXX.bin (upper page XXh, 128 bytes;
// page00.bin may also be 256 bytes: lower then upper), pageXX-bankN.bin for banked pages.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XpoError } from "../model/errors.js";
import { CmisImage, PAGE_SIZE } from "./image.js";
import { isBanked, pageName } from "./map.js";

const NAME = /^page([0-9a-fA-F]{2})(?:-bank([0-7]))?(-lower)?\.bin$/;
const NAMING =
  "Name each dump page00-lower.bin, page<XX>.bin or page<XX>-bank<N>.bin (XX hex, N 0-7), e.g. `ethtool -m swp1 page 0x11 bank 7 raw on > page11-bank7.bin` (docs/cmis.md).";

function problem(file: string, message: string): XpoError {
  return new XpoError("XPO_CMIS_INPUT", message, { file, remedy: NAMING });
}

// Read every page dump of a folder into one image; all problems are reported together.
export function readPageFolder(dir: string): CmisImage {
  const image = new CmisImage();
  const problems: XpoError[] = [];
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".bin"))
    .sort();
  for (const name of names) {
    const file = join(dir, name);
    const match = NAME.exec(name);
    if (!match) {
      problems.push(problem(file, `${name} does not say which page and bank it holds`));
      continue;
    }
    const page = Number.parseInt(match[1] ?? "", 16);
    const bank = Number(match[2] ?? 0);
    const lower = match[3] !== undefined;
    const bytes = new Uint8Array(readFileSync(file));
    if (lower && page !== 0) problems.push(problem(file, "only page 00 has a lower half"));
    else if (match[2] !== undefined && !isBanked(page))
      problems.push(problem(file, `page ${pageName(page)} is not banked: drop "-bank${bank}"`));
    else if (page === 0 && !lower && bytes.length === 2 * PAGE_SIZE) {
      image.setLower(bytes.slice(0, PAGE_SIZE));
      image.setUpper(0, 0, bytes.slice(PAGE_SIZE));
    } else if (bytes.length !== PAGE_SIZE)
      problems.push(
        problem(
          file,
          `${bytes.length} bytes; a page dump is 128 bytes${bytes.length < PAGE_SIZE ? ` (truncated at byte offset ${bytes.length})` : ""}`,
        ),
      );
    else if (lower) image.setLower(bytes);
    else image.setUpper(page, bank, bytes);
  }
  if (problems.length === 0 && !image.lower)
    problems.push(problem(join(dir, "page00-lower.bin"), "the folder has no lower page"));
  if (problems.length > 0) {
    const first = problems[0] as XpoError;
    throw new XpoError("XPO_CMIS_INPUT", first.message, {
      ...first.location,
      problems,
      remedy: NAMING,
    });
  }
  return image;
}

// Write an image as a page folder (the naming above).
export function writePageFolder(image: CmisImage, dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (image.lower) writeFileSync(join(dir, "page00-lower.bin"), image.lower);
  for (const { page, bank } of image.pages()) {
    const name = `page${pageName(page).slice(0, 2)}${isBanked(page) ? `-bank${bank}` : ""}.bin`;
    writeFileSync(join(dir, name), image.getUpper(page, bank) as Uint8Array);
  }
}
