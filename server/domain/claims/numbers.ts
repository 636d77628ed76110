/** Identifiers the claim module writes: claim numbers (CLM01), line control numbers (REF*6R), X12 control numbers. */

/** A practice's n-th claim: "C" + at least 7 digits. Unique per practice, never reused; it is CLM01. */
export function formatClaimNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`claim sequence must be a positive integer (got ${n})`);
  return `C${String(n).padStart(7, "0")}`;
}

/** REF*6R of a line: claim number + line position; it comes back on the 835 so payments post to the right line. */
export function lineControlNumber(claimNumber: string, position: number): string {
  return `${claimNumber}L${position}`;
}

/** ST02 / SE02: at least 4 digits. */
export function formatTransactionSetControlNumber(n: number): string {
  return String(n).padStart(4, "0");
}

/** ISA13 is 9 digits; GS06 and ST02 up to 9. */
export const MAX_CONTROL_NUMBER = 999_999_999;

/** The kinds of numbers a practice allocates from its counters (db table control_counters). */
export const COUNTER_KINDS = ["claim", "interchange", "group", "transaction"] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];
