import { describe, expect, it } from "vitest";
import { dateOfEpochDay, denialBasis, denialDenominator, overHundredNote, partialHistoryText, priorWindow } from "@/server/domain/kpis/denial-basis";
import { denominatorText, KPI_DEFINITIONS } from "@/server/domain/kpis/definitions";

describe("the initial denial rates' denominator basis", () => {
  it("the window is the 91 days before the period", () => {
    expect(priorWindow({ from: "2025-01-01", to: "2025-03-31" })).toEqual({ from: "2024-10-02", to: "2024-12-31" });
    expect(priorWindow({ from: "2025-04-01", to: "2025-06-30" })).toEqual({ from: "2024-12-31", to: "2025-03-31" });
  });

  it("complete history: the first submission on or before the window's first day keeps the task force's average", () => {
    const q2 = { from: "2025-04-01", to: "2025-06-30" };
    expect(denialBasis(q2, "2024-12-31")).toEqual({ kind: "hfma_prior_3_months", windowFrom: "2024-12-31", windowTo: "2025-03-31", historyFrom: "2024-12-31", historyDays: 91 });
    expect(denialBasis(q2, "2020-06-01")).toMatchObject({ kind: "hfma_prior_3_months", historyDays: 91 });
  });

  it("partial history: a first submission one day into the window, inside it, after it, or none, uses the period's submissions", () => {
    const q1 = { from: "2025-01-01", to: "2025-03-31" };
    expect(denialBasis({ from: "2025-04-01", to: "2025-06-30" }, "2025-01-01")).toMatchObject({ kind: "period_submissions", historyDays: 90 });
    // the demo: history from early December 2024, a 2025 Q1 period
    expect(denialBasis(q1, "2024-12-05")).toMatchObject({ kind: "period_submissions", historyFrom: "2024-12-05", historyDays: 27 });
    expect(denialBasis(q1, "2025-02-01")).toMatchObject({ kind: "period_submissions", historyDays: 0 });
    expect(denialBasis(q1, null)).toMatchObject({ kind: "period_submissions", historyFrom: null, historyDays: 0 });
  });

  it("the denominator: the daily average × the period's days, or the period's own submissions", () => {
    const full = denialBasis({ from: "2026-07-01", to: "2026-09-30" }, "2026-01-01");
    const partial = denialBasis({ from: "2026-07-01", to: "2026-09-30" }, "2026-06-01");
    expect(denialDenominator(full, 3, 8, 92)).toBeCloseTo((3 / 91) * 92, 12);
    expect(denialDenominator(partial, 3, 8, 92)).toBe(8);
  });

  it("a rate above 100 % gets a data note on either basis; 100 % or less, or no figure, none", () => {
    const full = denialBasis({ from: "2026-07-01", to: "2026-09-30" }, "2026-01-01");
    const partial = denialBasis({ from: "2026-07-01", to: "2026-09-30" }, "2026-06-01");
    expect(overHundredNote(1.35, full)).toMatch(/^Above 100 %: .*3-month average/);
    expect(overHundredNote(1.01, partial)).toMatch(/^Above 100 %: .*submitted before it/);
    expect(overHundredNote(1, full)).toBeNull();
    expect(overHundredNote(null, partial)).toBeNull();
  });

  it("words: the first submission as a date, the tooltip's explanation and the denominator of each basis", () => {
    expect(dateOfEpochDay(0)).toBe("1970-01-01");
    expect(dateOfEpochDay(20_062)).toBe("2024-12-05");
    expect(dateOfEpochDay(null)).toBeNull();
    const b = denialBasis({ from: "2025-01-01", to: "2025-03-31" }, "2024-12-05");
    expect(partialHistoryText(b, (d) => d)).toContain("starts 2024-12-05: 27 of the 91 days before the period (2024-10-02 – 2024-12-31)");
    expect(partialHistoryText(denialBasis({ from: "2025-01-01", to: "2025-03-31" }, null), (d) => d)).toContain("no submitted claims before the period");
    const def = KPI_DEFINITIONS.initialDenialRate;
    expect(denominatorText(def, b)).toMatch(/submitted in the period itself/);
    expect(denominatorText(def, { kind: "hfma_prior_3_months" })).toBe(def.denominator);
    expect(denominatorText(KPI_DEFINITIONS.cleanClaimRate, b)).toBe(KPI_DEFINITIONS.cleanClaimRate.denominator);
  });
});
