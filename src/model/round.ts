// Rounding to significant digits, with the precisions the harness uses named once.

/** What a person is shown: values in reports, reasons and the terminal. */
export const SHOWN_DIGITS = 6;
/** A one-glance figure in a progress line or a safety-trip message. */
export const GLANCE_DIGITS = 4;
/** A computed quantity (margin, derived value): keeps every real digit, drops binary noise. */
export const COMPUTED_DIGITS = 12;

// Round to `digits` significant digits (0.1 * 3 -> 0.3 at COMPUTED_DIGITS).
export function roundSignificant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
