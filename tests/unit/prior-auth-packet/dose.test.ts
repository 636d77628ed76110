import { describe, expect, it } from "vitest";
import { packetDosing } from "@/server/domain/prior-auth-packet";
import { ref } from "../billing/helpers";

const base = { combination: null, indicationId: "nsclc-stage3-consolidation", durationMonths: 12, date: "2026-09-14" };

describe("packetDosing: the weight maths from the ordered dose to units of 10 mg", () => {
  it("10 mg/kg × 67.3 kg = 673 mg → 67.3 → 68 units; 6 × 120 mg vials leave 47 mg → 4 units JW; 72 units per dose when waste is billed", () => {
    const [d] = packetDosing(ref, { ...base, phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }], weightKg: "67.3", billsWaste: true });
    expect(d).toMatchObject({ hcpcs: "J9173", mg: "673", unitsPerDose: 72, schedule: "Every 2 weeks (q2w)", everyWeeks: 2, doses: "until the end of the order (12 months)" });
    expect(d!.arithmetic).toEqual([
      "10 mg/kg × 67.3 kg = 673 mg",
      "673 mg ÷ 10 mg per unit = 67.3 → 68 units J9173 (rounded up to whole units)",
      "Vials: 6 × 120 mg = 720 mg opened (72 units)",
      "47 mg discarded → 4 units J9173-JW (the payer is billed for waste; it counts against the authorization)",
      "Units per dose: 68 + 4 = 72 units J9173",
    ]);
  });

  it("the same dose for a payer not billed for waste counts only the administered units", () => {
    const [d] = packetDosing(ref, { ...base, phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }], weightKg: "67.3", billsWaste: false });
    expect(d!.unitsPerDose).toBe(68);
    expect(d!.arithmetic).toContain("47 mg discarded, not billed to this payer");
  });

  it("a fixed 1500 mg dose is 150 units in 3 × 500 mg vials with nothing discarded, whatever the weight", () => {
    const [d] = packetDosing(ref, { ...base, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: 4 }], weightKg: "81.0", billsWaste: true });
    expect(d).toMatchObject({ mg: "1500", unitsPerDose: 150, doses: "4 doses", schedule: "Every 4 weeks (q4w)" });
    expect(d!.arithmetic[0]).toBe("Fixed dose 1500 mg (not weight-based; weight on file 81.0 kg)");
    expect(d!.arithmetic[1]).toBe("1500 mg ÷ 10 mg per unit = 150 units J9173");
    expect(d!.arithmetic).toContain("Vials: 3 × 500 mg = 1500 mg opened (150 units)");
  });

  it("a fixed dose for a patient under the label's 30 kg threshold carries the label's warning", () => {
    const [d] = packetDosing(ref, { ...base, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }], weightKg: "28.0", billsWaste: true });
    expect(d!.note).toContain("below 30 kg");
  });

  it("adds the combination drug (tremelimumab, J9347) with its own units of 1 mg", () => {
    const out = packetDosing(ref, {
      ...base,
      indicationId: "nsclc-metastatic-with-tremelimumab",
      phases: [{ name: "with-chemotherapy", doseKind: "fixed", doseAmount: "1500", frequency: "q3w", cycles: 4 }],
      combination: { drug: "tremelimumab", doseKind: "fixed", doseAmount: "75", withAdministrations: [1, 2, 3, 4, 6] },
      weightKg: "70",
      billsWaste: true,
    });
    expect(out.map((d) => d.hcpcs)).toEqual(["J9173", "J9347"]);
    expect(out[1]).toMatchObject({ mg: "75", doses: "5 doses", everyWeeks: null });
    expect(out[1]!.arithmetic[1]).toBe("75 mg ÷ 1 mg per unit = 75 units J9347");
  });
});
