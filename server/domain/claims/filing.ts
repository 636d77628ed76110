/**
 * Timely filing: the last day a claim can reach the payer, from the payer's setting. A day limit
 * counts from the date of service; a payer without one follows Medicare's rule (one calendar year
 * after the date of service, 42 CFR 424.44). Pure; `today` is passed in.
 */
import { addDays, addMonths, dayNumber } from "@/server/domain/billing/dates";

export interface FilingLimit {
  kind: "medicare" | "medicare_advantage" | "medicaid" | "commercial";
  timelyFilingDays: number | null;
}

export interface FilingDeadline {
  /** last day to file, ISO */
  deadline: string;
  /** "365 days", "1 calendar year" */
  limit: string;
}

/** Medicare-style months when a payer has no day limit. */
export const MEDICARE_FILING_MONTHS = 12;

export function filingDeadline(dateOfService: string, payer: FilingLimit): FilingDeadline {
  if (payer.timelyFilingDays !== null) return { deadline: addDays(dateOfService, payer.timelyFilingDays), limit: `${payer.timelyFilingDays} days` };
  return { deadline: addMonths(dateOfService, MEDICARE_FILING_MONTHS), limit: "1 calendar year" };
}

/** Days from today to the deadline (0 = last day today, negative = late). */
export function daysLeft(deadline: string, today: string): number {
  return dayNumber(deadline) - dayNumber(today);
}

export type FilingUrgency = "late" | "urgent" | "soon" | "ok";

/** late: past the deadline; urgent: ≤ 14 days; soon: ≤ 30 days. */
export function filingUrgency(days: number): FilingUrgency {
  if (days < 0) return "late";
  if (days <= 14) return "urgent";
  if (days <= 30) return "soon";
  return "ok";
}

export function describeDaysLeft(days: number): string {
  if (days < 0) return `${-days} day${days === -1 ? "" : "s"} past the filing limit`;
  if (days === 0) return "Last day to file";
  return `${days} day${days === 1 ? "" : "s"} left to file`;
}

/** Aging buckets of unbilled infusions, by days since the date of service. */
export const AGE_BUCKET_KEYS = ["0-30", "31-60", "61-90", "91-180", "181+"] as const;
export const AGE_BUCKETS = [
  { key: "0-30", label: "0–30 days", min: 0, max: 30 },
  { key: "31-60", label: "31–60 days", min: 31, max: 60 },
  { key: "61-90", label: "61–90 days", min: 61, max: 90 },
  { key: "91-180", label: "91–180 days", min: 91, max: 180 },
  { key: "181+", label: "Over 180 days", min: 181, max: null },
] as const satisfies readonly { key: (typeof AGE_BUCKET_KEYS)[number]; label: string; min: number; max: number | null }[];
export type AgeBucket = (typeof AGE_BUCKET_KEYS)[number];

export function ageBucket(ageDays: number): AgeBucket {
  for (const b of AGE_BUCKETS) if (ageDays >= b.min && (b.max === null || ageDays <= b.max)) return b.key;
  return "0-30";
}
