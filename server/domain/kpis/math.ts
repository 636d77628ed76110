/**
 * The arithmetic of the dashboards. Counts and cents are integers; a ratio is only formed at the
 * end, and an empty denominator gives `null` (shown as "no data"), never 0 % or a division by zero.
 */

/** numerator ÷ denominator, or null when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
  return numerator / denominator;
}

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks (the same as
 * PostgreSQL's percentile_cont), or null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 100) throw new Error(`Percentile out of range: ${p}`);
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

/**
 * percentile() over values given with how many times each occurs (a histogram: the dashboards' daily
 * aggregates keep days to submit, to post, to appeal and to resolve as value and count): the same
 * result as percentile() over the values repeated, without expanding them. Null for no values.
 */
export function weightedPercentile(rows: readonly { value: number; count: number }[], p: number): number | null {
  if (p < 0 || p > 100) throw new Error(`Percentile out of range: ${p}`);
  const s = rows.filter((r) => r.count > 0).sort((a, b) => a.value - b.value);
  const total = s.reduce((t, r) => t + r.count, 0);
  if (total === 0) return null;
  const rank = (p / 100) * (total - 1);
  const at = (k: number): number => {
    let seen = 0;
    for (const r of s) {
      seen += r.count;
      if (k < seen) return r.value;
    }
    return s.at(-1)!.value;
  };
  const lo = at(Math.floor(rank));
  const hi = at(Math.ceil(rank));
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Change of a figure against the previous period: absolute difference (null when either side has no value). */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return current - previous;
}

/**
 * The HFMA Claim Integrity Task Force denominator: the claims submitted in the three months before
 * the reporting period (here the 91 days before it), as a daily average, times the period's days.
 */
export function averagedSubmittedDenominator(submittedInPrior91Days: number, periodDays: number): number {
  return (submittedInPrior91Days / 91) * periodDays;
}

/** A/R aging buckets by days since the claim was first billed (MGMA / HFMA MAP keys). */
export const AGING_BUCKETS = ["0-30", "31-60", "61-90", "91-120", "120+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const AGING_BUCKET_LABELS: Record<AgingBucket, string> = {
  "0-30": "0–30 days",
  "31-60": "31–60 days",
  "61-90": "61–90 days",
  "91-120": "91–120 days",
  "120+": "Over 120 days",
};

export function agingBucket(ageDays: number): AgingBucket {
  if (ageDays <= 30) return "0-30";
  if (ageDays <= 60) return "31-60";
  if (ageDays <= 90) return "61-90";
  if (ageDays <= 120) return "91-120";
  return "120+";
}

/** Days in A/R = total A/R ÷ average daily charges, average daily charges = charges in the period ÷ its days. */
export function daysInAr(arCents: number, chargesCents: number, days: number): number | null {
  const daily = ratio(chargesCents, days);
  if (daily === null || daily === 0) return null;
  return arCents / daily;
}
