// Instruments held by live runs, in this process and (through lock files) in others: two DUTs
// may share a bench, not an instrument.
import { XpoError } from "../model/errors.js";
import type { Station } from "../station/load-station.js";
import { lockResource, unlockResource } from "./instrument-locks.js";

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
  const locked: string[] = [];
  // A replayed transcript is a file, not an instrument: any number of runs may read it.
  for (const resource of resources.filter((r) => !/^REPLAY::/i.test(r))) {
    const holder = lockResource(resource, dut);
    if (holder !== undefined) {
      for (const r of locked) unlockResource(r, dut);
      throw new XpoError(
        "XPO_STATION_INVALID",
        `instrument ${resource} is held by another run: DUT ${holder.dut}, process ${holder.pid} on ${holder.host} since ${holder.since}`,
        {
          file: station.file,
          remedy:
            "Wait for that run to end, or give this DUT its own instruments. A lock left by a process that is gone is taken over by itself.",
        },
      );
    }
    locked.push(resource);
  }
  for (const resource of resources) inUse.set(resource, dut);
  return () => {
    for (const resource of resources) if (inUse.get(resource) === dut) inUse.delete(resource);
    for (const resource of locked) unlockResource(resource, dut);
  };
}
