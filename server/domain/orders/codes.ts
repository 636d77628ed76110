/**
 * Code lists of durvalumab orders. One `as const` array per enum feeds the pg enum
 * (db/schema/orders.ts), the zod enum of the tRPC schemas and the forms.
 */
export const ORDER_DRUG = "durvalumab";

export const ORDER_FREQUENCIES = ["q2w", "q3w", "q4w"] as const;
export type OrderFrequency = (typeof ORDER_FREQUENCIES)[number];
export const FREQUENCY_WEEKS: Record<OrderFrequency, number> = { q2w: 2, q3w: 3, q4w: 4 };
export const FREQUENCY_LABELS: Record<OrderFrequency, string> = {
  q2w: "Every 2 weeks (q2w)",
  q3w: "Every 3 weeks (q3w)",
  q4w: "Every 4 weeks (q4w)",
};
export function frequencyFromWeeks(weeks: number | null): OrderFrequency | null {
  return weeks === 2 ? "q2w" : weeks === 3 ? "q3w" : weeks === 4 ? "q4w" : null;
}

export const DOSE_KINDS = ["fixed", "per_kg"] as const;
export type DoseKind = (typeof DOSE_KINDS)[number];
export const DOSE_KIND_LABELS: Record<DoseKind, string> = { fixed: "Fixed (mg)", per_kg: "Weight-based (mg/kg)" };

/** Drugs given with durvalumab on some labelled regimens (reference data lists which). */
export const COMBINATION_DRUGS = ["tremelimumab"] as const;
export type CombinationDrug = (typeof COMBINATION_DRUGS)[number];

export const ORDER_STATE_LABELS = {
  draft: "Draft",
  signed: "Signed",
  active: "Active",
  completed: "Completed",
  discontinued: "Discontinued",
} as const;

export const ADMINISTRATION_STATE_LABELS = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  documented: "Documented",
  ready_for_billing: "Ready for billing",
  not_given: "Not given",
  close_pending_approval: "Write-off awaiting approval",
  closed: "Closed, not billed",
} as const;

/** 837P carries up to 12 diagnoses. */
export const MAX_ORDER_DIAGNOSES = 12;
/** A calendar never grows beyond this many planned infusions (5 years q2w is 130). */
export const MAX_PLANNED_ADMINISTRATIONS = 200;
export const MAX_ORDER_DURATION_MONTHS = 60;
