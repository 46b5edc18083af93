// The text an editor shows for a limit. Editors (yaml-language-server, VS Code's JSON mode) show
// only standard JSON Schema annotations: `description` (plain) and `markdownDescription` (VS
// Code and yaml-language-server). Their own error messages ("Value is above the maximum of
// 480") cannot be replaced without a non-standard keyword such as ajv-errors' `errorMessage`,
// which editors ignore; so the limit id, title, bound, severity, confidence and cited sources go
// into the hover and completion text instead. scripts/gen-editor-text.mjs writes this text into
// each limit's subschema; a test fails when it is stale.
import type { LimitInfo } from "../model/limit.js";
import type { ProfileSource } from "./sources.js";

/** The source ids (S3, S28b, ...) a limit's `source` text cites, in order, once each. */
export function citedSourceIds(sourceText: string): string[] {
  return [...new Set(sourceText.match(/\bS\d+b?\b/g) ?? [])];
}

function citedSources(info: LimitInfo, sources: ProfileSource[]): ProfileSource[] {
  return citedSourceIds(info.source).flatMap((id) => sources.filter((source) => source.id === id));
}

function sourceLine(source: ProfileSource): string {
  const at = source.url ? `, ${source.url}` : "";
  return `${source.id}: ${source.publisher}, "${source.title}", ${source.date}${at}`;
}

function sourceMarkdown(source: ProfileSource): string {
  const title = source.url
    ? `[${source.title}](${source.url})`
    : `*${source.title}* (${source.where})`;
  return `- **${source.id}** ${source.publisher}: ${title}, ${source.date}. ${source.what}`;
}

function status(info: LimitInfo): string {
  const assumed = info.confidence === "assumed" ? " (an assumed value: a lab overrides it)" : "";
  return `${info.severity}, confidence ${info.confidence}${assumed}`;
}

/** The `description` and `markdownDescription` of a limit's subschema. */
export function editorText(
  info: LimitInfo,
  sources: ProfileSource[],
): { description: string; markdownDescription: string } {
  const cited = citedSources(info, sources);
  const applies = info.appliesWhen ? ` Applies when ${info.appliesWhen}.` : "";
  const note = info.note ? ` ${info.note}` : "";
  const description = [
    `${info.id} ${info.title}: ${info.boundText} (${status(info)}).${applies}`,
    `Source: ${info.source}.${cited.map((source) => ` ${sourceLine(source)}.`).join("")}${note}`,
  ].join(" ");
  const markdown = [
    `**${info.id}** ${info.title}`,
    `Limit: \`${info.boundText}\` (${status(info)}).${applies}`,
    `Source: ${info.source}`,
    ...(cited.length ? [cited.map(sourceMarkdown).join("\n")] : []),
    ...(info.note ? [info.note] : []),
    "Checked by `npx xpo validate`; all limits: `npx xpo limits`.",
  ];
  return { description, markdownDescription: markdown.join("\n\n") };
}
