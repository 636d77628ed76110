/**
 * Reporting periods of the dashboards: inclusive ISO dates (YYYY-MM-DD), in UTC. Pure date
 * arithmetic on calendar days, no clock: `today` is passed in.
 */

export interface Period {
  /** first day, inclusive */
  from: string;
  /** last day, inclusive */
  to: string;
}

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function toUtc(d: string): number {
  if (!ISO.test(d)) throw new Error(`Not an ISO date: ${d}`);
  const t = Date.parse(`${d}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`Not a calendar date: ${d}`);
  return t;
}

function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * DAY_MS);
}

/** Whole days from a to b (b − a); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Number of calendar days in the period, both ends included. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

function parts(d: string): { y: number; m: number; day: number } {
  const t = new Date(toUtc(d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), day: t.getUTCDate() };
}

/** The last day of the calendar month `m` (0-based, may overflow) of year `y`. */
function monthEnd(y: number, m: number): string {
  return addDays(monthStart(y, m + 1), -1);
}

/** Calendar months the period touches (Jul 1 … Sep 30 = 3; Dec 1 … Dec 2 = 1). */
function monthsTouched(p: Period): number {
  const a = parts(p.from);
  const b = parts(p.to);
  return (b.y - a.y) * 12 + (b.m - a.m) + 1;
}

export type ComparisonRule = "months" | "month-to-date" | "days";

/**
 * How a period is compared (the change on every card):
 * - whole calendar months (a month, a quarter, a year: first day of a month to the last day of a
 *   month) → the same number of calendar months just before (last month → the month before it,
 *   however many days each has; a quarter → the quarter before);
 * - from the first of a month to a day inside a month (this month, this quarter, year to date, the
 *   last 12 months to today) → the same stretch of the calendar the same number of months earlier
 *   (Dec 1–2 → Nov 1–2; Jan 1–Dec 2 → Jan 1–Dec 2 of the year before), the last day clipped to
 *   that month's end;
 * - any other range (last 30 days, custom dates) → the same number of days immediately before.
 */
export function comparisonRule(p: Period): ComparisonRule {
  const a = parts(p.from);
  if (a.day !== 1) return "days";
  const b = parts(p.to);
  return p.to === monthEnd(b.y, b.m) ? "months" : "month-to-date";
}

/** The period each card compares with (see comparisonRule); it always ends the day before this one starts, or earlier. */
export function previousPeriod(p: Period): Period {
  const rule = comparisonRule(p);
  if (rule === "days") {
    const n = periodDays(p);
    return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
  }
  const k = monthsTouched(p);
  const a = parts(p.from);
  const from = monthStart(a.y, a.m - k);
  if (rule === "months") return { from, to: addDays(p.from, -1) };
  const b = parts(p.to);
  const end = monthEnd(b.y, b.m - k);
  const sameDay = fromUtc(Date.UTC(b.y, b.m - k, b.day));
  return { from, to: sameDay < end ? sameDay : end };
}

/** The comparison in words, for the cards' tooltips. */
export function comparisonText(p: Period): string {
  const k = monthsTouched(p);
  switch (comparisonRule(p)) {
    case "months":
      return k === 1 ? "the calendar month before" : `the ${k} calendar months before`;
    case "month-to-date":
      return k === 1 ? "the same days of the month before" : `the same stretch of the calendar ${k} months earlier`;
    case "days":
      return `the ${periodDays(p)} days immediately before`;
  }
}

/** The first instant of `from` and the first instant after `to`, as UTC timestamps, for half-open range filters. */
export function periodBounds(p: Period): { start: string; end: string } {
  return { start: `${p.from}T00:00:00.000Z`, end: `${addDays(p.to, 1)}T00:00:00.000Z` };
}

export const PERIOD_PRESETS = ["last-30-days", "this-month", "last-month", "this-quarter", "last-quarter", "year-to-date", "last-12-months"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  "last-30-days": "Last 30 days",
  "this-month": "This month",
  "last-month": "Last month",
  "this-quarter": "This quarter",
  "last-quarter": "Last quarter",
  "year-to-date": "Year to date",
  "last-12-months": "Last 12 months",
};

function monthStart(y: number, m: number): string {
  return fromUtc(Date.UTC(y, m, 1));
}

/** The quarter (1–4) of a year as a period, e.g. quarterPeriod(2026, 3) = 2026-07-01 … 2026-09-30. */
export function quarterPeriod(year: number, quarter: number): Period {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new Error(`No quarter ${quarter}`);
  const from = monthStart(year, (quarter - 1) * 3);
  return { from, to: addDays(monthStart(year, quarter * 3), -1) };
}

/** A preset resolved against today (periods end today at the latest). */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const t = new Date(toUtc(today));
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const q = Math.floor(m / 3);
  switch (preset) {
    case "last-30-days":
      return { from: addDays(today, -29), to: today };
    case "this-month":
      return { from: monthStart(y, m), to: today };
    case "last-month":
      return { from: monthStart(y, m - 1), to: addDays(monthStart(y, m), -1) };
    case "this-quarter":
      return { from: monthStart(y, q * 3), to: today };
    case "last-quarter":
      return { from: monthStart(y, q * 3 - 3), to: addDays(monthStart(y, q * 3), -1) };
    case "year-to-date":
      return { from: monthStart(y, 0), to: today };
    case "last-12-months":
      return { from: monthStart(y, m - 11), to: today };
  }
}

/** Calendar months touching the period, each clipped to it (the points of a trend chart). */
export function monthsOf(p: Period): Period[] {
  const out: Period[] = [];
  let cur = p.from;
  while (cur <= p.to) {
    const d = new Date(toUtc(cur));
    const next = monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1);
    const end = addDays(next, -1);
    out.push({ from: cur, to: end < p.to ? end : p.to });
    cur = next;
  }
  return out;
}

export function isValidPeriod(p: Period): boolean {
  try {
    return daysBetween(p.from, p.to) >= 0;
  } catch {
    return false;
  }
}

/**
 * A period as whole calendar months and the days at its edges (the daily aggregates keep both grains):
 * `months` from its first to its last month start (null when no whole month fits), `days` the ranges
 * of days outside them. Together they cover every day of the period once.
 */
export function monthsAndDays(p: Period): { months: Period | null; days: Period[] } {
  const f = parts(p.from);
  const firstWhole = f.day === 1 ? p.from : monthStart(f.y, f.m + 1);
  const t = parts(p.to);
  const afterLastWhole = p.to === monthEnd(t.y, t.m) ? monthStart(t.y, t.m + 1) : monthStart(t.y, t.m);
  if (firstWhole >= afterLastWhole) return { months: null, days: [p] };
  const days: Period[] = [];
  if (p.from < firstWhole) days.push({ from: p.from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= p.to) days.push({ from: afterLastWhole, to: p.to });
  const last = parts(addDays(afterLastWhole, -1));
  return { months: { from: firstWhole, to: monthStart(last.y, last.m) }, days };
}
