// `xpo cmis decode <input>` prints a module's CMIS memory map (any input format) as text or
// JSON; `xpo cmis image <datasheet> -o FILE` writes a conforming starter image for it.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { decodeImage } from "../../cmis/decode.js";
import { writeEthtoolJson } from "../../cmis/ethtool-json-write.js";
import { writePageFolder } from "../../cmis/folder.js";
import { formatDecoded } from "../../cmis/format-text.js";
import { writeHexDump } from "../../cmis/hexdump.js";
import { writeLinearImage } from "../../cmis/linear.js";
import { loadMemoryMap } from "../../cmis/map.js";
import { readCmisInput } from "../../cmis/read-input.js";
import { starterImage } from "../../cmis/starter.js";
import { checkDatasheetShape } from "../../datasheet/check-shape.js";
import { readDatasheetText } from "../../datasheet/read-datasheet.js";
import { XpoError } from "../../model/errors.js";
import { escapeControl } from "../../model/terminal-text.js";
import { defaultProfileId, loadProfile } from "../../profile/load-profile.js";
import { parsePositioned } from "../../util/positioned-source.js";
import type { CommandContext } from "../context.js";

const FORMATS = ["linear", "folder", "hex", "ethtool-json"] as const;
type Format = (typeof FORMATS)[number];

function decodeCommand(context: CommandContext) {
  return (input: string, flags: { profile: string; json?: boolean }) => {
    const profile = loadProfile(flags.profile);
    const map = loadMemoryMap(profile.dir);
    const { image, format } = readCmisInput(input, map);
    const decoded = decodeImage(image, map);
    if (flags.json) {
      context.stdout.write(`${JSON.stringify({ input, format, ...decoded }, null, 2)}\n`);
      return;
    }
    context.stdout.write(escapeControl(formatDecoded(decoded, `${input} (${format})`)));
  };
}

function imageCommand(context: CommandContext) {
  return (file: string, flags: { profile: string; out: string; format: string }) => {
    if (!(FORMATS as readonly string[]).includes(flags.format))
      throw new XpoError("XPO_USAGE", `unknown --format ${flags.format}`, {
        remedy: `Use one of ${FORMATS.join(", ")}.`,
      });
    const profile = loadProfile(flags.profile);
    const map = loadMemoryMap(profile.dir);
    const parsed = parsePositioned(file, readDatasheetText(file));
    const problems = checkDatasheetShape(parsed);
    if (problems.length > 0) {
      const first = problems[0] as XpoError;
      throw new XpoError(first.code, first.message, { ...first.location, problems });
    }
    const image = starterImage(parsed.data, map, profile);
    const banks = image.pages().reduce((n, p) => Math.max(n, p.page >= 0x10 ? p.bank + 1 : n), 1);
    const format = flags.format as Format;
    if (format === "folder") writePageFolder(image, flags.out);
    else if (format === "hex") writeFileSync(flags.out, writeHexDump(image));
    else if (format === "ethtool-json")
      writeFileSync(flags.out, writeEthtoolJson(decodeImage(image, map), map));
    else writeFileSync(flags.out, writeLinearImage(image, map, banks));
    context.stdout.write(`wrote ${flags.out} (${format}, ${banks} banks) from ${file}\n`);
  };
}

export function register(program: Command, context: CommandContext): void {
  const cmis = program
    .command("cmis")
    .description("decode a module's CMIS memory map, or write a starter image from a datasheet");
  cmis
    .command("decode")
    .description(
      "print the decoded map: page folder, ethtool hex dump, linear image or ethtool --json",
    )
    .argument("<input>", "dump file or folder of page dumps (docs/cmis.md)")
    .option("-p, --profile <id|path>", "limit profile id or folder", defaultProfileId())
    .option("--json", "print JSON (every field with page, bank, byte, raw and value)")
    .action(decodeCommand(context));
  cmis
    .command("image")
    .description("write a conforming starter CMIS image for a datasheet")
    .argument("<datasheet>", "datasheet file (YAML/JSON)")
    .requiredOption("-o, --out <file>", "output file (a folder for --format folder)")
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "linear")
    .option("-p, --profile <id|path>", "limit profile id or folder", defaultProfileId())
    .action(imageCommand(context));
}
