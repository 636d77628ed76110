import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, authorizationFor, computeLedger, ledgerAlerts, usedBefore, type LedgerAuthorization, type LedgerDose } from "@/server/domain/prior-auth/ledger";
import { plannedUnits } from "@/server/domain/prior-auth/units";

const AUTH: LedgerAuthorization = { id: "a1", number: "PA-77", hcpcs: "J9173", approvedUnits: 288, startDate: "2026-09-01", endDate: "2026-12-31" };
/** Durvalumab 10 mg/kg every 2 weeks for a 67.3 kg patient: 673 mg from 6 × 120 mg vials = 72 units with JW waste. */
function q2w(start: string, n: number, units = 72, usedCount = 0): LedgerDose[] {
  return Array.from({ length: n }, (_, i) => ({ administrationId: `adm-${String(i + 1).padStart(2, "0")}`, date: addDays(start, 14 * i), units, kind: i < usedCount ? "used" : "scheduled" }));
}

describe("authorization ledger", () => {
  it("counts used, scheduled and remaining units and says which infusion the units stop covering", () => {
    const l = computeLedger(AUTH, q2w("2026-09-14", 6, 72, 2));
    expect(l).toMatchObject({ usedUnits: 144, scheduledUnits: 288, remainingUnits: -144, unusedUnits: 144, shortUnits: 144, runsOutBy: "units", coveredThrough: "2026-11-08" });
    expect(l.firstUncovered).toMatchObject({ date: "2026-11-09", units: 72, availableBefore: 0, shortBy: 72 });
    expect(l.doses.map((d) => d.coverage)).toEqual(["covered", "covered", "covered", "covered", "short", "short"]);
  });
  it("a partial approval (fewer units) covers fewer infusions and says how short it is", () => {
    const l = computeLedger({ ...AUTH, approvedUnits: 180 }, q2w("2026-09-14", 4));
    expect(l.doses.map((d) => [d.coverage, d.shortBy])).toEqual([["covered", 0], ["covered", 0], ["short", 36], ["short", 72]]);
    expect(l.firstUncovered?.availableBefore).toBe(36);
  });
  it("ignores infusions outside the dates and lets the end date stop the coverage when units remain", () => {
    const l = computeLedger({ ...AUTH, endDate: "2026-09-27" }, q2w("2026-09-14", 3));
    expect(l).toMatchObject({ usedUnits: 0, scheduledUnits: 72, remainingUnits: 216, runsOutBy: "end_date", coveredThrough: "2026-09-27" });
    expect(l.doses.map((d) => d.coverage)).toEqual(["covered", "outside_dates", "outside_dates"]);
  });
  it("counts a dose given on the last day of the authorization", () => {
    const l = computeLedger({ ...AUTH, endDate: "2026-09-28" }, q2w("2026-09-14", 3, 72, 3));
    expect(l.usedUnits).toBe(144);
    expect(l.doses.at(-1)?.coverage).toBe("outside_dates");
    expect(l.doses[1]).toMatchObject({ date: "2026-09-28", coverage: "covered" });
  });
  it("gives the units used by the infusions before one (what the engine compares its claim with)", () => {
    const l = computeLedger(AUTH, q2w("2026-09-14", 5, 72, 4));
    expect(usedBefore(l, "adm-05")).toBe(288);
    expect(usedBefore(l, "adm-01")).toBe(0);
  });
  it("refuses fractional or negative units", () => {
    expect(() => computeLedger(AUTH, [{ administrationId: "x", date: "2026-09-14", units: 7.5, kind: "used" }])).toThrow(RangeError);
    expect(() => computeLedger({ ...AUTH, approvedUnits: -1 }, [])).toThrow(RangeError);
  });
  it("chooses the authorization whose dates contain the infusion, for its drug code", () => {
    const renewal = { ...AUTH, id: "a2", number: "PA-78", startDate: "2027-01-01", endDate: "2027-06-30" };
    expect(authorizationFor([AUTH, renewal], "J9173", "2027-01-01")?.number).toBe("PA-78");
    expect(authorizationFor([AUTH, renewal], "J9173", "2026-12-31")?.number).toBe("PA-77");
    expect(authorizationFor([AUTH, renewal], "J9347", "2026-12-31")).toBeNull();
    expect(authorizationFor([AUTH], "J9173", "2026-08-31")).toBeNull();
  });
  it("computes planned units with and without billed waste", () => {
    expect(plannedUnits({ doseMilli: 673_000, unitMilli: 10_000, openedUnits: 72, billsWaste: true })).toBe(72);
    expect(plannedUnits({ doseMilli: 673_000, unitMilli: 10_000, openedUnits: 72, billsWaste: false })).toBe(68);
    expect(plannedUnits({ doseMilli: 1_500_000, unitMilli: 10_000, openedUnits: null, billsWaste: true })).toBe(150);
    expect(plannedUnits({ doseMilli: 0, unitMilli: 10_000, openedUnits: null, billsWaste: true })).toBe(0);
  });
});

