import type { KpiKey } from "./definitions";

/**
 * What the columns of a figure's rows mean (the drill-down page and its CSV). Each row of
 * dashboards.rows has a date (the one that put it in the period), an amount, a value and whether it
 * counts in the numerator; their meaning depends on the figure. A null label hides the column.
 */
export interface DrillColumns {
  date: string;
  amount: string | null;
  /** "cents" when the value is money, "days" or "units" otherwise */
  value: { label: string; unit: "cents" | "days" | "hours" | "units" | "count" } | null;
  counted: string | null;
  /** what the rows are, for the page's description */
  rows: string;
  /** what the first column names (a claim unless said) */
  subject?: string;
}

const charge = "Claim charge";
const c = (o: Partial<DrillColumns> & Pick<DrillColumns, "date" | "rows">): DrillColumns => ({ amount: charge, value: null, counted: null, ...o });

export const DRILL_COLUMNS: Record<KpiKey, DrillColumns> = {
  cleanClaimRate: c({ date: "Submitted", counted: "Clean", rows: "Claims submitted in the period" }),
  firstPassYield: c({ date: "First remittance", amount: "Paid on first remittance", counted: "Resolved first pass", rows: "Claims first adjudicated in the period" }),
  initialDenialRate: c({ date: "First remittance", amount: "Denied on first remittance", counted: "Denied", rows: "Original claims whose first remittance, posted in the period, denied all or part" }),
  initialDenialRateDollars: c({ date: "First remittance", amount: "Denied on first remittance", counted: "Denied", rows: "Original claims whose first remittance, posted in the period, denied all or part" }),
  zeroPayDenialRate: c({ date: "Posted", amount: "Paid", counted: "Zero-paid", rows: "Primary payers' claim remittances posted in the 4 weeks ending on the period's last day" }),
  denialWriteOffRate: c({ date: "Written off", amount: "Written off", rows: "Denials written off in the period" }),
  timeToAppeal: c({ date: "Appeal sent", amount: "Denied", value: { label: "Days to appeal", unit: "days" }, rows: "Denials appealed in the period" }),
  timeToResolution: c({ date: "Resolved", amount: "Denied", value: { label: "Days to resolution", unit: "days" }, rows: "Denials resolved or written off in the period" }),
  overturnRate: c({ date: "Appeal sent", amount: "Denied", value: { label: "Days to appeal", unit: "days" }, counted: "Overturned", rows: "Denials appealed in the period" }),
  overturnRateDollars: c({ date: "Appeal sent", amount: "Denied", value: { label: "Recovered", unit: "cents" }, counted: "Overturned", rows: "Denials appealed in the period" }),
  daysInAr: c({ date: "Submitted", amount: "Open balance", value: { label: "Age (days)", unit: "days" }, rows: "Claims with an open payer balance on the period's last day" }),
  arOver90: c({ date: "Submitted", amount: "Open balance", value: { label: "Age (days)", unit: "days" }, counted: "Over 90 days", rows: "Claims with an open payer balance on the period's last day" }),
  netCollectionRate: c({ date: "Date of service", amount: "Paid", value: { label: "Contractual adjustment", unit: "cents" }, rows: "Live claims with a date of service in the period" }),
  wasteUnits: c({ date: "Date of service", amount: "Waste dollars", value: { label: "JW units", unit: "units" }, counted: "With waste", rows: "Live claims with J9173 lines and a date of service in the period" }),
  wasteDollars: c({ date: "Date of service", amount: "Waste dollars", value: { label: "JW units", unit: "units" }, counted: "Priced waste", rows: "Live claims with J9173 lines and a date of service in the period" }),
  wasteRate: c({ date: "Date of service", amount: null, value: { label: "JW units", unit: "units" }, counted: "With waste", rows: "Live claims with J9173 lines and a date of service in the period" }),
  jwJzCompliance: c({ date: "Date of service", amount: null, value: { label: "Lines without JW/JZ", unit: "count" }, counted: "Compliant", rows: "Live claims with single-dose-vial drug lines and a date of service in the period" }),
  underpaymentVariance: c({ date: "Found", amount: "Variance", rows: "Underpaid lines found by posting in the period" }),
  daysToSubmit: c({ date: "Submitted", value: { label: "Days to submit", unit: "days" }, rows: "Original claims submitted in the period" }),
  daysToPost: c({ date: "Posted", amount: null, value: { label: "Days to post", unit: "days" }, rows: "Claim payments posted in the period" }),
  timelyFilingExposure: c({ date: "Filing deadline", value: { label: "Days left", unit: "days" }, counted: "Past the limit", rows: "Unsent or rejected claims whose filing limit ends within 30 days of the period's last day" }),
  authDenialRate: c({ date: "First remittance", counted: "Authorization denial", rows: "Claims first adjudicated in the period for payers that require prior authorization" }),
  serviceAuthorizationRate: c({ date: "Date of service", counted: "Authorized on the day", rows: "Live claims with J9173 and a date of service in the period, for payers requiring authorization" }),
  authTurnaround: c({ date: "Determination", amount: null, value: { label: "Hours to determination", unit: "hours" }, rows: "Payer determinations on prior-authorization requests dated in the period", subject: "Request" }),
  administrations: c({ date: "Date of service", amount: null, rows: "Infusions documented as given in the period" }),
  j9173Units: c({ date: "Date of service", value: { label: "J9173 units", unit: "units" }, rows: "Live claims with a date of service in the period" }),
  charges: c({ date: "Date of service", value: { label: "J9173 units", unit: "units" }, rows: "Live claims with a date of service in the period" }),
  payments: c({ date: "Posted", amount: "Paid (reversals negative)", rows: "Claim payments posted in the period" }),
};

/** Figures without rows to open (none since the prior-authorization figures were computed). */
export const NO_DRILL_DOWN: ReadonlySet<KpiKey> = new Set<KpiKey>();

/** What a row's id is, so the drill-down links each row to its own page. */
export type DrillRowKind = "claim" | "denial" | "claimPayment" | "administration" | "priorAuth";
const DENIAL_ROWS: KpiKey[] = ["denialWriteOffRate", "timeToAppeal", "timeToResolution", "overturnRate", "overturnRateDollars", "underpaymentVariance"];
const PAYMENT_ROWS: KpiKey[] = ["zeroPayDenialRate", "payments", "daysToPost"];

export function drillRowKind(kpi: KpiKey): DrillRowKind {
  if (kpi === "administrations") return "administration";
  if (kpi === "authTurnaround") return "priorAuth";
  if (DENIAL_ROWS.includes(kpi)) return "denial";
  if (PAYMENT_ROWS.includes(kpi)) return "claimPayment";
  return "claim";
}

/** The page of one drill-down row. */
export function drillRowHref(kpi: KpiKey, row: { id: string; claimId: string | null; requestId?: string | null | undefined }): string | null {
  switch (drillRowKind(kpi)) {
    case "administration":
      return `/administrations/${row.id}`;
    case "denial":
      return `/denials/${row.id}`;
    case "claimPayment":
      return `/remittances/claims/${row.id}`;
    case "priorAuth":
      return row.requestId ? `/prior-auths/${row.requestId}` : null;
    case "claim":
      return row.claimId ? `/claims/${row.claimId}` : null;
  }
}
