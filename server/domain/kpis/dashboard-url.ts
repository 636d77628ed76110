/**
 * The dashboard's state as it lives in the URL: a period (a preset resolved against today, or custom
 * dates) and the four optional filters. Pure: `today` is passed in. The page, the drill-down, the
 * charts' links and the CSV export all read and write the URL through these functions, so a copied
 * link reproduces the same view.
 */
import { daysBetween, isValidPeriod, PERIOD_PRESETS, presetPeriod, type Period, type PeriodPreset } from "./period";

export const DASHBOARD_FILTER_PARAMS = ["payerId", "providerId", "locationId", "indicationId"] as const;
export type DashboardFilterParam = (typeof DASHBOARD_FILTER_PARAMS)[number];

/** The preset a dashboard opens on when the URL names none. */
export const DEFAULT_PRESET: PeriodPreset = "last-12-months";

export interface DashboardView {
  /** the preset the period came from, or "custom" for dates typed in */
  preset: PeriodPreset | "custom";
  period: Period;
  filters: Partial<Record<DashboardFilterParam, string>>;
}

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-z-]{1,100}$/i;
/** A real calendar date (the engine's Date.parse would roll 2025-02-30 over to March). */
const isDate = (d: string) => {
  const t = ISO.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/**
 * The view a URL asks for. `from`+`to` (valid, in order) win over a preset; an unknown preset or a
 * broken date falls back to the default preset; filter values that cannot be ids are dropped (the
 * procedures validate again and answer with a clear error for anything else).
 */
export function parseDashboardView(params: Params, today: string): DashboardView {
  const filters: DashboardView["filters"] = {};
  for (const k of DASHBOARD_FILTER_PARAMS) {
    const v = one(params[k]);
    if (v && ID.test(v)) filters[k] = v;
  }
  const from = one(params.from);
  const to = one(params.to);
  if (from && to && isDate(from) && isDate(to) && isValidPeriod({ from, to })) {
    return { preset: "custom", period: { from, to }, filters };
  }
  const p = one(params.preset);
  const preset = (PERIOD_PRESETS as readonly string[]).includes(p ?? "") ? (p as PeriodPreset) : DEFAULT_PRESET;
  return { preset, period: presetPeriod(preset, today), filters };
}

/** The procedures' filter for a view: the period's dates plus the filters set. */
export function viewFilter(v: DashboardView): Period & DashboardView["filters"] {
  return { from: v.period.from, to: v.period.to, ...v.filters };
}

/**
 * The URL query of a view. A preset view keeps the preset (so "last quarter" stays last quarter when
 * the link is opened next month); `overrides` set or clear single params (null clears).
 */
export function dashboardQuery(v: DashboardView, overrides: Record<string, string | null | undefined> = {}): string {
  const q = new URLSearchParams();
  if (v.preset === "custom") {
    q.set("from", v.period.from);
    q.set("to", v.period.to);
  } else if (v.preset !== DEFAULT_PRESET) q.set("preset", v.preset);
  for (const k of DASHBOARD_FILTER_PARAMS) if (v.filters[k]) q.set(k, v.filters[k]!);
  for (const [k, val] of Object.entries(overrides)) {
    if (val === null || val === undefined || val === "") q.delete(k);
    else q.set(k, val);
  }
  return q.toString();
}

/** The same view narrowed to explicit dates (a chart's month, for instance). */
export function withPeriod(v: DashboardView, p: Period): DashboardView {
  return { ...v, preset: "custom", period: p };
}

/** Months the trend charts show: the period's months, or the 12 months ending with the period when it is shorter than six months. */
export function trendPeriod(p: Period): Period {
  if (daysBetween(p.from, p.to) >= 180) return p;
  const [y, m] = p.to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
  return { from: start < p.from ? start : p.from, to: p.to };
}
