import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adminCodesFor, chooseVials, computeUnits, normalizeNdc, type VialOption } from "@/server/domain/billing";
import { durva, ref, run, scenario } from "./helpers";

const V500 = { ndc11: "00310461150", mgMilli: 500_000, billableUnits: 50 };
const V120 = { ndc11: "00310450012", mgMilli: 120_000, billableUnits: 12 };

/** Every covering combination with at most `max` vials of each size (brute force). */
function bruteForce(dose: number, sizes: VialOption[], max: number): { total: number; vials: number } {
  let best = { total: Infinity, vials: Infinity };
  const rec = (i: number, total: number, vials: number): void => {
    if (i === sizes.length) {
      if (total >= dose && (total < best.total || (total === best.total && vials < best.vials))) best = { total, vials };
      return;
    }
    for (let c = 0; c <= max; c++) rec(i + 1, total + c * sizes[i]!.mgMilli, vials + c);
  };
  rec(0, 0, 0);
  return best;
}

describe("vial choice", () => {
  it.each([
    [560, "5 × 120"],
    [720, "6 × 120"],
    [800, "7 × 120"],
    [1500, "3 × 500"],
    [620, "1 × 500 + 1 × 120"],
    [1120, "2 × 500 + 1 × 120"],
  ])("%i mg -> %s (reference.md §3.1 golden cases)", (mg, expected) => {
    const c = chooseVials(mg * 1000, [V500, V120])!;
    expect(c.vials.map((v) => `${v.count} × ${v.mgMilli / 1000}`).join(" + ")).toBe(expected);
  });

  it("is never worse than any other covering combination (brute force, small doses)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 9 }), (mg, tenths) => {
        const dose = mg * 1000 + tenths * 100;
        const c = chooseVials(dose, [V500, V120])!;
        const b = bruteForce(dose, [V500, V120], 20);
        expect(c.totalMgMilli).toBeGreaterThanOrEqual(dose);
        expect(c.totalMgMilli).toBe(b.total);
        expect(c.vialCount).toBe(b.vials);
      }),
      { numRuns: 200 },
    );
  });

  it("works for arbitrary size sets (3 sizes, brute force)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 5, max: 300 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 600 }), (sizes, mg) => {
        const opts = sizes.map((s, i) => ({ ndc11: String(i), mgMilli: s * 1000, billableUnits: s }));
        const c = chooseVials(mg * 1000, opts)!;
        const b = bruteForce(mg * 1000, opts, Math.ceil(600 / Math.min(...sizes)) + 1);
        expect(c.totalMgMilli).toBe(b.total);
        expect(c.vialCount).toBe(b.vials);
      }),
      { numRuns: 150 },
    );
  });
});

