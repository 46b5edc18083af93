// Instruments held by live runs, in this process and (through lock files) in others: two DUTs
// may share a bench, not an instrument, except the members of a shared-resource group
// (`sharedGroup` in the station), which positions take turns on (./shared-groups.ts).
import type { Instrument } from "../generated/station.js";
import { XpoError } from "../model/errors.js";
import type { Station } from "../station/load-station.js";
import { lockResource, unlockResource } from "./instrument-locks.js";
import { holdGroups } from "./shared-groups.js";

/** Resources held by live runs in this process: two DUTs may share a bench, not an instrument. */
const inUse = new Map<string, string>();

/** How long a run waits for a shared group by default (30 min). */
const defaultGroupWaitMs = 30 * 60_000;

// Take `resources` for `dut` or throw naming the holder; returns the release.
function claimExclusive(station: Station, resources: string[], dut: string): () => void {
  for (const resource of resources) {
    const holder = inUse.get(resource);
    if (holder !== undefined)
      throw new XpoError(
        "XPO_STATION_INVALID",
        `instrument ${resource} is already in use by the run of DUT ${holder}`,
        {
          file: station.file,
          remedy:
            "Two DUTs run concurrently only when their instruments differ: give each its own station file, or put a shared chiller or BERT in a sharedGroup.",
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

// Claim every instrument of a station for `dut`; returns the release. Instruments of no group
// are refused at once when another run holds one (before anything is switched on); then the
// run waits its turn on each shared group and takes the group's instruments too.
export async function claimInstruments(station: Station, dut: string): Promise<() => void> {
  const all = Object.values(station.config.instruments) as Instrument[];
  const own = all.filter((i) => i.sharedGroup === undefined).map((i) => i.resource);
  const shared = all.filter((i) => i.sharedGroup !== undefined);
  const releaseOwn = claimExclusive(station, own, dut);
  if (shared.length === 0) return releaseOwn;
  let releaseGroups: (() => void) | undefined;
  try {
    const waitMs = station.config.sharedGroupWaitMs ?? defaultGroupWaitMs;
    releaseGroups = await holdGroups(
      shared.map((i) => i.sharedGroup as string),
      dut,
      waitMs,
    );
    const releaseShared = claimExclusive(
      station,
      shared.map((i) => i.resource),
      dut,
    );
    const groups = releaseGroups;
    return () => {
      releaseShared();
      groups();
      releaseOwn();
    };
  } catch (error) {
    releaseGroups?.();
    releaseOwn();
    throw error;
  }
}
