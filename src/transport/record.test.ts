// A transcript is created fresh (issue 16, B1): a link planted at its path is replaced, never
// written through.
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createTransport } from "./index.js";

it("a transcript replaces a planted link; what it pointed to is untouched", async () => {
  const dir = mkdtempSync(join(tmpdir(), "xpo-transcript-"));
  const victim = join(dir, "victim.txt");
  writeFileSync(victim, "victim\n");
  const path = join(dir, "session.jsonl");
  symlinkSync(victim, path);
  const transport = createTransport("TCPIP0::127.0.0.1::9::SOCKET", { record: path });
  await transport.close();
  expect(readFileSync(victim, "utf8")).toBe("victim\n");
  expect(lstatSync(path).isFile()).toBe(true);
  expect(readFileSync(path, "utf8")).toMatch(/^\{"type":"xpo-scpi-transcript"/);
});
