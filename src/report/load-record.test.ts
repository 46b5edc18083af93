// Reading run records from disk: streaming, line numbers in errors, truncated last lines.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { serializeRecord } from "../../test/support/synthetic-record.js";
import { createSyntheticValidateRecord } from "../../test/support/synthetic-validate-record.js";
import { register } from "../cli/commands/report.js";
import type { CommandContext } from "../cli/context.js";
import { downsampleMinMax } from "./downsample.js";
import { getJunitSizeWarning } from "./junit-reporter.js";
import { loadRecord } from "./load-record.js";
import { writeReports } from "./write-reports.js";

const dir = mkdtempSync(join(tmpdir(), "xpo-record-"));
const text = serializeRecord(createSyntheticValidateRecord({ datasheets: 5, showcase: true }));

function put(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function codeOf(promise: Promise<unknown>): Promise<{ code?: string; location?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; location?: unknown };
  }
  throw new Error("expected a rejection");
}

describe("loadRecord", () => {
  it("reads every line and counts outcomes from the verdicts", async () => {
    const run = await loadRecord(put("ok.jsonl", text));
    expect(run.subjects).toHaveLength(5);
    expect(run.end).toBeDefined();
    expect(run.counts.fail).toBe(1);
    expect(run.counts.marginal).toBe(1);
    expect(run.inputErrors).toBe(1);
    expect(run.warnings).toEqual([]);
  });

  it("rejects a malformed line in the middle with XPO_RECORD_INVALID and its line", async () => {
    const lines = text.split("\n");
    lines[4] = "{not json";
    const error = await codeOf(loadRecord(put("bad.jsonl", lines.join("\n"))));
    expect(error.code).toBe("XPO_RECORD_INVALID");
    expect(error.location).toMatchObject({ line: 5 });
  });

  it("tolerates a truncated last line (a killed writer) and notes it", async () => {
    const cut = text.slice(0, text.length - 40);
    const run = await loadRecord(put("cut.jsonl", cut));
    expect(run.end).toBeUndefined();
    expect(run.warnings.join("\n")).toMatch(/cut\.jsonl:\d+: skipped a truncated last line/);
    expect(run.warnings.join("\n")).toContain("INCOMPLETE");
  });

  it("names missing files, empty files and foreign files", async () => {
    expect((await codeOf(loadRecord(join(dir, "nope.jsonl")))).code).toBe("XPO_FILE_NOT_FOUND");
    expect((await codeOf(loadRecord(put("empty.jsonl", "")))).code).toBe("XPO_RECORD_INVALID");
    const foreign = await codeOf(loadRecord(put("x.jsonl", '{"type":"verdict"}\n')));
    expect(foreign.code).toBe("XPO_RECORD_INVALID");
  });

  it("keeps multi-byte characters split across read chunks intact", async () => {
    const lines = createSyntheticValidateRecord({ datasheets: 1 });
    const subject = lines.find((l) => l.type === "subject");
    if (subject?.type === "subject") subject.identity.vendor = `Ω°µ😀${"é".repeat(1 << 20)}`;
    const run = await loadRecord(put("wide.jsonl", serializeRecord(lines)));
    expect(run.subjects[0]?.subject.identity.vendor?.startsWith("Ω°µ😀é")).toBe(true);
    expect(run.subjects[0]?.subject.identity.vendor?.length).toBe(4 + (1 << 20) + 1);
  });
});

describe("downsampleMinMax", () => {
  it("keeps the peak and the dip of a long series", () => {
    const t = Array.from({ length: 100_000 }, (_, i) => i);
    const v = t.map((i) => Math.sin(i / 1000));
    v[54_321] = 99;
    v[77_777] = -99;
    const out = downsampleMinMax(
      [t.slice(0, 50_000), t.slice(50_000)],
      [v.slice(0, 50_000), v.slice(50_000)],
      500,
    );
    expect(out.t.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...out.v)).toBe(99);
    expect(Math.min(...out.v)).toBe(-99);
    expect(out.t[out.v.indexOf(99)]).toBe(54_321);
    for (let i = 1; i < out.t.length; i++) expect(out.t[i]).toBeGreaterThan(out.t[i - 1] as number);
  });

  it("passes short series through whole", () => {
    expect(downsampleMinMax([[2, 1]], [[20, 10]], 10)).toEqual({ t: [1, 2], v: [10, 20] });
  });
});

describe("writeReports and xpo report", () => {
  it("writes both files and prints their paths; exit 0 whatever the verdicts", async () => {
    const record = put("run.jsonl", text);
    const out: string[] = [];
    const err: string[] = [];
    const context = {
      exitCode: -1,
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    } as unknown as CommandContext;
    const program = new Command("xpo").exitOverride();
    register(program, context);
    await program.parseAsync(["report", record, "--out", join(dir, "out")], { from: "user" });
    expect(context.exitCode).toBe(0);
    expect(out.join("")).toContain("junit.xml");
    expect(out.join("")).toContain("report.html");
    expect(existsSync(join(dir, "out", "report.html"))).toBe(true);
    expect(readFileSync(join(dir, "out", "junit.xml"), "utf8")).toContain("<testsuites");

    // Without --out, the reports go beside the record.
    await program.parseAsync(["report", put("run2.jsonl", text)], { from: "user" });
    expect(context.exitCode).toBe(0);
    expect(existsSync(join(dir, "junit.xml"))).toBe(true);

    await program.parseAsync(["report", join(dir, "missing.jsonl")], { from: "user" });
    expect(context.exitCode).toBe(2);
    expect(err.join("")).toContain("XPO_FILE_NOT_FOUND");
  });

  it("returns the paths it wrote", async () => {
    const written = await writeReports(put("run3.jsonl", text), join(dir, "w"));
    expect(written.junitPath).toBe(join(dir, "w", "junit.xml"));
    expect(written.htmlPath).toBe(join(dir, "w", "report.html"));
  });

  it("warns above GitLab's 30 MB with how to split, and only then", () => {
    expect(getJunitSizeWarning(29e6, 10)).toBeUndefined();
    const warning = getJunitSizeWarning(95e6, 10_000) ?? "";
    expect(warning).toContain("95.0 MB");
    expect(warning).toContain("--shard=1/4");
    expect(warning).toContain("The full file was written");
  });
});
