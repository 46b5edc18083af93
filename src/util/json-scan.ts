// Find where JSON text first goes wrong, for the messages V8 gives without a position
// (`"identity": .nan` says only "Unexpected token '.'"). Iterative: no nesting depth blows
// its stack. Only called after JSON.parse has refused the text.

export interface JsonProblem {
  offset: number;
  message: string;
}

type Expect = "value" | "value-or-end" | "key" | "key-or-end" | "after";

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

function show(ch: string | undefined): string {
  return ch === undefined ? "end of the text" : JSON.stringify(ch);
}

// End offset of the string starting at `start` (a `"`), or the problem in it.
function scanString(text: string, start: number): number | JsonProblem {
  for (let at = start + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return at + 1;
    if (code < 0x20)
      return { offset: at, message: `control character ${show(text[at])} in a string` };
    if (code === 0x5c) {
      const escaped = text[at + 1];
      if (escaped === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6)))
          return { offset: at, message: "bad \\u escape in a string" };
        at += 5;
      } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) at++;
      else return { offset: at, message: `bad escape \\${escaped ?? ""} in a string` };
    }
  }
  return { offset: start, message: "unterminated string" };
}

// End offset of the value (string, number, literal) at `at`, or the problem there.
function scanScalar(text: string, at: number): number | JsonProblem {
  const ch = text[at];
  if (ch === '"') return scanString(text, at);
  for (const literal of ["true", "false", "null"])
    if (text.startsWith(literal, at)) return at + literal.length;
  NUMBER.lastIndex = at;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  return {
    offset: at,
    message: `unexpected ${show(ch)}, expected a value (string, number, object, list, true, false or null)`,
  };
}

// The first problem of a JSON text, or undefined when it is valid JSON.
export function findJsonProblem(text: string): JsonProblem | undefined {
  const stack: string[] = [];
  let expect: Expect = "value";
  let at = 0;
  for (;;) {
    while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
    const ch = text[at];
    const top = stack[stack.length - 1];
    if (expect === "after") {
      if (top === undefined)
        return ch === undefined
          ? undefined
          : { offset: at, message: `unexpected ${show(ch)} after the JSON value` };
      if (ch === ",") expect = top === "{" ? "key" : "value";
      else if ((ch === "}" && top === "{") || (ch === "]" && top === "[")) stack.pop();
      else
        return {
          offset: at,
          message: `expected "," or "${top === "{" ? "}" : "]"}", found ${show(ch)}`,
        };
      at++;
    } else if (expect === "key" || expect === "key-or-end") {
      if (expect === "key-or-end" && ch === "}") {
        stack.pop();
        at++;
        expect = "after";
        continue;
      }
      if (ch !== '"')
        return { offset: at, message: `expected a double-quoted key, found ${show(ch)}` };
      const end = scanString(text, at);
      if (typeof end !== "number") return end;
      at = end;
      while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
      if (text[at] !== ":")
        return { offset: at, message: `expected ":" after a key, found ${show(text[at])}` };
      at++;
      expect = "value";
    } else if (expect === "value-or-end" && ch === "]") {
      stack.pop();
      at++;
      expect = "after";
    } else if (ch === "{" || ch === "[") {
      stack.push(ch);
      at++;
      expect = ch === "{" ? "key-or-end" : "value-or-end";
    } else {
      const end = scanScalar(text, at);
      if (typeof end !== "number") return end;
      at = end;
      expect = "after";
    }
  }
}