describe("ledger alerts", () => {
  it("flags expiry at 30/14/7 days, running out before the next dose, doses outside any authorization and renewal due", () => {
    const doses = q2w("2026-12-07", 4);
    const l = computeLedger({ ...AUTH, approvedUnits: 100, endDate: "2026-12-31" }, doses);
    const alerts = ledgerAlerts([l], doses, "2026-12-20", 14);
    expect(alerts.map((a) => a.kind).sort()).toEqual(["dose_outside_authorization", "expiring", "renewal_due", "runs_out_before_next_dose"].sort());
    expect(alerts.find((a) => a.kind === "expiring")?.message).toBe("Authorization PA-77 (J9173) ends 12/31/2026: in 11 days.");
    expect(alerts.find((a) => a.kind === "runs_out_before_next_dose")?.message).toBe("Authorization PA-77 (J9173) runs out before the infusion of 12/21/2026: it needs 72 units, 28 are left (100 approved).");
    expect(ledgerAlerts([computeLedger(AUTH, q2w("2026-09-14", 4))], q2w("2026-09-14", 4), "2026-09-01", 14)).toEqual([]);
  });
});

const arbDoses = fc
  .array(
    fc.record({
      offset: fc.integer({ min: -30, max: 200 }),
      units: fc.integer({ min: 0, max: 200 }),
      used: fc.boolean(),
    }),
    { maxLength: 20 },
  )
  .map((xs) => xs.map((x, i): LedgerDose => ({ administrationId: `a${String(i).padStart(2, "0")}`, date: addDays("2026-09-01", x.offset), units: x.units, kind: x.used ? "used" : "scheduled" })));
const arbAuth = fc.record({ approvedUnits: fc.integer({ min: 0, max: 2000 }), length: fc.integer({ min: 0, max: 180 }) }).map(({ approvedUnits, length }) => ({ ...AUTH, approvedUnits, endDate: addDays(AUTH.startDate, length) }));

