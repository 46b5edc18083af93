// Write fixtures/cmis/: the good image (`xpo cmis image` of the datasheet named in
// fixtures/cmis/pairing.json, as an ethtool hex dump and a linear image) and
// fail/<limit-id>.hex, each the good image with the fewest byte changes that break exactly that
// CMIS limit (checksums rewritten unless the checksum is what breaks). The fixture test
// (src/cmis/fixtures.test.ts) proves each breaks its limit and nothing else.
// Run after changing the memory map or a CMIS limit: node --import tsx scripts/make-cmis-fixtures.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { encodePlace } from "../src/cmis/codec.ts";
import { writeHexDump } from "../src/cmis/hexdump.ts";
import { CmisImage } from "../src/cmis/image.ts";
import { writeLinearImage } from "../src/cmis/linear.ts";
import { loadMemoryMap } from "../src/cmis/map.ts";
import { placesOf } from "../src/cmis/places.ts";
import { starterImage, writeChecksums } from "../src/cmis/starter.ts";
import { loadProfile } from "../src/profile/load-profile.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "fixtures", "cmis");
const pairing = JSON.parse(readFileSync(join(out, "pairing.json"), "utf8"));
const profile = loadProfile("public-2026-11");
const map = loadMemoryMap(profile.dir);
const datasheet = parse(readFileSync(join(root, pairing.datasheet), "utf8"));
const good = starterImage(datasheet, map, profile);

// A copy of an image, without some upper pages.
function copy(image, drop = []) {
  const next = new CmisImage();
  next.setLower(Uint8Array.from(image.lower));
  for (const { page, bank } of image.pages())
    if (!drop.some((d) => d.page === page && d.bank === bank))
      next.setUpper(page, bank, Uint8Array.from(image.getUpper(page, bank)));
  return next;
}

// Set a field of the map by name (index-th place: lane or application, 1-based), like firmware would.
function set(image, name, value, place = 1) {
  const spec = map.fields.find((f) => f.name === name);
  const at = placesOf(spec, [...Array(8).keys()], map.lanesPerBank).find(
    (p) => (p.lane ?? p.app ?? 1) === place,
  );
  const read = (o) => image.byte(at.page, at.bank, o);
  for (const [offset, byte] of encodePlace(at, value, read, map.codes))
    image.setByte(at.page, at.bank, offset, byte);
}

const caseMax = datasheet.cooling.caseTemperatureMaxC;
// limit id -> [why, change]
const breaks = {
  "CMIS-ID-001": ["identifier 0x18 (QSFP-DD)", (i) => set(i, "identifier", 0x18)],
  "CMIS-ID-002": ["identifier copy 0x18", (i) => set(i, "identifierCopy", 0x18)],
  "CMIS-REV-001": ["revision compliance 5.2", (i) => set(i, "revision", 5.2)],
  "CMIS-MEM-001": ["flat memory bit set", (i) => set(i, "flatMemory", true)],
  "CMIS-MEM-002": [
    "page 01h checksum off by one",
    (i) => i.setByte(1, 0, 255, (i.byte(1, 0, 255) + 1) & 0xff),
  ],
  "CMIS-PWR-001": ["power class 7", (i) => set(i, "powerClass", 7)],
  "CMIS-PWR-002": ["MaxPower 0xEB (58.75 W) for an 82 W module", (i) => set(i, "maxPower", 58.75)],
  "CMIS-PWR-003": [
    "extended MaxPower 10 W above the datasheet",
    (i) => set(i, "maxPowerExtended", datasheet.power.maxPowerW + 10),
  ],
  "CMIS-BANK-001": ["BanksSupported 2 (4 banks)", (i) => set(i, "banksSupported", 4)],
  "CMIS-BANK-002": ["page 11h of bank 7 not read", null, [{ page: 0x11, bank: 7 }]],
  "CMIS-BANK-003": ["lane 37 data-path state 0", (i) => set(i, "dataPathState", 0, 37)],
  "CMIS-IDN-001": [
    "vendor name differs",
    (i) => set(i, "vendorName", `${datasheet.identity.vendor.slice(0, 14)}X`),
  ],
  "CMIS-IDN-002": ["OUI differs", (i) => set(i, "vendorOui", "00a0c9")],
  "CMIS-IDN-003": [
    "part number differs",
    (i) => set(i, "partNumber", `${datasheet.identity.partNumber}X`.slice(-16)),
  ],
  "CMIS-IDN-004": ["vendor revision differs", (i) => set(i, "vendorRevision", "Z9")],
  "CMIS-IDN-005": ["serial number differs", (i) => set(i, "serialNumber", "SN9999999999")],
  "CMIS-IDN-006": ["date code differs", (i) => set(i, "dateCode", "25010100")],
  "CMIS-APP-001": ["application 1 advertises 800GAUI-4", (i) => set(i, "appHostInterface", 130)],
  "CMIS-APP-002": ["media type MMF", (i) => set(i, "mediaType", 1)],
  "CMIS-APP-003": ["application 1 has 4 host lanes", (i) => set(i, "appHostLaneCount", 4)],
  "CMIS-THR-001": [
    "temperature high warning above high alarm",
    (i) => set(i, "tempHighWarning", 85),
  ],
  "CMIS-THR-002": [
    "temperature high warning below the case maximum",
    (i) => set(i, "tempHighWarning", caseMax - 5),
  ],
  "CMIS-VCC-001": ["48 V input scaled into 00h:16 (4.8 V)", (i) => set(i, "supplyVoltage", 4.8)],
  "CMIS-VIN-001": ["input monitor reads 12 V", (i) => set(i, "inputVoltage", 12)],
  "CMIS-TIM-001": ["ModulePwrUp < 50 ms", (i) => set(i, "modulePwrUpDuration", 50)],
  "CMIS-TIM-002": ["DPInit < 10 ms", (i) => set(i, "dpInitDuration", 10)],
  "CMIS-TIM-003": ["TxTurnOn code 15 (reserved)", (i) => set(i, "txTurnOnDuration", 15)],
};

rmSync(join(out, "fail"), { recursive: true, force: true });
mkdirSync(join(out, "fail"), { recursive: true });
mkdirSync(join(out, "good"), { recursive: true });
const name = pairing.datasheet.replace(/^.*\/(.+)\.ya?ml$/, "$1");
writeFileSync(join(out, "good", `${name}.hex`), writeHexDump(good));
writeFileSync(join(out, "good", `${name}.bin`), writeLinearImage(good, map, 8));
// The simulated bench's module: the demo DUT's starter image (fixtures/sim/bench.yaml).
const benchName = pairing.benchDatasheet.replace(/^.*\/(.+)\.ya?ml$/, "$1");
const benchDatasheet = parse(readFileSync(join(root, pairing.benchDatasheet), "utf8"));
writeFileSync(
  join(out, "good", `${benchName}.bin`),
  writeLinearImage(starterImage(benchDatasheet, map, profile), map, 8),
);
for (const [id, [why, change, drop]] of Object.entries(breaks)) {
  const image = copy(good, drop ?? []);
  change?.(image);
  // Firmware rewrites the checksums after any change; the checksum fixture is the exception.
  if (id !== "CMIS-MEM-002") writeChecksums(image, map);
  writeFileSync(join(out, "fail", `${id}.hex`), `# ${id}: ${why}\n${writeHexDump(image)}`);
}
console.log(
  `wrote fixtures/cmis/good/${name}.{hex,bin}, good/${benchName}.bin and ${Object.keys(breaks).length} fail fixtures`,
);
