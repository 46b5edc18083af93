// JSON pointers (RFC 6901) between their text form and a list of property names.

// Split a JSON pointer ("/power/maxPowerW") into property names.
export function fromPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

// Make a JSON pointer for display from a path pattern ("*" stays as is). Called once per
// verdict: a loop that escapes only the parts holding "~" or "/" (few do) costs a fraction of
// a map, two regex replaces per part and a join (docs/performance.md, eighth round).
export function toPointer(path: readonly (string | number)[]): string {
  let pointer = "";
  for (const part of path) {
    const text = typeof part === "number" ? String(part) : part;
    pointer +=
      text.includes("~") || text.includes("/")
        ? `/${text.replaceAll("~", "~0").replaceAll("/", "~1")}`
        : `/${text}`;
  }
  return pointer;
}
