// The same image read from every input format decodes identically, and each format's bad
// input is an XpoError naming the file, the line or byte offset, and the fix.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isXpoError, type XpoError } from "../model/errors.js";
import { loadProfile } from "../profile/load-profile.js";
import { repoRoot } from "../util/repo-root.js";
import { encodePlace } from "./codec.js";
import { decodeImage } from "./decode.js";
import { readEthtoolJson } from "./ethtool-json.js";
import { writeEthtoolJson } from "./ethtool-json-write.js";
import { readPageFolder, writePageFolder } from "./folder.js";
import { readHexDump, writeHexDump } from "./hexdump.js";
import type { CmisImage } from "./image.js";
import { readLinearImage, writeLinearImage } from "./linear.js";
import { loadMemoryMap } from "./map.js";
import { placesOf } from "./places.js";
import { readCmisInput, sniffFormat } from "./read-input.js";

const profile = loadProfile("public-2026-11");
const map = loadMemoryMap(profile.dir);
const goodFile = join(repoRoot, "fixtures", "cmis", "good", "acme-xpo-dr8-lpo.bin");
const good = () => readLinearImage(new Uint8Array(readFileSync(goodFile)), goodFile, map);
const dir = mkdtempSync(join(tmpdir(), "xpo-cmis-"));
const decodedFields = (image: CmisImage) => decodeImage(image, map).fields;

// Give every lane its own Tx power, so a reader that keeps one bank only is caught.
function distinctLanes(image: CmisImage): CmisImage {
  const spec = map.fields.find((f) => f.name === "txPower");
  if (!spec) throw new Error("no txPower field");
  for (const place of placesOf(spec, [0, 1, 2, 3, 4, 5, 6, 7], map.lanesPerBank)) {
    const read = (o: number) => image.byte(place.page, place.bank, o);
    for (const [offset, byte] of encodePlace(place, (place.lane ?? 0) / 100, read, map.codes))
      image.setByte(place.page, place.bank, offset, byte);
  }
  return image;
}

function thrown(run: () => unknown): XpoError {
  try {
    run();
  } catch (error) {
    if (isXpoError(error)) return error;
    throw error;
  }
  throw new Error("expected an XpoError");
}

describe("round trip: every format decodes like the linear image", () => {
  const image = distinctLanes(good());
  const expected = decodedFields(image);

  it("linear image", () => {
    const bytes = writeLinearImage(image, map, 8);
    expect(bytes.length).toBe(2688);
    expect(decodedFields(readLinearImage(bytes, "x.bin", map))).toEqual(expected);
  });

  it("page folder (ethtool raw dumps)", () => {
    const folder = join(dir, "pages");
    writePageFolder(image, folder);
    expect(decodedFields(readPageFolder(folder))).toEqual(expected);
    expect(readCmisInput(folder, map).format).toBe("folder");
  });

  it("ethtool hex dump, several pages in one file", () => {
    const file = join(dir, "dump.hex");
    writeFileSync(file, writeHexDump(image));
    expect(decodedFields(readHexDump(readFileSync(file, "utf8"), file))).toEqual(expected);
    expect(readCmisInput(file, map).format).toBe("hexdump");
  });

  it("ethtool --json, per-lane keys repeated per bank: every bank kept", () => {
    const text = writeEthtoolJson(decodeImage(image, map), map);
    // A plain JSON.parse keeps the last bank only (lanes 57-64) ...
    const plain = JSON.parse(text)[0].transmit_avg_optical_power as number[];
    expect(plain[0]).toBe(0.57);
    // ... this reader keeps all 64 lanes, and every field ethtool prints decodes the same.
    const file = join(dir, "module.json");
    writeFileSync(file, text);
    const read = readCmisInput(file, map);
    expect(read.format).toBe("ethtool-json");
    const carried = new Set(map.fields.filter((f) => f.ethtool).map((f) => f.name));
    const fromJson = decodedFields(read.image).filter((f) => carried.has(f.name));
    expect(fromJson).toEqual(expected.filter((f) => carried.has(f.name)));
    expect(fromJson.filter((f) => f.name === "txPower")).toHaveLength(64);
    // What ethtool does not print stays unknown, never zero.
    const other = decodedFields(read.image).find((f) => f.name === "tempHighAlarm");
    expect(other?.missing).toMatch(/not in the input/);
  });
});

