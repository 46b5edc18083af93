// `xpo cmis image`: a starter memory image from a datasheet, for a firmware team to start
// from. Datasheet values go where the map says; what the datasheet does not give comes from
// the profile's starterImage values and the CMIS limits' bounds, so the image passes the checks.

import type { Profile } from "../profile/load-profile.js";
import { encodePlace, type FieldValue, tidy } from "./codec.js";
import { CmisImage, PAGE_SIZE } from "./image.js";
import { cmisBound } from "./limits.js";
import { type MemoryMap, pageNumber, type ThresholdLevel } from "./map.js";
import { placesOf } from "./places.js";

type Doc = Record<string, Record<string, unknown> | undefined>;

const str = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);

class Writer {
  constructor(
    readonly image: CmisImage,
    readonly map: MemoryMap,
    readonly banks: number[],
  ) {}

  // Write a value at every place of a field (or only the index-th place of each bank).
  set(name: string, value: FieldValue, index?: number): void {
    const spec = this.map.fields.find((f) => f.name === name);
    if (!spec) return;
    const places = placesOf(spec, this.banks, this.map.lanesPerBank);
    for (const place of places) {
      if (index !== undefined && (place.app ?? place.lane ?? 1) - 1 !== index) continue;
      const read = (o: number) => this.image.byte(place.page, place.bank, o);
      for (const [offset, byte] of encodePlace(place, value, read, this.map.codes))
        this.image.setByte(place.page, place.bank, offset, byte);
    }
  }
}

// Fill every page the linear layout and the profile name with zeros, so the image is complete.
function blankPages(image: CmisImage, map: MemoryMap, banks: number[]): void {
  image.setLower(new Uint8Array(PAGE_SIZE));
  for (const p of map.linearImage.unbanked)
    image.setUpper(pageNumber(p), 0, new Uint8Array(PAGE_SIZE));
  for (const bank of banks)
    for (const p of map.linearImage.perBank)
      image.setUpper(pageNumber(p), bank, new Uint8Array(PAGE_SIZE));
  for (const { page, bank } of map.profile.extensionPages)
    image.setUpper(pageNumber(page), bank, new Uint8Array(PAGE_SIZE));
}

function writeIdentity(w: Writer, doc: Doc, profile: Profile): void {
  const s = w.map.profile.starterImage;
  const id = doc.identity ?? {};
  const identifier = Number(cmisBound(profile, "CMIS-ID-001").const);
  w.set("identifier", identifier);
  w.set("identifierCopy", identifier);
  const minRevision = num(cmisBound(profile, "CMIS-REV-001").minimum, s.revision);
  w.set(
    "revision",
    Math.max(num(doc.management?.cmisRevision, s.revision), minRevision, s.revision),
  );
  w.set("vendorName", str(id.vendor, ""));
  w.set("vendorOui", str(id.vendorOui, s.vendorOui));
  w.set("partNumber", str(id.partNumber, ""));
  w.set("vendorRevision", str(id.hardwareRevision, ""));
  w.set("serialNumber", str(id.serialNumber, s.serialNumber));
  w.set("dateCode", str(id.dateCode, s.dateCode));
  w.set("activeFirmware", str(id.firmwareRevision, "0.0").split(".").slice(0, 2).join("."));
  w.set("moduleState", s.moduleState);
  const variant = str(id.opticsVariant, "");
  w.set("mediaType", num(w.map.profile.mediaTypeByVariant[variant], 0));
}

function writePower(w: Writer, doc: Doc, profile: Profile): void {
  const watts = num(doc.power?.maxPowerW, 0);
  const scale = w.map.fields.find((f) => f.name === "maxPower")?.scale ?? 1;
  const top = tidy(0xff * scale);
  w.set("powerClass", Number(cmisBound(profile, "CMIS-PWR-001").const));
  w.set("maxPower", watts > top ? top : tidy(Math.ceil(tidy(watts / scale)) * scale));
  w.set("maxPowerExtended", watts);
  const input = doc.power?.inputVoltage as Record<string, unknown> | undefined;
  const vin = cmisBound(profile, "CMIS-VIN-001");
  w.set("inputVoltage", num(input?.nominalV, ((vin.minimum ?? 0) + (vin.maximum ?? 0)) / 2));
}

