import type { ClaimContext, DocumentationValues } from "@/server/domain/documentation";
import { MCR } from "../billing/helpers";

export { ref } from "../billing/helpers";

export const DOS = "2026-09-14";
export const FEES = { J9173: 15_000, J9347: 6_000, "96413": 30_000, "96415": 7_500, "96417": 15_000, "96409": 12_000 };

/** Example 4 with two vial sizes: 673 mg from 1 × V500 + 2 × V120, 67 mg discarded, 10:00–11:40. */
export function values(over: Partial<DocumentationValues> = {}): DocumentationValues {
  return {
    actualDate: DOS,
    weightKg: "67.3",
    infusionStart: "10:00",
    infusionStop: "11:40",
    nurseName: "Rita Alvarez, RN",
    mgAdministered: "673",
    mgDiscarded: "67",
    wasteTime: "11:45",
    wasteWitness: "Sam Porter, PharmD",
    acquisition: "purchased",
    acquisitionCostPerUnit: null,
    vialChoiceReason: null,
    notes: null,
    combination: null,
    otherDrugs: [],
    vials: [
      { drug: "durvalumab", ndc11: "00310461150", lotNumber: "LOT500A", expiryDate: "2027-06-30", count: 1 },
      { drug: "durvalumab", ndc11: "00310450012", lotNumber: "LOT120B", expiryDate: "2027-03-31", count: 2 },
    ],
    ...over,
  };
}

export function context(over: Partial<ClaimContext> = {}): ClaimContext {
  return {
    order: {
      indicationId: "nsclc-stage3-consolidation",
      diagnoses: ["C34.11"],
      phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
      combination: null,
    },
    administration: { phaseIndex: 0, cycle: 1, includesCombination: false, plannedDate: DOS },
    placeOfService: "11",
    billedBy: "practice_professional",
    site: { hospitalSite: null, coveredEntityType: null },
    payer: { ...MCR, profile: "MCR", freeDrug: "fb_zero_charge" },
    feeScheduleCents: FEES,
    firstDoseDate: DOS,
    today: "2026-09-15",
    ...over,
  };
}