describe("bad input is a clear error", () => {
  it("a truncated page dump names the file and the byte offset", () => {
    const folder = join(dir, "short");
    writePageFolder(good(), folder);
    writeFileSync(join(folder, "page11-bank3.bin"), new Uint8Array(100));
    const error = thrown(() => readPageFolder(folder));
    expect(error.code).toBe("XPO_CMIS_INPUT");
    expect(error.location.file).toMatch(/page11-bank3\.bin$/);
    expect(error.message).toMatch(/100 bytes.*truncated at byte offset 100/);
  });

  it("a page dump whose name says no page is refused with the naming", () => {
    const folder = join(dir, "badname");
    mkdirSync(folder);
    writeFileSync(join(folder, "dump.bin"), new Uint8Array(128));
    const error = thrown(() => readPageFolder(folder));
    expect(error.message).toMatch(/does not say which page/);
    expect(error.remedy).toMatch(/page11-bank7\.bin/);
  });

  it("a linear image of the wrong size lists the sizes and where it ends", () => {
    const bytes = writeLinearImage(good(), map, 8).slice(0, 2500);
    const error = thrown(() => readLinearImage(bytes, "m.bin", map));
    expect(error.message).toMatch(/2500 bytes.*2688 \(8 banks\).*page 11h bank 7/);
    expect(error.location.file).toBe("m.bin");
  });

  it("non-hex text in a hex dump names line and column", () => {
    const text = writeHexDump(good()).replace("0x0010:\t\t", "0x0010:\t\tzz ");
    const error = thrown(() => readHexDump(text, "d.hex"));
    expect(error.message).toBe('"zz" is not a hex byte');
    expect(error.location).toMatchObject({ file: "d.hex", line: 5, column: 10 });
  });

  it("a hex-dumped page with rows missing is truncated, with the first missing offset", () => {
    const lines = writeHexDump(good()).split("\n");
    const cut = lines.filter((line) => !line.startsWith("0x00f0:")).join("\n");
    const error = thrown(() => readHexDump(cut, "d.hex"));
    expect(error.message).toMatch(/page 00h has 112 of 128 bytes \(truncated: offset 0x00f0/);
  });

  it("a bank on a page that is not banked is refused", () => {
    const error = thrown(() => readHexDump("# page 0x01 bank 2\n0x0080:\t\t00\n", "d.hex"));
    expect(error.message).toMatch(/page 01h is not banked/);
  });

  it("a page or bank missing from the input decodes as missing, never as zero", () => {
    const text = writeHexDump(good()).replace(/# page 0x11 bank 7[\s\S]*?(?=# page|$)/, "");
    const lanes = decodedFields(readHexDump(text, "d.hex")).filter((f) => f.name === "txPower");
    expect(lanes.filter((f) => f.missing)).toHaveLength(8);
    expect(lanes[63]?.missing).toBe("page 11h bank 7 is not in the input");
  });

  it("ethtool JSON with a syntax error names the line", () => {
    const error = thrown(() =>
      readEthtoolJson('[ {\n  "identifier": 38,\n  "x": ] }', "m.json", map),
    );
    expect(error.code).toBe("XPO_JSON_SYNTAX");
    expect(error.location.line).toBe(3);
  });

  it("ethtool JSON with the wrong number of lanes in a bank is refused", () => {
    const text = '[ { "identifier": 38, "transmit_avg_optical_power": [ 1, 2 ] } ]';
    const error = thrown(() => readEthtoolJson(text, "m.json", map));
    expect(error.message).toMatch(/transmit_avg_optical_power \(bank 0\) should list 8 lanes/);
  });

  it("a missing input is XPO_FILE_NOT_FOUND", () => {
    expect(thrown(() => readCmisInput(join(dir, "nope.bin"), map)).code).toBe("XPO_FILE_NOT_FOUND");
  });
});

describe("format detection", () => {
  it("takes a binary image for binary even when its first byte reads as '#' or '['", () => {
    const bytes = writeLinearImage(good(), map, 8);
    for (const first of [0x23, 0x5b]) {
      bytes[0] = first;
      expect(sniffFormat(bytes)).toBe("linear");
    }
    expect(sniffFormat(new TextEncoder().encode("Offset\t\tValues\n"))).toBe("hexdump");
    expect(sniffFormat(new TextEncoder().encode(' [ { "identifier": 38 } ]'))).toBe("ethtool-json");
  });
});
