import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agingBucket, averagedSubmittedDenominator, change, daysInAr, mean, median, percentile, ratio, weightedPercentile } from "@/server/domain/kpis/math";
import { addDays, comparisonText, daysBetween, monthsAndDays, monthsOf, periodDays, presetPeriod, previousPeriod, quarterPeriod } from "@/server/domain/kpis/period";
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
  it("a range that is not whole months compares with the same number of days just before", () => {
    // last 30 days to 2026-12-02: Nov 3 … Dec 2 → the 30 days Oct 4 … Nov 2
    expect(previousPeriod(presetPeriod("last-30-days", "2026-12-02"))).toEqual({ from: "2026-10-04", to: "2026-11-02" });
    expect(comparisonText({ from: "2026-11-03", to: "2026-12-02" })).toBe("the 30 days immediately before");
    // a custom week, Wednesday to Tuesday
    expect(previousPeriod({ from: "2026-07-15", to: "2026-07-21" })).toEqual({ from: "2026-07-08", to: "2026-07-14" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 800 }), (start, len) => {
        const from = addDays("2020-01-01", start);
        const p = { from, to: addDays(from, len) };
        fc.pre(!from.endsWith("-01"));
        const prev = previousPeriod(p);
        expect(periodDays(prev)).toBe(periodDays(p));
        expect(daysBetween(prev.to, p.from)).toBe(1);
      }),
    );
  });

  it("whole calendar months compare with as many calendar months just before, not with as many days", () => {
    // last month on 2026-12-02 is November (30 days): the month before is October, all 31 days of it
    const nov = presetPeriod("last-month", "2026-12-02");
    expect(nov).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(previousPeriod(nov)).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(comparisonText(nov)).toBe("the calendar month before");
    // March (31 days) against February (28 days in 2026), not Jan 29 … Feb 28
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    // a leap-year February against January
    expect(previousPeriod({ from: "2028-02-01", to: "2028-02-29" })).toEqual({ from: "2028-01-01", to: "2028-01-31" });
    // Q3 (92 days) against Q2 (91 days), last quarter on 2026-12-02 likewise; January against December of the year before
    expect(previousPeriod({ from: "2026-07-01", to: "2026-09-30" })).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(comparisonText({ from: "2026-07-01", to: "2026-09-30" })).toBe("the 3 calendar months before");
    expect(previousPeriod(presetPeriod("last-quarter", "2026-02-10"))).toEqual({ from: "2025-07-01", to: "2025-09-30" });
    expect(previousPeriod({ from: "2026-01-01", to: "2026-01-31" })).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("a period from the first of a month to a day inside one compares with the same stretch that many months earlier", () => {
    // this month on 2026-12-02: Dec 1 … 2 against Nov 1 … 2
    expect(previousPeriod(presetPeriod("this-month", "2026-12-02"))).toEqual({ from: "2026-11-01", to: "2026-11-02" });
    expect(comparisonText({ from: "2026-12-01", to: "2026-12-02" })).toBe("the same days of the month before");
    // this month on 2026-03-31 is all of March (whole months); on 2026-03-30 it is Mar 1 … 30 against Feb 1 … 28 (clipped)
    expect(previousPeriod(presetPeriod("this-month", "2026-03-30"))).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    // this quarter on 2026-12-02: Oct 1 … Dec 2 against Jul 1 … Sep 2
    expect(previousPeriod(presetPeriod("this-quarter", "2026-12-02"))).toEqual({ from: "2026-07-01", to: "2026-09-02" });
    // year to date and the last 12 months against the same dates a year earlier
    expect(previousPeriod(presetPeriod("year-to-date", "2026-12-02"))).toEqual({ from: "2025-01-01", to: "2025-12-02" });
    expect(previousPeriod(presetPeriod("last-12-months", "2026-12-02"))).toEqual({ from: "2025-01-01", to: "2025-12-02" });
    expect(comparisonText({ from: "2026-01-01", to: "2026-12-02" })).toBe("the same stretch of the calendar 12 months earlier");
  });

  it("the previous period always ends before the period starts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 800 }), (start, len) => {
        const from = addDays("2020-01-01", start);
        const p = { from, to: addDays(from, len) };
        const prev = previousPeriod(p);
        expect(prev.to < p.from).toBe(true);
        expect(prev.from <= prev.to).toBe(true);
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

describe("the daily aggregates' arithmetic", () => {
  it("a percentile over a histogram equals the percentile over the values repeated", () => {
    expect(weightedPercentile([], 50)).toBeNull();
    expect(weightedPercentile([{ value: 3, count: 0 }], 50)).toBeNull();
    // 1,1,2,2,2,2,3 (the hand-worked days to submit)
    expect(weightedPercentile([{ value: 2, count: 4 }, { value: 3, count: 1 }, { value: 1, count: 2 }], 50)).toBe(2);
    // 8 and 40 days: p90 = 8 + 0.9 × 32
    expect(weightedPercentile([{ value: 40, count: 1 }, { value: 8, count: 1 }], 90)).toBeCloseTo(36.8, 10);
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.integer({ min: -50, max: 50 }), count: fc.integer({ min: 0, max: 5 }) }), { maxLength: 12 }), fc.integer({ min: 0, max: 100 }), (rows, p) => {
        const values = rows.flatMap((r) => Array<number>(r.count).fill(r.value));
        const w = weightedPercentile(rows, p);
        const e = percentile(values, p);
        return e === null ? w === null : Math.abs(w! - e) < 1e-9;
      }),
    );
  });

  it("a period splits into its whole months and the days at its edges, covering each day once", () => {
    expect(monthsAndDays({ from: "2026-07-01", to: "2026-09-30" })).toEqual({ months: { from: "2026-07-01", to: "2026-09-01" }, days: [] });
    expect(monthsAndDays({ from: "2026-07-15", to: "2026-09-10" })).toEqual({
      months: { from: "2026-08-01", to: "2026-08-01" },
      days: [
        { from: "2026-07-15", to: "2026-07-31" },
        { from: "2026-09-01", to: "2026-09-10" },
      ],
    });
    expect(monthsAndDays({ from: "2026-09-03", to: "2026-09-25" })).toEqual({ months: null, days: [{ from: "2026-09-03", to: "2026-09-25" }] });
    expect(monthsAndDays({ from: "2026-02-01", to: "2026-02-28" })).toEqual({ months: { from: "2026-02-01", to: "2026-02-01" }, days: [] });
    expect(monthsAndDays({ from: "2025-12-31", to: "2026-01-31" })).toEqual({ months: { from: "2026-01-01", to: "2026-01-01" }, days: [{ from: "2025-12-31", to: "2025-12-31" }] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (start, len) => {
        const p = { from: addDays("2025-01-01", start), to: addDays("2025-01-01", start + len) };
        const { months, days } = monthsAndDays(p);
        for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
          const inMonths = months !== null && d.slice(0, 7) >= months.from.slice(0, 7) && d.slice(0, 7) <= months.to.slice(0, 7) ? 1 : 0;
          const inDays = days.filter((r) => d >= r.from && d <= r.to).length;
          if (inMonths + inDays !== 1) return false;
        }
        return months === null || (months.from >= p.from && addDays(months.to, 0) <= p.to);
      }),
    );
  });
});
