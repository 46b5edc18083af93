// What one simulated vendor dialect is: the role it plays, its identity, and how to build it.
import type { Role } from "../../model/roles.js";
import type { BenchModel } from "../bench-model.js";
import type { ScpiInstrument } from "../scpi-engine.js";

export interface SimDialect {
  readonly name: string;
  readonly role: Role;
  /** What it answers to its identity query (*IDN?, IDN?, version, TYPE ...). */
  readonly identity: string;
  create(model: BenchModel, depth: number): ScpiInstrument;
}
