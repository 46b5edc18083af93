// The instrument roles of an XPO bench, each declared once: its name, whether every station
// needs it, and a title. In the order instruments are opened. Station files, drivers, the
// typed `Instruments` of a run and the simulator all derive from this table.

/** One instrument role of a bench. */
export interface RoleDeclaration {
  readonly name: string;
  readonly required: boolean;
  readonly title: string;
}

export const ROLE_TABLE = [
  { name: "supply", required: true, title: "Programmable DC supply feeding the module" },
  { name: "powermeter", required: false, title: "In-line DC power meter on the module's input" },
  { name: "coolant", required: true, title: "Chiller / coolant loop with flow and temperatures" },
  { name: "thermal", required: true, title: "Temperature logger with the module case" },
  { name: "optical", required: false, title: "Optical power meter, one head per lane" },
  { name: "ber", required: false, title: "Multi-lane BER checker" },
  {
    name: "mgmt",
    required: false,
    title: "Management-bus host adapter (I2C/I3C) reaching the module's CMIS memory",
  },
] as const satisfies readonly RoleDeclaration[];

type Declared = (typeof ROLE_TABLE)[number];
export type Role = Declared["name"];
/** Roles every station has. */
export type RequiredRole = Extract<Declared, { required: true }>["name"];
/** Roles a station may leave out (their steps record not-applicable). */
export type OptionalRole = Exclude<Role, RequiredRole>;

/** Role names in table order. */
export const ROLES: readonly Role[] = ROLE_TABLE.map((r) => r.name);