describe("ledger properties", () => {
  it("used + scheduled + remaining = approved, and only doses inside the dates count", () => {
    fc.assert(
      fc.property(arbAuth, arbDoses, (auth, doses) => {
        const l = computeLedger(auth, doses);
        expect(l.usedUnits + l.scheduledUnits + l.remainingUnits).toBe(auth.approvedUnits);
        const inside = doses.filter((d) => d.date >= auth.startDate && d.date <= auth.endDate);
        expect(l.usedUnits).toBe(inside.filter((d) => d.kind === "used").reduce((s, d) => s + d.units, 0));
        expect(l.doses).toHaveLength(doses.length);
      }),
    );
  });
  it("never covers more units than approved, and every dose after the first uncovered one is uncovered too unless it needs 0 units", () => {
    fc.assert(
      fc.property(arbAuth, arbDoses, (auth, doses) => {
        const l = computeLedger(auth, doses);
        const inside = l.doses.filter((d) => d.coverage !== "outside_dates");
        const coveredUnits = inside.reduce((s, d) => s + d.units - d.shortBy, 0);
        expect(coveredUnits).toBeLessThanOrEqual(auth.approvedUnits);
        expect(l.shortUnits).toBe(inside.reduce((s, d) => s + d.shortBy, 0));
        const first = inside.findIndex((d) => d.coverage === "short");
        if (first >= 0) for (const d of inside.slice(first + 1)) expect(d.units === 0 || d.coverage === "short").toBe(true);
        if (l.firstUncovered) expect(l.coveredThrough < l.firstUncovered.date).toBe(true);
        expect(l.coveredThrough <= auth.endDate).toBe(true);
      }),
    );
  });
  it("a partial approval (fewer units, or shorter dates) never covers a dose the full approval does not", () => {
    fc.assert(
      fc.property(arbAuth, arbDoses, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 180 }), (auth, doses, cut, shorten) => {
        const full = computeLedger(auth, doses);
        const partialAuth = { ...auth, approvedUnits: Math.max(0, auth.approvedUnits - cut), endDate: addDays(auth.endDate, -Math.min(shorten, 180)) < auth.startDate ? auth.startDate : addDays(auth.endDate, -Math.min(shorten, 180)) };
        const partial = computeLedger(partialAuth, doses);
        const fullCovered = new Set(full.doses.filter((d) => d.coverage === "covered").map((d) => d.administrationId));
        for (const d of partial.doses) if (d.coverage === "covered" && d.units > 0) expect(fullCovered.has(d.administrationId)).toBe(true);
        expect(partial.coveredThrough <= full.coveredThrough).toBe(true);
      }),
    );
  });
  it("a weight change mid-course changes only the scheduled units, never what was used", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 300, max: 1000 }), fc.integer({ min: 300, max: 1000 }), (n, usedCount, kgBefore, kgAfter) => {
        // 10 mg/kg at kgBefore/10 kg, then kgAfter/10 kg for the infusions not yet given
        const unitsAt = (tenthKg: number) => plannedUnits({ doseMilli: tenthKg * 1000, unitMilli: 10_000, openedUnits: null, billsWaste: false });
        const before = q2w("2026-09-14", n, unitsAt(kgBefore), Math.min(usedCount, n));
        const after = before.map((d) => (d.kind === "used" ? d : { ...d, units: unitsAt(kgAfter) }));
        const a = computeLedger(AUTH, before);
        const b = computeLedger(AUTH, after);
        expect(b.usedUnits).toBe(a.usedUnits);
        expect(b.usedUnits + b.scheduledUnits + b.remainingUnits).toBe(AUTH.approvedUnits);
        if (kgAfter > kgBefore) expect(b.scheduledUnits).toBeGreaterThanOrEqual(a.scheduledUnits);
      }),
    );
  });
  it("rescheduling a cycle moves its units in or out of the dates without changing the total", () => {
    fc.assert(
      fc.property(arbDoses, fc.nat(), fc.integer({ min: -60, max: 60 }), (doses, pick, shift) => {
        if (doses.length === 0) return;
        const i = pick % doses.length;
        const moved = doses.map((d, j) => (j === i ? { ...d, date: addDays(d.date, shift) } : d));
        const a = computeLedger(AUTH, doses);
        const b = computeLedger(AUTH, moved);
        const d = moved[i]!;
        const inside = d.date >= AUTH.startDate && d.date <= AUTH.endDate;
        const wasInside = doses[i]!.date >= AUTH.startDate && doses[i]!.date <= AUTH.endDate;
        const delta = (inside ? d.units : 0) - (wasInside ? d.units : 0);
        expect(b.usedUnits + b.scheduledUnits - (a.usedUnits + a.scheduledUnits)).toBe(delta);
        expect(b.usedUnits + b.scheduledUnits + b.remainingUnits).toBe(AUTH.approvedUnits);
      }),
    );
  });
});
