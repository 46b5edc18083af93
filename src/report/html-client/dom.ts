// Small DOM and number helpers of the page script. Text from the record is only ever set with
// textContent, never as markup.

// Create an element with an optional class and text.
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string | number | null,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined && text !== null) el.textContent = String(text);
  return el;
}

// The element with this id; the page markup always has it.
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`report page: no element #${id}`);
  return el as T;
}

// The element with this id, or null for sections the page leaves out (matrix, plots, ...).
export function findById<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

// The item at index i of a column (indexes come from the page data itself).
export function at<T>(items: readonly T[], i: number): T {
  return items[i] as T;
}

// Up to 6 significant digits, no exponent for ordinary engineering values.
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return "";
  if (!Number.isFinite(x)) return String(x);
  if (Math.round(x) === x && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return x.toExponential(3);
  return String(Number(x.toPrecision(6)));
}
