import type { DocumentationValues } from "./types";

/** The documentation values as the columns of one administration_documentation row. */
export function documentationColumns(v: DocumentationValues) {
  return {
    actualDate: v.actualDate,
    weightKg: v.weightKg,
    infusionStart: v.infusionStart,
    infusionStop: v.infusionStop,
    nurseName: v.nurseName,
    mgAdministered: v.mgAdministered,
    mgDiscarded: v.mgDiscarded,
    wasteTime: v.wasteTime,
    wasteWitness: v.wasteWitness,
    acquisition: v.acquisition,
    acquisitionCostPerUnit: v.acquisition === "purchased_340b" ? v.acquisitionCostPerUnit : null,
    vialChoiceReason: v.vialChoiceReason,
    otherDrugs: v.otherDrugs,
    notes: v.notes,
    combinationMgAdministered: v.combination?.mgAdministered ?? null,
    combinationMgDiscarded: v.combination?.mgDiscarded ?? null,
    combinationInfusionStart: v.combination?.infusionStart ?? null,
    combinationInfusionStop: v.combination?.infusionStop ?? null,
  };
}
