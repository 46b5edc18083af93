// Render a reply for people: the text the instrument sent, as it sent it (no number is
// rewritten: firmware `1.0` stays `1.0`, serial `0012345` keeps its zeros), with definite blocks
// summarised (they may hold any byte). For machines, `describeReply` gives its structure.
import { parseString, splitList, splitResponses } from "./parse.js";

// Format one reply (terminator already stripped) for a terminal.
export function formatReply(reply: string): string {
  if (!/#[1-9]/.test(reply)) return reply; // fast path: no block anywhere
  return splitResponses(reply)
    .map((response) => splitList(response).map(summariseItem).join(","))
    .join(";");
}

/** One data element of a reply: its exact text, and the string value when it is quoted. */
export interface ReplyItem {
  text: string;
  string?: string;
  block?: { bytes: number; hex: string };
}

// The structure of a reply: responses (split on `;`), each a list of items (split on `,`), with
// quoted strings unquoted and blocks summarised; the exact text of every item is kept.
export function describeReply(reply: string): ReplyItem[][] {
  return splitResponses(reply).map((response) =>
    splitList(response).map((text) => {
      if (/^#[0-9]/.test(text)) return { text: summariseBlock(text), block: readBlock(text) };
      if (/^["']/.test(text)) {
        try {
          return { text, string: parseString(text) };
        } catch {
          return { text };
        }
      }
      return { text };
    }),
  );
}

function summariseItem(item: string): string {
  return /^#[0-9]/.test(item) ? summariseBlock(item) : item;
}

function readBlock(text: string): { bytes: number; hex: string } {
  const n = Number(text[1]);
  const len = n === 0 ? text.length - 2 : Number(text.slice(2, 2 + n));
  const payload = Buffer.from(text.slice(2 + n, 2 + n + len), "latin1");
  return { bytes: len, hex: payload.toString("hex") };
}

function summariseBlock(text: string): string {
  const { bytes, hex } = readBlock(text);
  const head = hex.slice(0, 32).replace(/(..)/g, "$1 ").trim();
  return `<block ${bytes} bytes: ${head}${bytes > 16 ? " ..." : ""}>`;
}
