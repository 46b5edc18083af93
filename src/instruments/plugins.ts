// Driver plug-ins: a lab adds its own instrument with one module that exports a driver class
// (extending the role's generic driver), named in the station file's `driverPlugins` by path
// (relative to the station file) or by package name. They are loaded before any instrument is
// opened, and registered beside the built-in drivers.
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { XpoError } from "../model/errors.js";
import type { Station } from "../station/load-station.js";
import type { DriverClass, RoleDriver } from "./driver.js";
import { registerDriver } from "./registry.js";

const remedy =
  "A plug-in exports one or more classes extending a role's generic driver (see examples/custom-driver.ts), with driverName, identityPatterns, accuracy and range.";

// Import one plug-in: a path (./x.js, /abs/x.js) or a package name.
async function importPlugin(station: Station, entry: string): Promise<Record<string, unknown>> {
  const isPath = entry.startsWith(".") || isAbsolute(entry);
  const target = isPath ? pathToFileURL(resolve(station.dir, entry)).href : entry;
  try {
    return (await import(target)) as Record<string, unknown>;
  } catch (error) {
    throw new XpoError(
      "XPO_STATION_INVALID",
      `cannot load driver plug-in "${entry}": ${(error as Error).message}`,
      { file: station.file, remedy, cause: error },
    );
  }
}

// A driver class by its shape (a plug-in may extend a copy of the harness's classes, e.g. the
// built package's, so `instanceof` would not do).
function isDriverClass(value: unknown): value is DriverClass {
  if (typeof value !== "function") return false;
  const d = value as Partial<DriverClass> & { prototype?: unknown };
  return (
    typeof d.driverName === "string" &&
    typeof d.role === "string" &&
    Array.isArray(d.identityPatterns) &&
    typeof (d.prototype as Partial<RoleDriver> | undefined)?.describe === "function"
  );
}

// Load and register every plug-in the station names; returns the driver names each added.
export async function loadDriverPlugins(station: Station): Promise<Map<string, string[]>> {
  const added = new Map<string, string[]>();
  for (const entry of station.config.driverPlugins ?? []) {
    const module = await importPlugin(station, entry);
    const classes = Object.values(module).filter(isDriverClass);
    if (classes.length === 0)
      throw new XpoError(
        "XPO_STATION_INVALID",
        `driver plug-in "${entry}" exports no driver class`,
        {
          file: station.file,
          remedy,
        },
      );
    for (const driver of classes) {
      const problem = registerDriver(driver, entry);
      if (problem !== undefined)
        throw new XpoError(
          "XPO_STATION_INVALID",
          `driver plug-in "${entry}": ${driver.name || "a class"}: ${problem}`,
          { file: station.file, remedy },
        );
    }
    added.set(
      entry,
      classes.map((d) => d.driverName),
    );
  }
  return added;
}
