// Instruments held by live runs in this process: two DUTs may share a bench, not an instrument.
import { XpoError } from "../model/errors.js";
import type { Station } from "../station/load-station.js";

/** Resources held by live runs in this process: two DUTs may share a bench, not an instrument. */
const inUse = new Map<string, string>();

// Claim every resource of a station for `dut`; returns the release.
export function claimInstruments(station: Station, dut: string): () => void {
  const resources = Object.values(station.config.instruments).map((i) => i.resource);
  for (const resource of resources) {
    const holder = inUse.get(resource);
    if (holder !== undefined)
      throw new XpoError(
        "XPO_STATION_INVALID",
        `instrument ${resource} is already in use by the run of DUT ${holder}`,
        {
          file: station.file,
          remedy:
            "Two DUTs run concurrently only when their instruments differ: give each its own station file.",
        },
      );
  }
  for (const resource of resources) inUse.set(resource, dut);
  return () => {
    for (const resource of resources) if (inUse.get(resource) === dut) inUse.delete(resource);
  };
}
