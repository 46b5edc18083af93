// `xpo drivers [--json] [--station FILE]`: the drivers installed, per role: each one's name,
// whether it is the role's generic driver (the SCPI forms the simulator serves) or a real
// instrument's dialect or a lab's plug-in, how it is chosen (by *IDN?, or named in the station
// for instruments without SCPI), and the identities it serves. With --station, the station's
// driver plug-ins are loaded first and listed too.
import type { Command } from "commander";
import type { DriverClass } from "../../instruments/driver.js";
import { loadDriverPlugins } from "../../instruments/plugins.js";
import { driverRegistry, pluginSources } from "../../instruments/registry.js";
import { ROLES, type Role } from "../../model/roles.js";
import { loadStation } from "../../station/load-station.js";
import type { CommandContext } from "../context.js";

interface DriverRow {
  role: Role;
  driver: string;
  kind: "generic" | "dialect" | "plug-in";
  /** True for a real instrument's dialect (or a plug-in); false for the generic SCPI forms. */
  realInstrument: boolean;
  chosenBy: "*IDN?" | "station";
  protocol: "scpi" | "vendor-line";
  identities: string[];
  source?: string;
}

function describeDriver(role: Role, d: DriverClass, generic: boolean): DriverRow {
  const source = pluginSources.get(d.driverName);
  return {
    role,
    driver: d.driverName,
    kind: generic ? "generic" : source ? "plug-in" : "dialect",
    realInstrument: !generic,
    chosenBy: d.protocol ? "station" : "*IDN?",
    protocol: d.protocol ? "vendor-line" : "scpi",
    identities: generic ? ["(any)"] : d.identityPatterns.map((p) => p.source),
    ...(source ? { source } : {}),
  };
}

// Every driver now registered, role by role (generic first).
function listRows(): DriverRow[] {
  return ROLES.flatMap((role) => {
    const entry = driverRegistry[role];
    return [
      describeDriver(role, entry.generic, true),
      ...entry.dialects.map((d) => describeDriver(role, d, false)),
    ];
  });
}

export function register(program: Command, context: CommandContext): void {
  program
    .command("drivers")
    .description("list the instrument drivers: role, kind, how each is chosen, identities served")
    .option("--json", "print JSON (one object per driver)")
    .option("--station <file>", "also load the driver plug-ins this station file names")
    .action(async (flags: { json?: boolean; station?: string }) => {
      if (flags.station !== undefined) await loadDriverPlugins(loadStation(flags.station));
      const rows = listRows();
      if (flags.json) context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else
        for (const r of rows)
          context.stdout.write(
            `${r.role.padEnd(10)} ${r.driver.padEnd(18)} ${r.kind.padEnd(8)} ${r.chosenBy === "station" ? "named in station" : "by *IDN?"}\t${r.identities.join(" | ")}${r.source ? `\t(${r.source})` : ""}\n`,
          );
      context.exitCode = 0;
    });
}
