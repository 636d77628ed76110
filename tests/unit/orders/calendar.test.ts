import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber } from "@/server/domain/billing/dates";
import { DomainError } from "@/server/domain/errors";
import { FREQUENCY_WEEKS, ORDER_FREQUENCIES, type OrderFrequency } from "@/server/domain/orders/codes";
import { generateCalendar, planEndExclusive } from "@/server/domain/orders/calendar";
import { defaultCombinationSchedule } from "@/server/domain/orders/regimen";
import type { OrderPhase, OrderPlan } from "@/server/domain/orders/types";

const phase = (over: Partial<OrderPhase> = {}): OrderPhase => ({ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null, ...over });
const plan = (over: Partial<OrderPlan> = {}): OrderPlan => ({ startDate: "2026-01-05", phases: [phase()], durationMonths: 12, combination: null, ...over });
const dates = (p: OrderPlan) => generateCalendar(p).map((a) => a.plannedDate);

describe("generateCalendar", () => {
  it("plans a fixed number of cycles at the frequency, one infusion per cycle on day 1", () => {
    const cal = generateCalendar(plan({ phases: [phase({ frequency: "q3w", cycles: 4 })], durationMonths: null }));
    expect(cal.map((a) => a.plannedDate)).toEqual(["2026-01-05", "2026-01-26", "2026-02-16", "2026-03-09"]);
    expect(cal.map((a) => [a.sequence, a.cycle, a.day])).toEqual([[1, 1, 1], [2, 2, 1], [3, 3, 1], [4, 4, 1]]);
  });

  it("stage III NSCLC 10 mg/kg q2w for 12 months: every infusion before start + 12 months", () => {
    const cal = generateCalendar(plan({ phases: [phase({ doseKind: "per_kg", doseAmount: "10", frequency: "q2w" })] }));
    expect(cal).toHaveLength(27); // weeks 0…52; 2027-01-04 is the last date before 2027-01-05
    expect(cal.at(-1)!.plannedDate).toBe("2027-01-04");
    expect(planEndExclusive({ startDate: "2026-01-05", durationMonths: 12 })).toBe("2027-01-05");
  });

  it("q4w for 12 months gives 14 infusions (weeks 0…52, day 364 < 365)", () => {
    expect(dates(plan())).toHaveLength(14);
  });

  it("changes phase one interval of the ending phase after its last infusion (POSEIDON q3w ×4 then q4w)", () => {
    const cal = generateCalendar(
      plan({
        startDate: "2026-03-02",
        phases: [phase({ name: "with-chemotherapy", frequency: "q3w", cycles: 4 }), phase({ name: "maintenance", frequency: "q4w", cycles: 3 })],
        durationMonths: null,
        combination: { drug: "tremelimumab", doseKind: "fixed", doseAmount: "75", withAdministrations: [1, 2, 3, 4, 6] },
      }),
    );
    const weeks = cal.map((a) => (dayNumber(a.plannedDate) - dayNumber("2026-03-02")) / 7);
    expect(weeks).toEqual([0, 3, 6, 9, 12, 16, 20]);
    expect(cal.map((a) => a.phaseIndex)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(cal.map((a) => a.phaseName)).toEqual(["with-chemotherapy", "with-chemotherapy", "with-chemotherapy", "with-chemotherapy", "maintenance", "maintenance", "maintenance"]);
    expect(cal.filter((a) => a.includesCombination).map((a) => a.sequence)).toEqual([1, 2, 3, 4, 6]);
  });

  it("an open last phase runs until the duration ends", () => {
    const cal = generateCalendar(
      plan({ startDate: "2026-01-05", phases: [phase({ name: "with-chemotherapy", frequency: "q3w", cycles: 4 }), phase({ name: "maintenance", frequency: "q4w", cycles: null })], durationMonths: 6 }),
    );
    expect(cal.at(-1)!.plannedDate < "2026-07-05").toBe(true);
    expect(cal.map((a) => a.plannedDate)).toEqual(["2026-01-05", "2026-01-26", "2026-02-16", "2026-03-09", "2026-03-30", "2026-04-27", "2026-05-25", "2026-06-22"]);
  });

  it("the duration cuts a phase with cycles too", () => {
    expect(dates(plan({ phases: [phase({ frequency: "q4w", cycles: 20 })], durationMonths: 2 }))).toEqual(["2026-01-05", "2026-02-02", "2026-03-02"]);
  });

  it("clamps month ends: 31 Jan + 1 month ends on 28 Feb (exclusive), leap years on 29 Feb", () => {
    expect(planEndExclusive({ startDate: "2026-01-31", durationMonths: 1 })).toBe("2026-02-28");
    expect(dates(plan({ startDate: "2026-01-31", phases: [phase({ frequency: "q4w" })], durationMonths: 1 }))).toEqual(["2026-01-31"]);
    // 2026-01-31 + 28 days = 2026-02-28 = end → excluded; in 2028 the end is 29 Feb so 28 Feb is kept
    expect(dates(plan({ startDate: "2028-01-31", phases: [phase({ frequency: "q4w" })], durationMonths: 1 }))).toEqual(["2028-01-31", "2028-02-28"]);
    // across a year end
    expect(dates(plan({ startDate: "2026-12-21", phases: [phase({ frequency: "q2w", cycles: 3 })], durationMonths: null }))).toEqual([
      "2026-12-21",
      "2027-01-04",
      "2027-01-18",
    ]);
  });

  it("rejects a plan without cycles or duration, and an open phase before the last", () => {
    expect(() => generateCalendar(plan({ durationMonths: null }))).toThrow(DomainError);
    try {
      generateCalendar(plan({ phases: [phase({ cycles: null }), phase({ cycles: 2 })], durationMonths: 12 }));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).field).toBe("phases.0.cycles");
    }
    expect(() => generateCalendar(plan({ phases: [] }))).toThrow("at least one phase");
  });

  it("refuses more than 200 planned infusions", () => {
    expect(() => generateCalendar(plan({ phases: [phase({ frequency: "q2w", cycles: 100 }), phase({ frequency: "q2w", cycles: 101 })], durationMonths: null }))).toThrow(/at most 200/);
  });

  it("property: dates strictly increase and are spaced by each phase's frequency", () => {
    const arbPhase = fc.record({
      frequency: fc.constantFrom(...ORDER_FREQUENCIES),
      cycles: fc.integer({ min: 1, max: 15 }),
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.array(arbPhase, { minLength: 1, maxLength: 2 }),
        fc.option(fc.integer({ min: 1, max: 24 }), { nil: null }),
        fc.boolean(),
        (d, ps, months, openLast) => {
          const phases: OrderPhase[] = ps.map((p, i) => phase({ name: `p${i}`, frequency: p.frequency as OrderFrequency, cycles: openLast && i === ps.length - 1 && months !== null ? null : p.cycles }));
          const p = plan({ startDate: d.toISOString().slice(0, 10), phases, durationMonths: months });
          const cal = generateCalendar(p);
          expect(cal.length).toBeGreaterThan(0);
          expect(cal[0]!.plannedDate).toBe(p.startDate);
          for (let i = 1; i < cal.length; i++) {
            const gap = dayNumber(cal[i]!.plannedDate) - dayNumber(cal[i - 1]!.plannedDate);
            expect(gap).toBeGreaterThan(0);
            // the gap is the frequency of the phase the previous infusion belongs to
            expect(gap).toBe(FREQUENCY_WEEKS[phases[cal[i - 1]!.phaseIndex]!.frequency] * 7);
            expect(cal[i]!.sequence).toBe(cal[i - 1]!.sequence + 1);
          }
          const end = planEndExclusive(p);
          if (end) expect(cal.at(-1)!.plannedDate < end).toBe(true);
          for (const [i, ph] of phases.entries()) if (ph.cycles !== null) expect(cal.filter((a) => a.phaseIndex === i).length).toBeLessThanOrEqual(ph.cycles);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("defaultCombinationSchedule", () => {
  const poseidon = [phase({ name: "with-chemotherapy", frequency: "q3w", cycles: 4 }), phase({ name: "maintenance", cycles: null })];
  it("POSEIDON: with infusions 1–4, the 5th dose with durvalumab dose 6", () => {
    expect(defaultCombinationSchedule(poseidon, "with-chemotherapy", 5)).toEqual([1, 2, 3, 4, 6]);
  });
  it("STRIDE: a single priming dose on the first infusion when its phase has no durvalumab infusions", () => {
    expect(defaultCombinationSchedule([phase({ name: "maintenance" })], "single-dose", 1)).toEqual([1]);
  });
});
