// Text from input (datasheet values and paths, run records, instrument replies) is shown on a
// terminal only with its control characters escaped: an ESC sequence in a vendor name must not
// recolour, retitle or rewrite the terminal, a CR must not overwrite the line before it.

// C0 and C1 controls (tab and newline kept), DEL, and bidirectional marks and overrides.
function isControl(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a;
  if (code >= 0x7f && code <= 0x9f) return true;
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

// Replace each control character by its \u escape, e.g. ESC by "\u001b".
export function escapeControl(text: string): string {
  let out = "";
  let from = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (!isControl(code)) continue;
    out += `${text.slice(from, at)}\\u${code.toString(16).padStart(4, "0")}`;
    from = at + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
