// --shard i/n: parsing, and a split that covers every input exactly once, the same whatever
// order the inputs come in and however a path is spelled.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { XpoError } from "../model/errors.js";
import { expandInputs } from "./expand-inputs.js";
import { normaliseShardPath, parseShard, shardFolder, shardOf, takeShard } from "./shard.js";

describe("parseShard", () => {
  it.each([
    ["1/1", { index: 1, count: 1 }],
    ["2/3", { index: 2, count: 3 }],
    [" 8 / 8 ", { index: 8, count: 8 }],
  ])("reads %j", (text, shard) => expect(parseShard(text)).toEqual(shard));

  it.each([
    ["0/3", "the shard index must be 1 to 3"],
    ["4/3", "the shard index must be 1 to 3"],
    ["1/0", "the shard count must be 1"],
    ["2", "is not i/n"],
    ["a/b", "is not i/n"],
    ["-1/3", "is not i/n"],
  ])("refuses %j, saying why", (text, why) => expect(parseShard(text)).toContain(why));

  it("names the shard's folder", () =>
    expect(shardFolder({ index: 2, count: 3 })).toBe("shard-2-of-3"));
});

describe("takeShard", () => {
  const paths = Array.from({ length: 600 }, (_, i) => `datasheets/vendor-${i % 7}/part-${i}.yaml`);

  it("puts every path in exactly one of n shards, for any n", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (count) => {
        const seen = new Map<string, number>();
        for (let index = 1; index <= count; index++)
          for (const file of takeShard({ files: paths, errors: [] }, { index, count }).files)
            seen.set(file, (seen.get(file) ?? 0) + 1);
        return seen.size === paths.length && [...seen.values()].every((n) => n === 1);
      }),
      { numRuns: 25 },
    );
  });

  it("does not depend on the order the inputs come in, and keeps that order", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(paths, { minLength: paths.length }), (shuffled) => {
        const mine = takeShard({ files: shuffled, errors: [] }, { index: 2, count: 5 }).files;
        const reference = takeShard({ files: paths, errors: [] }, { index: 2, count: 5 }).files;
        expect([...mine].sort()).toEqual([...reference].sort());
        expect(mine).toEqual(shuffled.filter((p) => reference.includes(p)));
      }),
      { numRuns: 20 },
    );
  });

  it("is the same for ./a/b.yaml, a//b.yaml and a\\b.yaml", () => {
    for (const spelling of ["./a/b.yaml", "a//b.yaml", "a\\b.yaml", "a/b.yaml"]) {
      expect(normaliseShardPath(spelling)).toBe("a/b.yaml");
      expect(shardOf(spelling, 7)).toBe(shardOf("a/b.yaml", 7));
    }
  });

  it("keeps shards within a few percent of an even split", () => {
    const sizes = [1, 2, 3, 4].map(
      (index) => takeShard({ files: paths, errors: [] }, { index, count: 4 }).files.length,
    );
    for (const size of sizes) expect(Math.abs(size - 150)).toBeLessThan(40);
  });

  it("gives each input problem to one shard only", () => {
    const errors = ["missing-a", "missing-b", "missing-c"].map(
      (file) => new XpoError("XPO_FILE_NOT_FOUND", "no such file or folder", { file }),
    );
    const taken = [1, 2, 3].flatMap(
      (index) => takeShard({ files: [], errors }, { index, count: 3 }).errors,
    );
    expect(taken.map((e) => e.location.file).sort()).toEqual([
      "missing-a",
      "missing-b",
      "missing-c",
    ]);
  });

  it("splits a real folder the same whichever order its entries were created in", () => {
    const make = (names: string[]) => {
      const root = mkdtempSync(join(tmpdir(), "xpo-shard-"));
      mkdirSync(join(root, "ds"));
      for (const name of names) writeFileSync(join(root, "ds", name), "identity: {}\n");
      const { files } = expandInputs([join(root, "ds")], root);
      expect(files).toHaveLength(names.length);
      return takeShard({ files, errors: [] }, { index: 1, count: 3 }).files.map((f) =>
        relative(root, join(root, f)),
      );
    };
    const names = Array.from({ length: 30 }, (_, i) => `p${i}.yaml`);
    const forwards = make(names);
    expect(forwards.length).toBeGreaterThan(0);
    expect(forwards.every((f) => f.startsWith("ds/"))).toBe(true);
    expect(make([...names].reverse())).toEqual(forwards);
  });
});
