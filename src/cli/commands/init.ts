// `xpo init [file]`: write a starter datasheet for a vendor to fill in. Its first line points
// yaml-language-server at the profile's xpo.schema.json by a path relative to the new file, so
// the editor checks it as it is typed, here or from node_modules/xpo-msa-harness. The body is
// the DR8-LPO example (it passes), with the identity marked for replacement.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Command } from "commander";
import { XpoError } from "../../model/errors.js";
import { escapeControl } from "../../model/terminal-text.js";
import { defaultProfileId, loadProfile } from "../../profile/load-profile.js";
import { outputError } from "../../util/make-directory.js";
import { repoRoot } from "../../util/repo-root.js";
import type { CommandContext } from "../context.js";

const EXAMPLE = join(repoRoot, "fixtures", "datasheets", "pass", "acme-xpo-dr8-lpo.yaml");

// The starter text: a modeline, what to do, then the example with its identity to replace.
function starterText(schemaPath: string, profileId: string): string {
  const body = readFileSync(EXAMPLE, "utf8")
    .replace(/^(#[^\n]*\n)+/, "")
    .replace(/^( {2}vendor:) .*$/m, "$1 Your Company")
    .replace(/^( {2}partNumber:) .*$/m, "$1 YOUR-PART-NUMBER")
    .replace(/^( {2}profile:) .*$/m, `$1 ${profileId}`)
    .replace(/^( {2}description:) .*$/m, "$1 Replace every value with your module's");
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    "# XPO module datasheet, started by `npx xpo init`. Every value below is an example (a",
    "# 12.8T DR8-LPO module): replace each with your module's, then run `npx xpo validate` on",
    "# this file. Keys, units and limits: docs/datasheet.md; the limits: `npx xpo limits`.",
    body,
  ].join("\n");
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("init")
    .description("write a starter datasheet whose first line makes editors check it")
    .argument("[file]", "the datasheet to write", "xpo-datasheet.yaml")
    .option("-p, --profile <id|path>", "limit profile id or folder", defaultProfileId())
    .option("--force", "replace the file if it exists")
    .action((file: string, flags: { profile: string; force?: boolean }) => {
      const target = resolve(file);
      if (existsSync(target) && !flags.force)
        throw new XpoError("XPO_USAGE", "the file exists; not replaced", {
          file,
          remedy: "Name another file, or pass --force to replace it.",
        });
      const profile = loadProfile(flags.profile);
      const schema = join(profile.dir, "xpo.schema.json");
      if (!existsSync(schema))
        throw new XpoError(
          "XPO_PROFILE_INVALID",
          "the profile has no xpo.schema.json for editors",
          {
            file: schema,
          },
        );
      const schemaPath = relative(dirname(target), schema).split(sep).join("/");
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, starterText(schemaPath, profile.info.id), {
          flag: flags.force ? "w" : "wx",
        });
      } catch (error) {
        throw outputError(file, error);
      }
      context.stdout.write(
        `${escapeControl(`wrote ${file} (editor schema: ${schemaPath})`)}\nnext: edit it, then \`npx xpo validate ${escapeControl(file)}\`\n`,
      );
    });
}
