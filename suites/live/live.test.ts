// The live XPO suite on one DUT (see define-live-suite.ts):
//
//   npx vitest run suites/live                                           # simulated bench
//   XPO_STATION=station.yaml XPO_DUT=SN1234 npx vitest run suites/live   # a real bench
import { defineLiveSuite } from "./define-live-suite.js";

defineLiveSuite({
  station: process.env.XPO_STATION,
  dut: process.env.XPO_DUT,
  out: process.env.XPO_OUT,
});
