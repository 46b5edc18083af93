// The instrument roles of an XPO bench, in the order instruments are opened. One list shared by
// station files, drivers and the simulator.
export const ROLES = ["supply", "powermeter", "coolant", "thermal", "optical", "ber"] as const;
export type Role = (typeof ROLES)[number];
