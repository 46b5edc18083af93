// The generic decoder reads what the map says: big-endian signed words, F16, nibbles per lane
// (lane 1 in bits 3-0), bit per lane, code tables; and both readings of BanksSupported = 3.
import { describe, expect, it } from "vitest";
import { loadProfile } from "../profile/load-profile.js";
import { readBankCount } from "./banks.js";
import { decodeF16, decodePlace, encodeF16, encodePlace, type FieldPlace } from "./codec.js";
import { decodeImage, describeField, indexFields } from "./decode.js";
import { CmisImage } from "./image.js";
import { type FieldSpec, loadMemoryMap } from "./map.js";

const map = loadMemoryMap(loadProfile("public-2026-11").dir);
const spec = (name: string) => map.fields.find((f) => f.name === name) as FieldSpec;

function imageWith(bytes: [number, number, number, number][]): CmisImage {
  const image = new CmisImage();
  image.setLower(new Uint8Array(128));
  for (const [page, bank, offset, value] of bytes) image.setByte(page, bank, offset, value);
  return image;
}

describe("codec", () => {
  it("reads s16 big-endian in 1/256 degrees, negative too", () => {
    const place: FieldPlace = { spec: spec("temperature"), page: 0, bank: 0, offset: 14 };
    const bytes = [0xfb, 0x00]; // -5 degrees C
    expect(decodePlace(place, (o) => bytes[o - 14], map.codes)?.value).toBe(-5);
  });

  it("F16 is mantissa x 10^(exponent - 24), and encodes back", () => {
    expect(decodeF16((24 << 11) | 1234)).toBe(1234);
    expect(decodeF16((18 << 11) | 25)).toBe(0.000025);
    expect(decodeF16(encodeF16(3.5e-5))).toBe(3.5e-5);
  });

  it("keeps the other bits of a byte when writing a bit field", () => {
    const place: FieldPlace = {
      spec: spec("powerClass"),
      page: 0,
      bank: 0,
      offset: 200,
      bits: [7, 5],
    };
    expect(encodePlace(place, 8, () => 0x1f, map.codes)).toEqual([[200, 0xff]]);
  });
});

describe("decoder", () => {
  it("puts lane 1 in bits 3-0 and lane 2 in bits 7-4 of 11h:128, lane 9 in bank 1", () => {
    const image = imageWith([
      [0x11, 0, 128, 0x42],
      [0x11, 1, 128, 0x01],
    ]);
    const states = indexFields(decodeImage(image, map)).get("dataPathState") ?? [];
    expect(states.slice(0, 2).map((f) => f.text)).toEqual(["DataPathInit", "DataPathActivated"]);
    expect(states.find((f) => f.lane === 9)).toMatchObject({
      bank: 1,
      text: "DataPathDeactivated",
    });
  });

  it("says which bytes it read: page 00h byte 201 = 0xFF", () => {
    const image = imageWith([[0, 0, 201, 0xff]]);
    const maxPower = indexFields(decodeImage(image, map)).get("maxPower")?.[0];
    expect(maxPower?.value).toBe(63.75);
    expect(maxPower && describeField(maxPower)).toBe("page 00h byte 201 = 0xFF");
  });

  it("reads BanksSupported 3 both ways until the profile picks one", () => {
    const eight = readBankCount(
      imageWith([
        [1, 0, 142, 0x03],
        [1, 0, 174, 8],
      ]),
      map,
    );
    expect(eight.readings.map((r) => [r.reading, r.banks])).toEqual([
      ["code3-is-8-banks", 8],
      ["code3-escape-count", 8],
    ]);
    const four = readBankCount(imageWith([[1, 0, 142, 0x02]]), map);
    expect(four.readings.map((r) => r.banks)).toEqual([4]);
  });
});

describe("encoder", () => {
  it("refuses a value its field cannot hold instead of wrapping it", () => {
    const place: FieldPlace = { spec: spec("maxPower"), page: 0, bank: 0, offset: 201 };
    expect(() => encodePlace(place, 128, () => 0, map.codes)).toThrow(
      /128 W does not fit MaxPower/,
    );
    expect(encodePlace(place, 63.75, () => 0, map.codes)).toEqual([[201, 0xff]]);
  });
});
