import { formatDate } from "@/server/domain/format";
import { KPI_DEFINITIONS, type KpiKey, type KpiUnit } from "@/server/domain/kpis/definitions";

/** How the dashboard writes its figures: percentages with one decimal, money in dollars, days with one decimal. */

const usd0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Whole dollars from cents: "$12,345". */
export function dollars(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  return usd0.format(Math.round(cents / 100));
}

export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return "—";
  return `${one.format(ratio * 100)} %`;
}

export function formatKpi(value: number | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined) return "—";
  switch (unit) {
    case "percent":
      return percent(value);
    case "cents":
      return dollars(value);
    case "days":
      return `${one.format(value)} d`;
    case "hours":
      return `${one.format(value)} h`;
    case "count":
    case "units":
      return int.format(value);
  }
}

/** Ratios whose numerator and denominator are dollars (the rest count claims, lines or units). */
const DOLLAR_PARTS = new Set<KpiKey>(["initialDenialRateDollars", "denialWriteOffRate", "overturnRateDollars", "arOver90", "netCollectionRate", "daysInAr"]);

/** The numerator and denominator of a figure as numbers a manager can check ("$12,345", "1,234.5"). */
export function figureParts(key: KpiKey, numerator: number | null, denominator: number | null): { numerator: string | null; denominator: string | null } {
  const fmt = (v: number | null) => {
    if (v === null) return null;
    if (DOLLAR_PARTS.has(key) || KPI_DEFINITIONS[key].unit === "cents") return dollars(v);
    return Number.isInteger(v) ? int.format(v) : one.format(v);
  };
  return { numerator: fmt(numerator), denominator: key === "daysInAr" && denominator !== null ? `${dollars(denominator)} a day` : fmt(denominator) };
}

export type ChangeTone = "good" | "bad" | "neutral";

export interface ChangeText {
  text: string;
  tone: ChangeTone;
  direction: "up" | "down" | "flat";
}

/**
 * The change against the previous period, in the unit's own terms: percentage points for rates,
 * dollars and % for money, days for durations. Null when either period has no figure.
 */
export function changeText(current: number | null, previous: number | null, unit: KpiUnit, higherIsBetter: boolean | null): ChangeText | null {
  if (current === null || previous === null) return null;
  const d = current - previous;
  const direction = Math.abs(d) < 1e-9 ? "flat" : d > 0 ? "up" : "down";
  const tone: ChangeTone = direction === "flat" || higherIsBetter === null ? "neutral" : (direction === "up") === higherIsBetter ? "good" : "bad";
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  const rel = previous !== 0 ? ` (${sign}${int.format(Math.abs((d / previous) * 100))} %)` : "";
  let text: string;
  switch (unit) {
    case "percent":
      text = `${sign}${one.format(Math.abs(d * 100))} pts`;
      break;
    case "cents":
      text = `${sign}${dollars(Math.abs(d))}${rel}`;
      break;
    case "days":
      text = `${sign}${one.format(Math.abs(d))} d`;
      break;
    case "hours":
      text = `${sign}${one.format(Math.abs(d))} h`;
      break;
    default:
      text = `${sign}${int.format(Math.abs(d))}${rel}`;
  }
  return { text, tone, direction };
}

const monthFmt = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/** A day in the app's one date format ("10/01/2026"). */
export function usDay(iso: string | null | undefined): string {
  return iso ? formatDate(iso.slice(0, 10)) : "—";
}

/** "10/01/2026 – 12/31/2026" */
export function periodText(p: { from: string; to: string }): string {
  return `${usDay(p.from)} – ${usDay(p.to)}`;
}

/** "2026-10" → "Oct 2026" */
export function monthLabel(ym: string): string {
  return monthFmt.format(new Date(`${ym}-01T00:00:00Z`));
}
