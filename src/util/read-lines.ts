// Read a text file line by line without holding it whole: decode 1 MiB chunks (the decoder keeps
// multi-byte characters split across chunks), then split on LF, cheaper than decoding per line.
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/**
 * Call `handle` with each line of the file (without its LF), in order. Resolves to whether the
 * last line had no LF (a writer stopped mid-line).
 */
export async function forEachLine(path: string, handle: (text: string) => void): Promise<boolean> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    let from = 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", from)) {
      handle(text.slice(from, at));
      from = at + 1;
    }
    rest = text.slice(from);
  }
  rest += decoder.end();
  const unterminated = rest !== "";
  if (unterminated) handle(rest);
  return unterminated;
}
