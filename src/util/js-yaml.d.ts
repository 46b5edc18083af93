// Minimal types for the parts of js-yaml (4.x) that src/datasheet/fast-parse.ts uses. Replace
// with @types/js-yaml once it declares `types` (4.0.9 does not).
declare module "js-yaml" {
  export interface LoaderState {
    input: string;
    position: number;
    kind: string | null;
    result: unknown;
  }
  export interface TypeOptions {
    kind: "scalar" | "sequence" | "mapping";
    resolve?: (data: unknown) => boolean;
    construct?: (data: unknown) => unknown;
    predicate?: (data: unknown) => boolean;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
  }
  export class Schema {
    extend(types: { implicit?: Type[]; explicit?: Type[] } | Type[]): Schema;
  }
  export const FAILSAFE_SCHEMA: Schema;
  export const types: { null: Type; bool: Type };
  export interface LoadOptions {
    filename?: string;
    schema?: Schema;
    json?: boolean;
    listener?: (event: "open" | "close", state: LoaderState) => void;
  }
  export function load(text: string, options?: LoadOptions): unknown;
}
