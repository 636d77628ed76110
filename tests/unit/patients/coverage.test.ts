import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { COVERAGE_PRIORITIES } from "@/server/domain/patients/codes";
import {
  compareCoverages,
  coverageOn,
  findOverlappingCoverage,
  isInForce,
  periodsOverlap,
} from "@/server/domain/patients/coverage";

const cov = (
  id: string,
  priority: "primary" | "secondary" | "tertiary",
  effectiveDate: string,
  endDate: string | null = null,
) => ({
  id,
  priority,
  effectiveDate,
  endDate,
});

describe("coverageOn", () => {
  const medicare = cov("mcr", "primary", "2024-01-01");
  const medigap = cov("gap", "secondary", "2024-03-01", "2024-12-31");
  const oldCommercial = cov("old", "primary", "2020-01-01", "2023-12-31");
  const all = [oldCommercial, medicare, medigap];

  it("returns each priority in force on the date of service", () => {
    expect(coverageOn(all, "2024-06-15")).toEqual({ primary: medicare, secondary: medigap });
    expect(coverageOn(all, "2022-06-15")).toEqual({ primary: oldCommercial });
  });
  it("counts the effective date and the end date as covered days (inclusive boundaries)", () => {
    expect(coverageOn(all, "2024-03-01").secondary).toBe(medigap);
    expect(coverageOn(all, "2024-12-31").secondary).toBe(medigap);
    expect(coverageOn(all, "2025-01-01").secondary).toBeUndefined();
    expect(coverageOn(all, "2024-02-29").secondary).toBeUndefined();
    expect(coverageOn(all, "2023-12-31").primary).toBe(oldCommercial);
    expect(coverageOn(all, "2024-01-01").primary).toBe(medicare);
  });
  it("an open-ended coverage stays in force; nothing is in force before any coverage", () => {
    expect(coverageOn(all, "2099-01-01")).toEqual({ primary: medicare });
    expect(coverageOn(all, "2019-12-31")).toEqual({});
    expect(coverageOn([], "2024-01-01")).toEqual({});
  });
  it("if legacy data holds two of a priority on a day, the later-starting one wins", () => {
    const a = cov("a", "tertiary", "2024-01-01");
    const b = cov("b", "tertiary", "2024-05-01");
    expect(coverageOn([b, a], "2024-06-01").tertiary).toBe(b);
    expect(coverageOn([a, b], "2024-06-01").tertiary).toBe(b);
  });
  it("keeps the caller's own row type (extra fields come back)", () => {
    const withPayer = { ...medicare, payerName: "Medicare" };
    expect(coverageOn([withPayer], "2024-02-01").primary?.payerName).toBe("Medicare");
  });
  it("property: whatever it returns is in force on the date and has the key's priority", () => {
    const day = fc
      .integer({ min: 0, max: 3000 })
      .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const arb = fc.array(
      fc.record({
        id: fc.uuid(),
        priority: fc.constantFrom(...COVERAGE_PRIORITIES),
        effectiveDate: day,
        endDate: fc.option(day, { nil: null }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, day, (covs, dos) => {
        const r = coverageOn(covs, dos);
        for (const p of COVERAGE_PRIORITIES) {
          const c = r[p];
          const any = covs.some((x) => x.priority === p && isInForce(x, dos));
          expect(Boolean(c)).toBe(any);
          if (c) expect(c.priority).toBe(p);
        }
      }),
    );
  });
});

describe("periodsOverlap / findOverlappingCoverage", () => {
  it("treats ranges as closed and null ends as open", () => {
    expect(
      periodsOverlap(
        { effectiveDate: "2024-01-01", endDate: "2024-06-30" },
        { effectiveDate: "2024-06-30", endDate: null },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { effectiveDate: "2024-01-01", endDate: "2024-06-30" },
        { effectiveDate: "2024-07-01", endDate: null },
      ),
    ).toBe(false);
    expect(
      periodsOverlap(
        { effectiveDate: "2024-01-01", endDate: null },
        { effectiveDate: "2020-01-01", endDate: null },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { effectiveDate: "2024-01-01", endDate: null },
        { effectiveDate: "2020-01-01", endDate: "2023-12-31" },
      ),
    ).toBe(false);
  });
  it("only compares the same priority and skips the coverage being edited", () => {
    const existing = [cov("p", "primary", "2024-01-01"), cov("s", "secondary", "2024-01-01")];
    expect(findOverlappingCoverage(existing, cov("x", "tertiary", "2024-01-01"))).toBeUndefined();
    expect(findOverlappingCoverage(existing, cov("x", "secondary", "2025-01-01"))?.id).toBe("s");
    expect(findOverlappingCoverage(existing, cov("s", "secondary", "2025-01-01"))).toBeUndefined();
  });
  it("sorts primary first, then the most recent", () => {
    const list = [
      cov("a", "secondary", "2024-01-01"),
      cov("b", "primary", "2020-01-01"),
      cov("c", "primary", "2024-01-01"),
    ];
    expect([...list].sort(compareCoverages).map((c) => c.id)).toEqual(["c", "b", "a"]);
  });
});
