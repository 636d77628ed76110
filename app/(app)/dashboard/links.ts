import type { KpiKey } from "@/server/domain/kpis/definitions";
import { dashboardQuery, type DashboardView } from "@/server/domain/kpis/dashboard-url";

/** The drill-down page of a figure, with the view's period and filters (and any override). */
export function rowsHref(view: DashboardView, kpi: KpiKey, overrides: Record<string, string | null | undefined> = {}): string {
  return `/dashboard/rows?${dashboardQuery(view, { kpi, ...overrides })}`;
}

export function dashboardHref(view: DashboardView, overrides: Record<string, string | null | undefined> = {}): string {
  const q = dashboardQuery(view, overrides);
  return q ? `/dashboard?${q}` : "/dashboard";
}
