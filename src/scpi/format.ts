// Render a reply for people: numbers normalised (NaN, Infinity), strings unquoted, blocks
// summarised; `;`-separated replies and `,` lists kept in order.
import { parseNumber, parseString, splitList, splitResponses } from "./parse.js";

const numberLike = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^#[HQB][0-9A-Fa-f]+$/;

// Format one reply (terminator already stripped).
export function formatReply(reply: string): string {
  return splitResponses(reply)
    .map((response) => {
      if (response.startsWith("#") && /^#[0-9]/.test(response)) return summariseBlock(response);
      const items = splitList(response);
      if (items.length <= 1 && !/^["']/.test(response.trim()) && !numberLike.test(response.trim()))
        return response;
      return items
        .map((item) => {
          if (numberLike.test(item)) return String(parseNumber(item));
          if (/^["']/.test(item)) {
            try {
              return parseString(item);
            } catch {
              return item;
            }
          }
          if (/^#[0-9]/.test(item)) return summariseBlock(item);
          return item;
        })
        .join(",");
    })
    .join(";");
}

function summariseBlock(text: string): string {
  const n = Number(text[1]);
  const len = n === 0 ? text.length - 2 : Number(text.slice(2, 2 + n));
  const payload = Buffer.from(text.slice(2 + n, 2 + n + Math.min(len, 16)), "latin1");
  return `<block ${len} bytes: ${payload.toString("hex").replace(/(..)/g, "$1 ").trim()}${len > 16 ? " ..." : ""}>`;
}