describe("units and waste", () => {
  it.each([
    // administered mg, opened units, administered units, waste units
    [1500, 150, 150, 0],
    [673, 72, 68, 4],
    [115, 12, 12, 0],
    [110.1, 12, 12, 0],
    [110, 12, 11, 1],
    [0.5, 12, 1, 11],
    [1510, 150, 150, 0],
  ])("%s mg from %i opened units -> %i administered, %i waste", (mg, opened, adm, waste) => {
    const u = computeUnits({ administeredMilli: Math.round(mg * 1000), unitMilli: 10_000, openedUnits: opened });
    expect(u.billedAdministeredUnits).toBe(adm);
    expect(u.wasteUnits).toBe(waste);
  });

  const drugCase = fc.record({
    mgTenths: fc.integer({ min: 10, max: 20_000 }),
    n500: fc.integer({ min: 0, max: 4 }),
    n120: fc.integer({ min: 0, max: 12 }),
  });

  it("administered + JW units never exceed the opened units; JW = waste capped by the least-waste vials; JZ ⇔ no JW (full preview)", () => {
    fc.assert(
      fc.property(drugCase, ({ mgTenths, n500, n120 }) => {
        const vials = [
          ...(n500 ? [{ ndc: "0310-4611-50", count: n500 }] : []),
          ...(n120 || !n500 ? [{ ndc: "0310-4500-12", count: n120 || 1 }] : []),
        ];
        const mg = mgTenths / 10;
        const r = run(scenario({ drugs: [durva({ orderedDose: { mg }, administeredMg: mg, vials, wasteDocumented: true })] }));
        const opened = n500 * 50 + (n120 || !n500 ? (n120 || 1) * 12 : 0);
        const drugLines = r.lines.filter((l) => l.code === "J9173");
        const jw = drugLines.filter((l) => l.modifiers.includes("JW")).reduce((a, l) => a + l.units, 0);
        const adm = drugLines.filter((l) => !l.modifiers.includes("JW")).reduce((a, l) => a + l.units, 0);
        expect(adm + jw).toBeLessThanOrEqual(opened);
        const admUnits = Math.min(Math.ceil(mgTenths / 100), opened);
        const waste = opened - admUnits;
        const least = chooseVials(mgTenths * 100, [V500, V120])!;
        const billable = Math.ceil(mgTenths / 100) > opened ? 0 : Math.min(waste, Math.max(0, least.totalUnits - admUnits));
        expect(jw).toBe(billable);
        expect(r.claim.drugs[0]!.nonBillableWasteUnits).toBe(waste - billable);
        // JZ exactly when there is no JW line
        expect(drugLines.some((l) => l.modifiers.includes("JZ"))).toBe(billable === 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("NDC normalisation", () => {
  it.each([
    ["0310-4611-50", "00310461150", "4-4-2"],
    ["61434-002-10", "61434000210", "5-3-2"],
    ["12345-6789-1", "12345678901", "5-4-1"],
    ["00310-4611-50", "00310461150", "5-4-2"],
    ["00310461150", "00310461150", "11-digit"],
    [" 0310-4500-12 ", "00310450012", "4-4-2"],
  ])("%s -> %s (%s)", (input, ndc11, format) => {
    expect(normalizeNdc(input)).toEqual({ ok: true, ndc11, format });
  });
  it.each([
    ["310-4611-50", "format"],
    ["0310-4611-5O", "non-numeric"],
    ["0310 4611 50", "non-numeric"],
    ["0310-4611", "format"],
    ["003104611501", "format"],
    ["0310461150", "ambiguous"],
    ["", "empty"],
  ])("%j -> ERROR %s", (input, reason) => {
    expect(normalizeNdc(input)).toMatchObject({ ok: false, reason });
  });
  it("any 10-digit hyphenated form normalises to 11 digits that contain its digits in order", () => {
    fc.assert(
      fc.property(fc.constantFrom([4, 4, 2], [5, 3, 2], [5, 4, 1]), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }), (shape, digits) => {
        const s = digits.join("");
        const text = `${s.slice(0, shape[0])}-${s.slice(shape[0], shape[0]! + shape[1]!)}-${s.slice(shape[0]! + shape[1]!)}`;
        const n = normalizeNdc(text);
        expect(n.ok).toBe(true);
        const [a, b] = [shape[0]!, shape[1]!];
        const seg = [s.slice(0, a), s.slice(a, a + b), s.slice(a + b)];
        const padded = `${seg[0]!.padStart(5, "0")}${seg[1]!.padStart(4, "0")}${seg[2]!.padStart(2, "0")}`;
        expect(n).toEqual({ ok: true, ndc11: padded, format: shape.join("-") });
      }),
      { numRuns: 100 },
    );
  });
});

describe("administration minutes (property)", () => {
  it("96415 units = max(0, ceil((T - 90) / 60)) and 96409 only for T ≤ 15", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (T) => {
        const end = `${String(Math.floor((480 + T) / 60)).padStart(2, "0")}:${String((480 + T) % 60).padStart(2, "0")}`;
        const r = adminCodesFor(ref, [{ drug: "durvalumab", complex: true, start: "08:00", end }], "2026-09-14");
        const units = new Map(r.lines.map((l) => [l.code, l.units]));
        if (T <= 15) expect([...units]).toEqual([["96409", 1]]);
        else {
          expect(units.get("96413")).toBe(1);
          expect(units.get("96415") ?? 0).toBe(Math.max(0, Math.ceil((T - 90) / 60)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
