// Hostile dumps: random edits of a real hex dump, of ethtool JSON, and random bytes as a linear
// image either read or fail with an XpoError (never a stack trace), and whatever reads decodes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { it } from "vitest";
import { fuzzRuns } from "../../test/support/fuzz.js";
import { isXpoError } from "../model/errors.js";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { checkCmisImage } from "./check-module.js";
import { decodeImage } from "./decode.js";
import { readEthtoolJson } from "./ethtool-json.js";
import { writeEthtoolJson } from "./ethtool-json-write.js";
import { readHexDump } from "./hexdump.js";
import type { CmisImage } from "./image.js";
import { readLinearImage } from "./linear.js";
import { loadMemoryMap } from "./map.js";

const profile = loadProfile("public-2026-11");
const map = loadMemoryMap(profile.dir);
const hexText = readFileSync(join(repoRoot, "fixtures/cmis/good/acme-xpo-dr8-lpo.hex"), "utf8");
const jsonText = writeEthtoolJson(decodeImage(readHexDump(hexText, "g.hex"), map), map);

// Read, then decode and check what was read; only XpoErrors may come out.
function survives(read: () => CmisImage): boolean {
  let image: CmisImage;
  try {
    image = read();
  } catch (error) {
    return isXpoError(error);
  }
  // Checking never throws, and nothing read from a missing byte passes.
  const verdicts = checkCmisImage(image, { profile });
  return verdicts.every((v) => v.outcome !== "pass" || !v.evidence?.memory?.includes("missing"));
}

const edit = (text: string) =>
  fc
    .tuple(fc.nat(text.length), fc.nat(40), fc.string({ maxLength: 12 }))
    .map(([at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut));

it("random edits of a hex dump", () => {
  fc.assert(
    fc.property(edit(hexText), (text) => survives(() => readHexDump(text, "d.hex"))),
    {
      numRuns: fuzzRuns(200),
    },
  );
});

it("random edits of ethtool JSON", () => {
  fc.assert(
    fc.property(edit(jsonText), (text) => survives(() => readEthtoolJson(text, "m.json", map))),
    { numRuns: fuzzRuns(200) },
  );
});

it("random bytes as a linear image", () => {
  const sizes = fc.constantFrom(896, 1152, 1664, 2688, 100, 2687);
  const bytes = sizes.chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
  fc.assert(
    fc.property(bytes, (b) => survives(() => readLinearImage(b, "m.bin", map))),
    {
      numRuns: fuzzRuns(100),
    },
  );
});
