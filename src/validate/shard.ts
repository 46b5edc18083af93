// `xpo validate --shard i/n`: a deterministic share of the expanded inputs, so a CI matrix of n
// jobs covers every datasheet exactly once. A file's shard is a hash of its normalised path
// (relative to the working directory, forward slashes), so the split is the same on every
// runner, whatever order a folder lists in, and adding a file never moves the others.
// Inputs that could not be expanded (a missing path) are shared out by the same rule, so each
// problem is reported by exactly one shard.
import { createHash } from "node:crypto";
import type { XpoError } from "../model/errors.js";
import type { ExpandedInputs } from "./expand-inputs.js";

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The largest shard count accepted (a matrix of more jobs than this is a typo). */
const MAX_SHARDS = 10_000;

// Parse "2/3"; a string that is not i/n with 1 <= i <= n is explained, for a usage error.
export function parseShard(text: string): Shard | string {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return `"${text}" is not i/n (e.g. --shard 2/3: the second of three shards)`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return `the shard count must be 1 to ${MAX_SHARDS}`;
  if (index < 1 || index > count) return `the shard index must be 1 to ${count} (1-based)`;
  return { index, count };
}

// The folder a shard writes into under --out: "shard-2-of-3".
export function shardFolder(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

// The path as the hash sees it: forward slashes, no leading "./", no trailing slash.
export function normaliseShardPath(path: string): string {
  let p = path.replace(/\\/g, "/").replace(/\/+/g, "/");
  while (p.startsWith("./")) p = p.slice(2);
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  return p;
}

// The 1-based shard (of `count`) a path belongs to.
export function shardOf(path: string, count: number): number {
  const digest = createHash("sha256").update(normaliseShardPath(path), "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

// Keep this shard's files and input problems; the order of the files is kept.
export function takeShard(inputs: ExpandedInputs, shard: Shard): ExpandedInputs {
  const mine = (path: string) => shardOf(path, shard.count) === shard.index;
  const errorPath = (error: XpoError) => error.location.file ?? "(input)";
  return {
    files: inputs.files.filter(mine),
    errors: inputs.errors.filter((error) => mine(errorPath(error))),
  };
}
