import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agingBucket, averagedSubmittedDenominator, change, daysInAr, mean, median, percentile, ratio } from "@/server/domain/kpis/math";
import { addDays, daysBetween, monthsOf, periodDays, presetPeriod, previousPeriod, quarterPeriod } from "@/server/domain/kpis/period";
import { KPI_DEFINITIONS, KPI_KEYS } from "@/server/domain/kpis/definitions";

describe("KPI arithmetic", () => {
  it("a ratio with nothing to divide by is no figure, not 0 %", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 8)).toBe(0.375);
    expect(ratio(1, Number.NaN)).toBeNull();
  });

  it("percentiles interpolate like PostgreSQL's percentile_cont", () => {
    expect(median([])).toBeNull();
    expect(median([8, 40])).toBe(24);
    expect(percentile([8, 40], 90)).toBeCloseTo(36.8, 10);
    expect(median([3, 1, 2, 2, 2, 1, 2])).toBe(2);
    expect(mean([1, 2])).toBe(1.5);
  });

  it("percentiles lie between the smallest and the largest value and grow with p", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (xs, p, q) => {
        const a = percentile(xs, Math.min(p, q))!;
        const b = percentile(xs, Math.max(p, q))!;
        expect(a).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(b).toBeLessThanOrEqual(Math.max(...xs));
        expect(a).toBeLessThanOrEqual(b + 1e-9);
      }),
    );
  });

  it("the task force denominator is the prior 91 days' daily average times the period's days", () => {
    expect(averagedSubmittedDenominator(91, 30)).toBe(30);
    expect(averagedSubmittedDenominator(3, 92)).toBeCloseTo(3.032967, 5);
  });

  it("A/R buckets at their edges", () => {
    expect([0, 30, 31, 60, 61, 90, 91, 120, 121].map(agingBucket)).toEqual(["0-30", "0-30", "31-60", "31-60", "61-90", "61-90", "91-120", "91-120", "120+"]);
  });

  it("days in A/R: A/R ÷ (charges ÷ days); no charges, no figure", () => {
    expect(daysInAr(850_000, 8_260_000, 92)).toBeCloseTo(9.4673, 3);
    expect(daysInAr(100, 0, 30)).toBeNull();
    expect(change(0.4, 0.5)).toBeCloseTo(-0.1, 10);
    expect(change(null, 0.5)).toBeNull();
  });
});

describe("reporting periods", () => {
  it("the previous period has the same length and ends the day before", () => {
    expect(previousPeriod({ from: "2026-07-01", to: "2026-09-30" })).toEqual({ from: "2026-03-31", to: "2026-06-30" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 800 }), (start, len) => {
        const from = addDays("2020-01-01", start);
        const p = { from, to: addDays(from, len) };
        const prev = previousPeriod(p);
        expect(periodDays(prev)).toBe(periodDays(p));
        expect(daysBetween(prev.to, p.from)).toBe(1);
      }),
    );
  });

  it("quarters and presets", () => {
    expect(quarterPeriod(2026, 3)).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(quarterPeriod(2024, 1)).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(presetPeriod("last-quarter", "2026-12-01")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(presetPeriod("last-month", "2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presetPeriod("year-to-date", "2026-12-01")).toEqual({ from: "2026-01-01", to: "2026-12-01" });
    expect(presetPeriod("last-12-months", "2026-12-01")).toEqual({ from: "2026-01-01", to: "2026-12-01" });
    expect(presetPeriod("last-30-days", "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
  });

  it("months of a period cover it exactly, clipped at both ends", () => {
    expect(monthsOf({ from: "2026-01-15", to: "2026-03-10" })).toEqual([
      { from: "2026-01-15", to: "2026-01-31" },
      { from: "2026-02-01", to: "2026-02-28" },
      { from: "2026-03-01", to: "2026-03-10" },
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 800 }), (start, len) => {
        const from = addDays("2020-01-01", start);
        const ms = monthsOf({ from, to: addDays(from, len) });
        expect(ms.reduce((s, m) => s + periodDays(m), 0)).toBe(len + 1);
      }),
    );
  });

  it("every KPI has a definition with its period and what it needs", () => {
    for (const k of KPI_KEYS) {
      const d = KPI_DEFINITIONS[k];
      expect(d.key).toBe(k);
      expect(d.definition.length).toBeGreaterThan(10);
      expect(d.period.length).toBeGreaterThan(5);
      expect(d.needs.length).toBeGreaterThan(3);
    }
  });
});
