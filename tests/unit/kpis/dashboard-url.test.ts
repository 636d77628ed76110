import { describe, expect, it } from "vitest";
import { dashboardQuery, parseDashboardView, trendPeriod, viewFilter, withPeriod } from "@/server/domain/kpis/dashboard-url";

const TODAY = "2026-12-02";
const PAYER = "0b9c3f8e-2a41-4c39-9a55-6f0d2a1b7c11";

describe("dashboard URL", () => {
  it("opens on the last 12 months when the URL names no period", () => {
    const v = parseDashboardView({}, TODAY);
    expect(v).toEqual({ preset: "last-12-months", period: { from: "2026-01-01", to: "2026-12-02" }, filters: {} });
    expect(dashboardQuery(v)).toBe("");
  });

  it("keeps a preset as a preset (the link still means last quarter next month) and the filters", () => {
    const v = parseDashboardView({ preset: "last-quarter", payerId: PAYER, indicationId: "nsclc-stage3-consolidation" }, TODAY);
    expect(v.period).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(viewFilter(v)).toEqual({ from: "2026-07-01", to: "2026-09-30", payerId: PAYER, indicationId: "nsclc-stage3-consolidation" });
    const q = dashboardQuery(v);
    expect(q).toBe(`preset=last-quarter&payerId=${PAYER}&indicationId=nsclc-stage3-consolidation`);
    expect(parseDashboardView(Object.fromEntries(new URLSearchParams(q)), TODAY)).toEqual(v);
  });

  it("custom dates win over a preset; broken dates, reversed dates and odd ids fall back", () => {
    expect(parseDashboardView({ preset: "this-month", from: "2025-04-01", to: "2025-06-30" }, TODAY)).toMatchObject({ preset: "custom", period: { from: "2025-04-01", to: "2025-06-30" } });
    expect(parseDashboardView({ from: "2025-06-30", to: "2025-04-01" }, TODAY).preset).toBe("last-12-months");
    expect(parseDashboardView({ from: "2025-02-30", to: "2025-04-01" }, TODAY).preset).toBe("last-12-months");
    expect(parseDashboardView({ from: "2025-13-01", to: "2026-01-01" }, TODAY).preset).toBe("last-12-months");
    expect(parseDashboardView({ preset: "forever" }, TODAY).preset).toBe("last-12-months");
    expect(parseDashboardView({ payerId: "x' or 1=1" }, TODAY).filters).toEqual({});
  });

  it("overrides set and clear params; a month of a chart becomes custom dates", () => {
    const v = parseDashboardView({ preset: "year-to-date", payerId: PAYER }, TODAY);
    expect(dashboardQuery(v, { kpi: "charges", payerId: null })).toBe("preset=year-to-date&kpi=charges");
    expect(dashboardQuery(withPeriod(v, { from: "2026-03-01", to: "2026-03-31" }), { kpi: "charges" })).toBe(`from=2026-03-01&to=2026-03-31&payerId=${PAYER}&kpi=charges`);
  });

  it("trend charts show the 12 months ending with a short period, or the period itself when it is long", () => {
    expect(trendPeriod({ from: "2026-07-01", to: "2026-09-30" })).toEqual({ from: "2025-10-01", to: "2026-09-30" });
    expect(trendPeriod({ from: "2025-01-01", to: "2026-12-02" })).toEqual({ from: "2025-01-01", to: "2026-12-02" });
  });
});
