// The record writer never writes through what is already at the record's path (issue 16, B1):
// a new record replaces a planted link, a resumed record refuses one, and a planted FIFO is
// refused at once instead of blocking the
// run.
import { spawnSync } from "node:child_process";
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { RecordWriter } from "./record-writer.js";

let dir: string;
let victim: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xpo-record-writer-"));
  victim = join(dir, "victim.txt");
  writeFileSync(victim, "victim\n");
});

const end = {
  type: "run-end",
  endedAt: "2026-01-01T00:00:00.000Z",
  counts: { pass: 0, fail: 0, marginal: 0, "not-applicable": 0, error: 0 },
  inputErrors: 0,
  exitCode: 0,
} as const;

describe("RecordWriter on a path with a planted link", () => {
  it("a new record replaces the link; what it pointed to is untouched", () => {
    const path = join(dir, "run.jsonl");
    symlinkSync(victim, path);
    const writer = new RecordWriter(path);
    writer.append(end);
    writer.close();
    expect(readFileSync(victim, "utf8")).toBe("victim\n");
    expect(lstatSync(path).isFile()).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(`${JSON.stringify(end)}\n`);
  });

  it("a resumed record refuses to append through the link", () => {
    const path = join(dir, "run.jsonl");
    symlinkSync(victim, path);
    expect(() => new RecordWriter(path, { append: true })).toThrow(
      expect.objectContaining({
        code: "XPO_OUTPUT_UNWRITABLE",
        message: expect.stringContaining("symbolic link"),
      }),
    );
    expect(readFileSync(victim, "utf8")).toBe("victim\n");
  });

  it("a resumed record that is a FIFO is refused at once, not waited on", () => {
    const path = join(dir, "run.jsonl");
    expect(spawnSync("mkfifo", [path]).status).toBe(0);
    expect(() => new RecordWriter(path, { append: true })).toThrow(
      expect.objectContaining({ code: "XPO_OUTPUT_UNWRITABLE" }),
    );
  });
});
