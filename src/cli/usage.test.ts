// commander's own usage errors carry the XPO_USAGE code and a fix line naming the help to read,
// like every other error, and exit 2.
import { describe, expect, it } from "vitest";
import { runXpo } from "../../test/support/cli.js";

describe("usage errors", () => {
  it("a misspelled command gets the suggestion, the code and a fix line", async () => {
    const result = await runXpo(["valdiate", "x.yaml"]);
    expect(result.stderr).toBe(
      "xpo: unknown command 'valdiate' (Did you mean validate?) [XPO_USAGE]\n  fix: See `npx xpo help` for the usage.",
    );
    expect(result.exitCode).toBe(2);
  });

  it("a missing argument names the command's help", async () => {
    const result = await runXpo(["validate"]);
    expect(result.stderr).toBe(
      "xpo: missing required argument 'paths' [XPO_USAGE]\n  fix: See `npx xpo help validate` for the usage.",
    );
    expect(result.exitCode).toBe(2);
  });

  it("an unknown option too, and help still exits 0", async () => {
    const result = await runXpo(["limits", "--jsn"]);
    expect(result.stderr).toMatch(
      /^xpo: unknown option '--jsn'.* \[XPO_USAGE\]\n {2}fix: See `npx xpo help limits`/,
    );
    expect(result.exitCode).toBe(2);
    expect((await runXpo(["help", "limits"])).exitCode).toBe(0);
  });
});
