import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkUnderpayment, expectedAllowed, type PricingTerms } from "@/server/domain/remittance/underpayment";
import { reference } from "./helpers";

const asp = reference.aspPrices;
const medicare: PricingTerms = { basis: "medicare_asp", aspPercent: null, toleranceCents: 100, rates: [] };

describe("expected allowed", () => {
  it.each([
    ["2024-02-01", "2024Q1", 150, 1210590],
    ["2025-09-30", "2025Q3", 150, 1278750],
    ["2026-01-01", "2026Q1", 150, 1294050],
    ["2026-03-31", "2026Q1", 112, 966224],
  ])("Medicare, J9173 on %s: the %s ASP payment limit × %i units = %i cents", (dos, quarter, units, cents) => {
    const e = expectedAllowed({ code: "J9173", units, serviceDate: dos }, medicare, asp);
    expect(e.cents).toBe(cents);
    if (e.cents !== null) expect(e.arithmetic).toContain(`in ${quarter}: $`);
  });
  it("says which quarter is missing instead of guessing", () => {
    const e = expectedAllowed({ code: "J9173", units: 150, serviceDate: "2026-09-14" }, medicare, asp);
    expect(e).toMatchObject({ cents: null, why: expect.stringContaining("No ASP payment limit for J9173 covers 09/14/2026") });
  });
  it("a percentage of the ASP payment limit, rounded half up to the cent", () => {
    const terms: PricingTerms = { basis: "asp_percent", aspPercent: "112.5", toleranceCents: 100, rates: [] };
    // 86.270 × 150 × 1.125 = 14558.0625 → $14,558.06
    expect(expectedAllowed({ code: "J9173", units: 150, serviceDate: "2026-02-10" }, terms, asp).cents).toBe(1455806);
  });
  it("a contract rate in force on the date of service", () => {
    const terms: PricingTerms = {
      basis: "contract_rate",
      aspPercent: null,
      toleranceCents: 0,
      rates: [
        { code: "J9173", ratePerUnit: "95.125", effectiveFrom: "2026-01-01", effectiveTo: "2026-06-30" },
        { code: "J9173", ratePerUnit: "97.000", effectiveFrom: "2026-07-01", effectiveTo: null },
        { code: "96413", ratePerUnit: "210", effectiveFrom: "2025-01-01", effectiveTo: null },
      ],
    };
    expect(expectedAllowed({ code: "J9173", units: 150, serviceDate: "2026-06-30" }, terms, asp).cents).toBe(1426875);
    expect(expectedAllowed({ code: "J9173", units: 150, serviceDate: "2026-07-01" }, terms, asp).cents).toBe(1455000);
    expect(expectedAllowed({ code: "96413", units: 1, serviceDate: "2026-07-01" }, terms, asp).cents).toBe(21000);
    expect(expectedAllowed({ code: "96415", units: 1, serviceDate: "2026-07-01" }, terms, asp)).toMatchObject({ cents: null });
  });
});

describe("underpayment check", () => {
  it("allowed below expected beyond the tolerance is an underpayment, with the arithmetic", () => {
    const c = checkUnderpayment({ code: "J9173", units: 150, serviceDate: "2026-02-11", allowedCents: 1200000, allowedSource: "B6" }, medicare, asp)!;
    expect(c).toMatchObject({ expectedCents: 1294050, allowedCents: 1200000, varianceCents: 94050, underpaid: true });
    expect(c.arithmetic).toBe(
      "Expected allowed: ASP payment limit for J9173 in 2026Q1: $86.270 per unit × 150 units = $12,940.50. The payer allowed $12,000.00 (AMT*B6): $940.50 less than expected (tolerance $1.00).",
    );
  });
  it("within the tolerance, or above expected, is not", () => {
    expect(checkUnderpayment({ code: "J9173", units: 150, serviceDate: "2026-02-11", allowedCents: 1293950, allowedSource: "B6" }, medicare, asp)).toMatchObject({ underpaid: false, varianceCents: 100 });
    expect(checkUnderpayment({ code: "J9173", units: 150, serviceDate: "2026-02-11", allowedCents: 1300000, allowedSource: "computed" }, medicare, asp)).toMatchObject({ underpaid: false, varianceCents: -5950 });
  });
  it("a line with no price basis is not checked", () => {
    expect(checkUnderpayment({ code: "96413", units: 1, serviceDate: "2026-02-11", allowedCents: 100, allowedSource: "B6" }, medicare, asp)).toBeNull();
  });
  it("expected = limit × units exactly, for any whole units and any quarter in the table (property)", () => {
    const rows = asp.filter((a) => a.hcpcs === "J9173");
    fc.assert(
      fc.property(fc.constantFrom(...rows), fc.integer({ min: 1, max: 400 }), (row, u) => {
        const e = expectedAllowed({ code: "J9173", units: u, serviceDate: row.effectiveFrom }, medicare, asp);
        const [whole, frac = ""] = row.paymentLimit.split(".");
        const milli = Number(whole) * 1000 + Number(frac.padEnd(3, "0"));
        // cents = round(milli × u / 10), half up
        expect(e.cents).toBe(Math.floor((milli * u + 5) / 10));
      }),
    );
  });
});
