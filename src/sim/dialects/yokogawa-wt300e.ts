// Yokogawa WT300E family (WT310E/WT332E/WT333E) digital power meter on the module's input:
// the numeric list of the IM WT310E-17EN communication guide. `:NUMeric[:NORMal]:ITEM<x>
// <function>,<element>` maps a function (U, I, P, ...) of an input element to item x,
// `:NUMeric[:NORMal]:NUMber <n>` sets how many items `:NUMeric[:NORMal]:VALue?` returns as a
// comma list of NR3, and `:NUMeric[:NORMal]:VALue? <x>` returns item x alone. An item with no
// data (display "------", e.g. an element that is not fitted) answers NAN; overrange
// ("--OL-") answers INF. One element (WT310E): element 2 or 3 has no data.
import type { BenchModel } from "../bench-model.js";
import { formatNr3, parseChoiceArg, ScpiFault, type UnitContext } from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import type { SimDialect } from "./dialect.js";

const functions = ["U", "I", "P", "S", "Q", "LAMBda", "NONE"];
/** Items the numeric list holds (the guide: 1 to 255). */
const maxItems = 255;
const defaultItems = ["U", "I", "P", "S", "Q", "LAMBDA", "NONE", "NONE", "NONE", "NONE"];

interface Item {
  fn: string;
  element: number;
}

function itemValue(model: BenchModel, item: Item | undefined): string {
  if (item === undefined || item.fn === "NONE" || item.element !== 1) return "NAN";
  const s = model.snapshot().supply;
  const value =
    item.fn === "U"
      ? s.voltage
      : item.fn === "I"
        ? s.current
        : item.fn === "P" || item.fn === "S"
          ? s.power
          : item.fn === "Q"
            ? 0
            : 1;
  return formatNr3(value, 5);
}

function itemIndex(ctx: UnitContext): number {
  const x = ctx.suffixes[ctx.suffixes.length - 1] ?? 1;
  if (!Number.isInteger(x) || x < 1 || x > maxItems)
    throw new ScpiFault(-114, "Header suffix out of range", ctx.header);
  return x;
}

export const yokogawaWt300e: SimDialect = {
  name: "yokogawa-wt300e",
  role: "powermeter",
  identity: "YOKOGAWA,WT310E,SIM31E0001,F1.03",
  create(model, depth) {
    const items = new Map<number, Item>();
    let count = 15;
    const reset = () => {
      items.clear();
      defaultItems.forEach((fn, i) => {
        items.set(i + 1, { fn, element: 1 });
      });
      count = 15;
    };
    reset();
    return new ScpiInstrument({
      identity: this.identity,
      depth,
      reset,
      commands: [
        {
          pattern: "NUMeric:[NORMal]:ITEM",
          query: (ctx) => {
            const item = items.get(itemIndex(ctx));
            return item === undefined || item.fn === "NONE" ? "NONE" : `${item.fn},${item.element}`;
          },
          set: (ctx) => {
            const x = itemIndex(ctx);
            const fn = parseChoiceArg(ctx, functions, 0);
            const element = fn === "NONE" ? 1 : Number(ctx.args[1]);
            if (!Number.isInteger(element) || element < 1 || element > 4)
              throw new ScpiFault(-222, "Data out of range", ctx.args[1] ?? "");
            items.set(x, { fn, element });
          },
        },
        {
          pattern: "NUMeric:[NORMal]:NUMBer",
          query: () => String(count),
          set: (ctx) => {
            const n = Number(ctx.args[0]);
            if (!Number.isInteger(n) || n < 1 || n > maxItems)
              throw new ScpiFault(-222, "Data out of range", ctx.args[0] ?? "");
            count = n;
          },
        },
        {
          pattern: "NUMeric:[NORMal]:VALue",
          query: (ctx) => {
            if (ctx.args.length > 0) {
              const x = Number(ctx.args[0]);
              if (!Number.isInteger(x) || x < 1 || x > maxItems)
                throw new ScpiFault(-222, "Data out of range", ctx.args[0] ?? "");
              return itemValue(model, items.get(x));
            }
            return Array.from({ length: count }, (_, i) => itemValue(model, items.get(i + 1))).join(
              ",",
            );
          },
        },
      ],
    });
  },
};
