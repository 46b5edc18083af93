// Anritsu MP1900A (MP1800A family) signal quality analyzer, error detector side: select the
// lane's module with `:MOD:ID <n>` (one simulated module per lane), start counting with
// `:SENS:MEAS:STAR`, read `:CALC:DATA:EALarm? "CURRent:ER:TOTal"` (error rate) and
// `"CURRent:EC:TOTal"` (error count): every reply is a quoted string, and "-------" means no
// data (no measurement running, or nothing counted yet). `:CALC:DATA:MON? "PSLoss"` is the
// pattern sync loss of the selected module ("1" lost, "0" in sync).
import {
  formatNr3,
  parseChoiceArg,
  parseInteger,
  parseStringArg,
  ScpiFault,
} from "../scpi-command.js";
import { ScpiInstrument } from "../scpi-engine.js";
import type { SimDialect } from "./dialect.js";

/** What the instrument answers when it has no value. */
export const noData = '"-------"';

export const anritsuMp1900a: SimDialect = {
  name: "anritsu-mp1900a",
  role: "ber",
  identity: "ANRITSU,MP1900A,SIM1900001,2.01.00",
  create(model, depth) {
    let module = 1;
    let running = false;
    const ber = () => model.laneBer(module);
    const inSync = () => Number.isFinite(ber()) && ber() < 1e-3;
    return new ScpiInstrument({
      identity: this.identity,
      depth,
      reset: () => {
        module = 1;
        running = false;
      },
      commands: [
        {
          pattern: "MODule:ID",
          query: () => String(module),
          set: (ctx) => {
            module = parseInteger(ctx, 1, model.config.module.lanes);
          },
        },
        {
          pattern: "[SENSe]:MEASure:STARt",
          set: () => {
            running = true;
          },
        },
        {
          pattern: "[SENSe]:MEASure:ASTP",
          set: () => {
            running = false;
          },
        },
        {
          pattern: "CALCulate:DATA:EALarm",
          query: (ctx) => {
            const item = parseStringArg(ctx).toUpperCase();
            if (!/^CURR(ENT)?:(ER|EC|CC):TOT(AL)?$/.test(item))
              throw new ScpiFault(-224, "Illegal parameter value", item);
            if (!running || !inSync()) return noData;
            if (item.includes(":ER:")) return `"${formatNr3(ber(), 4)}"`;
            const bits = 1e12;
            return `"${item.includes(":EC:") ? Math.round(ber() * bits) : bits}"`;
          },
        },
        {
          pattern: "CALCulate:DATA:MONitor",
          query: (ctx) => {
            parseChoiceArg({ ...ctx, args: [parseStringArg(ctx)] }, ["PSLoss"]);
            return inSync() ? '"0"' : '"1"';
          },
        },
      ],
    });
  },
};
