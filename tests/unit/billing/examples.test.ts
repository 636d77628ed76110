import { describe, expect, it } from "vitest";
import { normalizeNdc } from "@/server/domain/billing";
import { COMM, MCD_UN, PA, durva, notation, run, scenario } from "./helpers";

describe("claim-rules.md worked examples", () => {
  it("Example 1: Medicare flat dose, no waste -> J9173-JZ ×150, 96413 ×1, no findings", () => {
    const r = run(scenario());
    expect(notation(r)).toEqual(["J9173-JZ ×150", "96413 ×1"]);
    expect(r.diagnoses).toEqual(["C3411"]);
    expect(r.lines[0]!.ndc).toBeNull();
    expect(r.findings).toEqual([]);
  });

  it("Example 2: commercial with NDC and PA -> NDC ML 30, charges 22500 + 300, PA number on the claim", () => {
    const r = run(scenario({ payer: { ...COMM }, priorAuth: PA }));
    expect(notation(r)).toEqual(["J9173-JZ ×150 | 00310461150 ML 30", "96413 ×1"]);
    expect(r.lines.map((l) => l.charge)).toEqual([22500, 300]);
    expect(r.lines.map((l) => l.diagnosisPointers)).toEqual([[1], [1]]);
    expect(r.claim.totalChargeCents).toBe(2_280_000);
    expect(r.claim.priorAuthNumber).toBe("PA778899");
    expect(r.claim.frequencyCode).toBe("1");
    expect(r.findings).toEqual([]);
  });

  it("Example 2b: Medicaid UN profile -> CTP quantity 3 vials", () => {
    const r = run(scenario({ payer: { ...MCD_UN }, priorAuth: PA }));
    expect(notation(r)).toEqual(["J9173-JZ ×150 | 00310461150 UN 3", "96413 ×1"]);
    expect(r.findings).toEqual([]);
  });

  it("Example 4: 673 mg from 6 × V120 -> J9173 ×68 + J9173-JW ×4, no R-VIAL", () => {
    const r = run(
      scenario({
        patient: { weightKg: 67.3 },
        drugs: [durva({ orderedDose: { mgPerKg: 10 }, administeredMg: 673, vials: [{ ndc: "0310-4500-12", count: 6 }], discardedMg: 47, wasteDocumented: true })],
      }),
    );
    expect(notation(r)).toEqual(["J9173 ×68", "J9173-JW ×4", "96413 ×1"]);
    expect(r.findings).toEqual([]);
  });

  it.each([
    [15, ["96409 ×1"]],
    [16, ["96413 ×1"]],
    [60, ["96413 ×1"]],
    [90, ["96413 ×1"]],
    [91, ["96413 ×1", "96415 ×1"]],
    [150, ["96413 ×1", "96415 ×1"]],
    [151, ["96413 ×1", "96415 ×2"]],
    [210, ["96413 ×1", "96415 ×2"]],
    [211, ["96413 ×1", "96415 ×3"]],
  ])("Example 19: %i minutes -> %j", (minutes, expected) => {
    const end = `${String(10 + Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    const r = run(scenario({ drugs: [durva({ infusion: { start: "10:00", end } })] }));
    expect(notation(r).slice(1)).toEqual(expected);
  });

  it.each([
    ["0310-4611-50", "00310461150"],
    ["0310-4500-12", "00310450012"],
    ["00310-4611-50", "00310461150"],
  ])("Example 29: %s -> %s", (input, ndc11) => {
    expect(normalizeNdc(input)).toMatchObject({ ok: true, ndc11 });
  });

  it.each([
    ["310-4611-50", "format"],
    ["0310-4611-5O", "non-numeric"],
  ])("Example 29: %s -> ERROR (%s)", (input, reason) => {
    expect(normalizeNdc(input)).toMatchObject({ ok: false, reason });
    const r = run(scenario({ drugs: [durva({ vials: [{ ndc: input, count: 3 }] })] }));
    const f = r.findings.find((x) => x.rule === "R-NDC");
    expect(f?.severity).toBe("error");
    expect(f?.category).toBe("ndc");
  });
});