function writeApplication(w: Writer, doc: Doc): void {
  const s = w.map.profile.starterImage;
  const wanted = str(doc.electrical?.hostInterface, "")
    .replace(/^\s*\d+\s*x\s*/i, "")
    .trim();
  const codes = w.map.codes.hostInterface?.codes ?? {};
  const code = Object.entries(codes).find(([, name]) => name === wanted)?.[0];
  w.set("appHostInterface", Number(code ?? 0), 0);
  w.set("appMediaInterface", s.mediaInterfaceId, 0);
  w.set("appHostLaneCount", w.map.lanesPerBank, 0);
  w.set("appMediaLaneCount", w.map.lanesPerBank, 0);
  w.set("appHostLaneOptions", s.hostLaneOptions, 0);
  w.set("appHostInterface", 0xff, 1);
}

function writeBanksAndTiming(w: Writer): void {
  const s = w.map.profile.starterImage;
  w.set("banksSupported", s.banksSupported);
  const { escapeCount } = w.map.profile.bankEncoding;
  w.image.setByte(pageNumber(escapeCount.page), 0, escapeCount.offset, s.bankEscapeCount);
  const ms = w.map.codes.durationCode?.values ?? {};
  const pairs: [string, string][] = [
    ["modulePwrUpDuration", "modulePwrUp"],
    ["modulePwrDnDuration", "modulePwrDn"],
    ["dpInitDuration", "dpInit"],
    ["dpDeinitDuration", "dpDeinit"],
    ["txTurnOnDuration", "txTurnOn"],
    ["txTurnOffDuration", "txTurnOff"],
  ];
  for (const [field, key] of pairs) w.set(field, num(ms[String(s.durations[key])], 0));
  w.set("laneMonitorsAdvertised", 7);
}

// Thresholds from the profile, widened so the datasheet's operating points sit inside the warnings.
function writeThresholds(w: Writer, doc: Doc): void {
  const s = w.map.profile.starterImage;
  const t = structuredClone(s.thresholds);
  const caseMax = doc.cooling?.caseTemperatureMaxC;
  const temperature = t.temperature;
  if (temperature && typeof caseMax === "number" && caseMax >= temperature.highWarning) {
    const gap = temperature.highAlarm - temperature.highWarning;
    temperature.highWarning = caseMax + gap;
    temperature.highAlarm = caseMax + 2 * gap;
  }
  for (const spec of w.map.fields) {
    const level = spec.threshold;
    if (!level) continue;
    const v = t[level.monitor]?.[level.level as ThresholdLevel];
    if (v !== undefined) w.set(spec.name, v);
  }
  w.set("temperature", s.temperatureC);
  w.set("supplyVoltage", s.supplyV);
}

function writeLanes(w: Writer): void {
  const s = w.map.profile.starterImage;
  w.set("dataPathState", s.dataPathState);
  w.set("configStatus", 1);
  w.set("activeAppSel", 1);
  w.set("dpConfigAppSel", 1);
  w.set("txPower", s.txPowerMw);
  w.set("txBias", s.txBiasMa);
  w.set("rxPower", s.rxPowerMw);
}

// Write each page checksum the map lists (sum of the covered bytes, modulo 256).
export function writeChecksums(image: CmisImage, map: MemoryMap): void {
  for (const spec of map.checksums) {
    const page = pageNumber(spec.page);
    let sum = 0;
    for (let at = spec.from; at <= spec.to; at++)
      sum = (sum + (image.byte(page, 0, at) ?? 0)) & 0xff;
    image.setByte(page, 0, spec.byte, sum);
  }
}

// A conforming starter image for a datasheet document.
export function starterImage(datasheet: unknown, map: MemoryMap, profile: Profile): CmisImage {
  const doc = (typeof datasheet === "object" && datasheet !== null ? datasheet : {}) as Doc;
  const banks = [...Array(Number(cmisBound(profile, "CMIS-BANK-001").const)).keys()];
  const image = new CmisImage();
  blankPages(image, map, banks);
  const w = new Writer(image, map, banks);
  writeIdentity(w, doc, profile);
  writePower(w, doc, profile);
  writeApplication(w, doc);
  writeBanksAndTiming(w);
  writeThresholds(w, doc);
  writeLanes(w);
  writeChecksums(image, map);
  return image;
}
