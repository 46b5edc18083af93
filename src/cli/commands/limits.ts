// `xpo limits`: the catalogue of a profile's limits (id, area, title, bound, unit, source,
// confidence, severity) and the public sources they cite, as a table or as JSON.
import type { Command } from "commander";
import { listCmisLimits, loadCmisSources } from "../../cmis/limits.js";
import type { LimitInfo } from "../../model/limit.js";
import { defaultProfileId, listLimits, loadProfile } from "../../profile/load-profile.js";
import { loadSources, type ProfileSource } from "../../profile/sources.js";
import type { CommandContext } from "../context.js";

// Lay out rows as aligned columns.
function formatTable(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join("  "),
    )
    .join("\n");
}

function toRow(limit: LimitInfo): string[] {
  const flag = limit.confidence === "assumed" ? "assumed (!)" : limit.confidence;
  return [limit.id, limit.area, limit.title, limit.boundText, limit.severity, flag, limit.source];
}

// One source: id, publisher, title and date; where to find it; what it states.
function formatSource(source: ProfileSource): string {
  return [
    `  ${source.id}  ${source.publisher}: "${source.title}", ${source.date} (${source.kind})`,
    `        ${source.url ?? source.where}`,
    `        states: ${source.what}`,
  ]
    .map((line) => `${line}\n`)
    .join("");
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("limits")
    .description("list the limits of a profile")
    .option("-p, --profile <id|path>", "limit profile id or folder", defaultProfileId())
    .option("--json", "print JSON (profile info and limits)")
    .option("--cmis", "the CMIS memory-map limits (xpo validate --cmis) and their sources instead")
    .action((flags: { profile: string; json?: boolean; cmis?: boolean }) => {
      const profile = loadProfile(flags.profile);
      const limits = flags.cmis ? listCmisLimits(profile) : listLimits(profile);
      const sources = flags.cmis ? loadCmisSources() : loadSources(profile);
      if (flags.json) {
        const catalogue = { profile: profile.info, limits, sources };
        context.stdout.write(`${JSON.stringify(catalogue, null, 2)}\n`);
        return;
      }
      context.stdout.write(
        `profile ${profile.info.id} revision ${profile.info.revision}: ${profile.info.title}\nlimits hash ${profile.info.hash.slice(0, 16)}\n\n`,
      );
      const header = ["ID", "AREA", "TITLE", "BOUND", "SEVERITY", "CONFIDENCE", "SOURCE"];
      context.stdout.write(`${formatTable([header, ...limits.map(toRow)])}\n`);
      context.stdout.write(
        `\n${limits.length} limits; (!) = assumed value, override it from the MSA text you hold (docs/profiles.md)\n`,
      );
      if (sources.length === 0) return;
      context.stdout.write("\nsources:\n");
      for (const source of sources) context.stdout.write(formatSource(source));
    });
}
