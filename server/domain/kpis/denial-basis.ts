import { averagedSubmittedDenominator } from "./math";
import { addDays, daysBetween, type Period } from "./period";

/**
 * Which denominator the initial denial rates use for a period (docs/dashboards.md, "Initial denial rate:
 * the denominator and partial history").
 *
 * The HFMA Claim Integrity Task Force divides the period's initial denials by the claims submitted in
 * the three months before it (here the 91 days before the period), as a daily average scaled to the
 * period. That average is only an average of three months when the practice was billing through all of
 * them. The rule: the window is COMPLETE when the practice's first claim submission (any claim, UTC
 * date; practice-wide, whatever the dashboard's filters) is on or before the window's first day. When
 * it is later — or the practice has never submitted a claim — the window is PARTIAL: its average counts
 * days without any billing as days without claims, the denominator is too small and the rate can pass
 * 100 %. Then the denominator is the original claims submitted in the period itself (the same filters),
 * and the figure says so.
 */

export const DENIAL_BASES = ["hfma_prior_3_months", "period_submissions"] as const;
export type DenialBasisKind = (typeof DENIAL_BASES)[number];

/** The task force's "3 months": the 91 days before the period. */
export const PRIOR_WINDOW_DAYS = 91;

/** The averaging window of a period: the 91 days before it. */
export function priorWindow(p: Period): Period {
  return { from: addDays(p.from, -PRIOR_WINDOW_DAYS), to: addDays(p.from, -1) };
}

export interface DenialBasis {
  kind: DenialBasisKind;
  /** the averaging window (the 91 days before the period), inclusive dates */
  windowFrom: string;
  windowTo: string;
  /** the practice's first claim submission (UTC date), null when it has none */
  historyFrom: string | null;
  /** days of the averaging window on or after the first submission (0–91): 91 means complete history */
  historyDays: number;
}

/** The basis of the initial denial rates of period `p`, given the practice's first submission date. */
export function denialBasis(p: Period, firstSubmission: string | null): DenialBasis {
  const w = priorWindow(p);
  const historyDays = firstSubmission === null ? 0 : Math.max(0, Math.min(PRIOR_WINDOW_DAYS, daysBetween(firstSubmission, w.to) + 1));
  const complete = firstSubmission !== null && firstSubmission <= w.from;
  return { kind: complete ? "hfma_prior_3_months" : "period_submissions", windowFrom: w.from, windowTo: w.to, historyFrom: firstSubmission, historyDays };
}

/** The denominator of the basis: the 3-month average, or what was submitted in the period. */
export function denialDenominator(basis: DenialBasis, submittedBefore: number, submittedInPeriod: number, periodDays: number): number {
  return basis.kind === "hfma_prior_3_months" ? averagedSubmittedDenominator(submittedBefore, periodDays) : submittedInPeriod;
}

/** Days since 1970-01-01 (how the query returns the first submission) as an ISO date. */
export function dateOfEpochDay(day: number | null): string | null {
  return day === null ? null : addDays("1970-01-01", day);
}

/** The short marker on a figure and a chart point that is not on the task force's basis. */
export const PARTIAL_HISTORY_LABEL = "Partial history";

/** One line under the figure: which denominator was used. */
export function basisLine(basis: DenialBasis): string | null {
  return basis.kind === "period_submissions" ? "Based on this period's submissions: fewer than 3 prior months of history" : null;
}

/** The drill-down CSV's "Denominator basis" cell: which denominator the figure used. */
export function basisCsvText(basis: DenialBasis): string {
  return basis.kind === "hfma_prior_3_months"
    ? `HFMA 3-month average (claims submitted ${basis.windowFrom} to ${basis.windowTo})`
    : `Claims submitted in the period (partial history: ${basis.historyDays} of the ${PRIOR_WINDOW_DAYS} days before the period)`;
}

/** The tooltip's (and the drill-down's) explanation of a partial window. */
export function partialHistoryText(basis: DenialBasis, formatDate: (iso: string) => string): string {
  const start = basis.historyFrom
    ? `The practice's claim history starts ${formatDate(basis.historyFrom)}: ${basis.historyDays} of the ${PRIOR_WINDOW_DAYS} days before the period (${formatDate(basis.windowFrom)} – ${formatDate(basis.windowTo)}).`
    : "The practice has no submitted claims before the period.";
  return `${start} A 3-month average over that window would count days before the practice billed as days without claims and overstate the rate, so the denominator is the claims submitted in the period itself.`;
}

/**
 * A data note for a rate above 100 % (shown, never capped). Neither basis guarantees ≤ 100 %: the
 * numerator is the period's first remittances, which may answer claims submitted before the period.
 */
export function overHundredNote(value: number | null, basis: DenialBasis): string | null {
  if (value === null || value <= 1) return null;
  return basis.kind === "hfma_prior_3_months"
    ? "Above 100 %: more claims were first denied in the period than the 3-month average submitted before it. Submissions fell before the period, or remittances for older claims arrived in it; check the rows."
    : "Above 100 %: the period's first remittances answer claims submitted before it, and fewer claims were submitted in the period; check the rows.";
}
