// Where each field of the map lives in a module with N banks: one place per bank for banked
// pages, one per lane or application for repeated fields (lane = 8 x bank + index + 1).
import type { FieldPlace } from "./codec.js";
import { type FieldSpec, isBanked, type MemoryMap, pageNumber } from "./map.js";

// The places of one field for the given banks (unbanked fields: bank 0 only).
export function placesOf(spec: FieldSpec, banks: readonly number[], lanesPerBank: number) {
  const page = pageNumber(spec.page);
  const places: FieldPlace[] = [];
  const bankList = isBanked(page) ? (spec.bank === undefined ? banks : [spec.bank]) : [0];
  for (const bank of bankList) {
    const count = spec.repeat?.count ?? 1;
    for (let index = 0; index < count; index++) {
      const place: FieldPlace = { spec, page, bank, offset: spec.offset };
      const { repeat } = spec;
      if (repeat?.strideBits !== undefined) {
        const lo = (spec.bits?.[1] ?? 0) + index * repeat.strideBits;
        const width = spec.bits ? spec.bits[0] - spec.bits[1] : 0;
        place.offset = spec.offset + Math.floor(lo / 8);
        place.bits = [(lo % 8) + width, lo % 8];
      } else {
        place.offset = spec.offset + index * (repeat?.strideBytes ?? 0);
        if (spec.bits) place.bits = spec.bits;
      }
      if (repeat?.per === "lane") place.lane = bank * lanesPerBank + index + 1;
      if (repeat?.per === "app") place.app = index + 1;
      places.push(place);
    }
  }
  return places;
}

// Every place of every field of the map, for banks 0..bankCount-1.
export function allPlaces(map: MemoryMap, bankCount: number): FieldPlace[] {
  const banks = [...Array(Math.max(bankCount, 1)).keys()];
  return map.fields.flatMap((spec) => placesOf(spec, banks, map.lanesPerBank));
}
