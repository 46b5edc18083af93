// Helpers shared by the fuzz tests (fast-check) over datasheets, station files and records.

/** Cases per property: `fallback` in `npm test`, more with XPO_FUZZ_RUNS (e.g. 10000 nightly). */
export function fuzzRuns(fallback: number): number {
  return Number(process.env.XPO_FUZZ_RUNS ?? fallback);
}

// Replace the value at a path of pseudo-random steps into a JSON value (keys chosen by index).
export function mutateAt(node: unknown, steps: number[], value: unknown): unknown {
  if (steps.length === 0 || typeof node !== "object" || node === null) return value;
  const [step = 0, ...rest] = steps;
  if (Array.isArray(node)) {
    if (node.length === 0) return [value];
    const copy = [...node];
    copy[step % node.length] = mutateAt(copy[step % node.length], rest, value);
    return copy;
  }
  const keys = Object.keys(node);
  if (keys.length === 0) return { x: value };
  const key = keys[step % keys.length] as string;
  return { ...node, [key]: mutateAt((node as Record<string, unknown>)[key], rest, value) };
}
