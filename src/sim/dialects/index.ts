// The vendor dialects the simulator speaks, by name. `instruments.<role>.dialect` in a bench
// config picks one; without it a role answers in the simulator's own SCPI forms (the supply
// as a Chroma 62000P or whatever `identity` says). Each dialect names the real instrument it
// imitates and answers with that instrument's identity.
import { XpoError } from "../../model/errors.js";
import type { Role } from "../../model/roles.js";
import { anritsuMp1900a } from "./anritsu-mp1900a.js";
import type { SimDialect } from "./dialect.js";
import { julabo } from "./julabo.js";
import { keithleyDaq6510 } from "./keithley-daq6510.js";
import { keysightDaq970a } from "./keysight-daq970a.js";
import { keysightM8070 } from "./keysight-m8070.js";
import { keysightN77xx } from "./keysight-n77xx.js";
import { keysightN7900 } from "./keysight-n7900.js";
import { lauda } from "./lauda.js";
import { santecMpm210h } from "./santec-mpm210h.js";
import { tdkLambdaGen } from "./tdk-lambda-gen.js";
import { yokogawaWt300e } from "./yokogawa-wt300e.js";

const dialects: readonly SimDialect[] = [
  keysightN7900,
  tdkLambdaGen,
  julabo,
  lauda,
  keysightDaq970a,
  keithleyDaq6510,
  keysightN77xx,
  santecMpm210h,
  keysightM8070,
  anritsuMp1900a,
  yokogawaWt300e,
];

// Every dialect name of a role (for messages and `xpo sim --help`).
export function listSimDialects(role?: Role): string[] {
  return dialects.filter((d) => role === undefined || d.role === role).map((d) => d.name);
}

// The dialect `name` for `role`; a clear usage error for an unknown name or another role's.
export function findSimDialect(role: Role, name: string): SimDialect {
  const found = dialects.find((d) => d.name === name);
  if (found === undefined || found.role !== role)
    throw new XpoError(
      "XPO_USAGE",
      `simulator dialect "${name}" ${found ? `plays the ${found.role}, not the ${role}` : "is unknown"} (${role} dialects: ${listSimDialects(role).join(", ") || "none"})`,
      { remedy: `Set instruments.${role}.dialect in the bench config to a listed dialect.` },
    );
  return found;
}
