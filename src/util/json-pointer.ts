// JSON pointers (RFC 6901) between their text form and a list of property names.

// Split a JSON pointer ("/power/maxPowerW") into property names.
export function fromPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

// Make a JSON pointer for display from a path pattern ("*" stays as is).
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
