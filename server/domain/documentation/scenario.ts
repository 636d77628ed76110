/**
 * toScenario: an administration's documentation + its order, location, payer and fee schedule →
 * the billing engine's scenario (build mode: the engine makes the lines from the record).
 * Numbers cross to the engine as JSON numbers with at most 3 decimals (exact for the engine's
 * thousandths); prices per unit go from integer cents to dollars.
 */
import { claimTypeForLocation } from "@/server/domain/claims/parties";
import type { TDrugInput, TScenarioInput } from "@/server/domain/billing/scenario";
import { decimalToMilli } from "@/server/domain/orders/dose";
import type { OrderPhase } from "@/server/domain/orders/types";
import type { ClaimContext, DocumentationValues, VialEntry } from "./types";

export type ScenarioBuild = { ok: true; scenario: TScenarioInput } | { ok: false; missing: string[]; billedElsewhere?: true };

/** "673.000" → 673; null when not an exact decimal with at most 3 decimals. */
function toNumber(text: string | null): number | null {
  if (text === null) return null;
  const m = decimalToMilli(text);
  return m === null ? null : m / 1000;
}

function orderedDose(p: Pick<OrderPhase, "doseKind" | "doseAmount">): TDrugInput["orderedDose"] {
  const n = toNumber(p.doseAmount) ?? 0;
  return p.doseKind === "fixed" ? { mg: n } : { mgPerKg: n };
}

function vialsOf(vials: readonly VialEntry[], drug: string) {
  return vials.filter((v) => v.drug === drug).map((v) => ({ ndc: v.ndc11, count: v.count }));
}

const filled = (v: string | null | undefined): v is string => v !== null && v !== undefined && v.trim() !== "";

/** the engine's acquisition source for each documented one */
const SOURCE: Record<DocumentationValues["acquisition"], "purchased" | "free" | "340b"> = {
  purchased: "purchased",
  free_manufacturer_program: "free",
  purchased_340b: "340b",
};

export function toScenario(values: DocumentationValues, ctx: ClaimContext): ScenarioBuild {
  const claim = claimTypeForLocation(ctx);
  // Another entity bills the drug and its administration here: there is no claim of ours to build.
  if (claim === null) return { ok: false, missing: [], billedElsewhere: true };
  const missing: string[] = [];
  const phase = ctx.order.phases[ctx.administration.phaseIndex] ?? ctx.order.phases[0];
  const weight = toNumber(values.weightKg);
  const administered = toNumber(values.mgAdministered);
  const durvaVials = vialsOf(values.vials, "durvalumab");
  if (!filled(values.actualDate)) missing.push("the date the infusion was given");
  if (weight === null || weight <= 0) missing.push("the weight that day");
  if (administered === null || administered <= 0) missing.push("the mg administered");
  if (durvaVials.length === 0) missing.push("the vials opened");
  if (!filled(values.infusionStart)) missing.push("the infusion start time");
  if (ctx.payer === null) missing.push("a primary coverage in force on the date");
  if (!phase) missing.push("the order's regimen");
  if (ctx.order.diagnoses.length === 0) missing.push("the order's diagnoses");
  if (missing.length > 0) return { ok: false, missing };

  const source = SOURCE[values.acquisition];
  const cost = values.acquisition === "purchased_340b" ? toNumber(values.acquisitionCostPerUnit) : null;
  const vialChoiceReason = filled(values.vialChoiceReason) ? values.vialChoiceReason.trim() : null;
  /** what every documented drug of this infusion shares: how it was acquired and why its vials were chosen */
  const shared = {
    source,
    ...(cost !== null ? { acquisitionCostPerUnit: cost } : {}),
    ...(vialChoiceReason !== null ? { vialChoiceReason } : {}),
  };
  const wasteDocumented = filled(values.mgDiscarded) && filled(values.wasteTime) && filled(values.wasteWitness);
  const durva: TScenarioInput["drugs"][number] = {
    drug: "durvalumab",
    orderedDose: orderedDose(phase!),
    administeredMg: administered!,
    vials: durvaVials,
    ...shared,
    wasteDocumented,
    infusion: filled(values.infusionStop) ? { start: values.infusionStart!, end: values.infusionStop } : { start: values.infusionStart! },
    cycle: ctx.administration.cycle,
  };
  const discarded = toNumber(values.mgDiscarded);
  if (discarded !== null) durva.discardedMg = discarded;
  if (filled(ctx.order.weightDoseOverrideReason)) durva.weightDoseOverrideReason = ctx.order.weightDoseOverrideReason.trim();
  if (ctx.firstDoseDate !== null && ctx.firstDoseDate <= values.actualDate!) durva.firstDoseDate = ctx.firstDoseDate;
  const drugs: TScenarioInput["drugs"] = [durva];

  const combo = ctx.order.combination;
  const c = values.combination;
  const comboVials = combo ? vialsOf(values.vials, combo.drug) : [];
  const comboMg = toNumber(c?.mgAdministered ?? null);
  if (ctx.administration.includesCombination && combo && c && comboMg !== null && comboMg > 0 && comboVials.length > 0 && filled(c.infusionStart)) {
    const d: TScenarioInput["drugs"][number] = {
      drug: combo.drug,
      orderedDose: orderedDose(combo),
      administeredMg: comboMg,
      vials: comboVials,
      ...shared,
      wasteDocumented: filled(c.mgDiscarded) && filled(values.wasteTime) && filled(values.wasteWitness),
      infusion: filled(c.infusionStop) ? { start: c.infusionStart, end: c.infusionStop } : { start: c.infusionStart },
      cycle: ctx.administration.cycle,
    };
    const cd = toNumber(c.mgDiscarded);
    if (cd !== null) d.discardedMg = cd;
    drugs.push(d);
  }

  const otherDrugs = values.otherDrugs.map((o) => ({
    hcpcs: o.hcpcs,
    ...(o.description ? { description: o.description } : {}),
    units: o.units,
    modifiers: [] as string[],
    administration: o.administration,
    ...(o.infusionStart ? { infusion: o.infusionStop ? { start: o.infusionStart, end: o.infusionStop } : { start: o.infusionStart } } : {}),
  }));
  const site =
    ctx.site.hospitalSite || ctx.site.coveredEntityType
      ? {
          ...(ctx.site.hospitalSite ? { hospitalSite: ctx.site.hospitalSite } : {}),
          ...(ctx.site.coveredEntityType ? { coveredEntityType: ctx.site.coveredEntityType } : {}),
        }
      : null;

  const charges: Record<string, number> = {};
  for (const [code, cents] of Object.entries(ctx.feeScheduleCents)) charges[code] = cents / 100;

  return {
    ok: true,
    scenario: {
      // The practice as the facility bills an 837I with a type of bill and no place of service.
      ...(claim.claimType === "institutional" ? { claimType: "institutional" as const, typeOfBill: claim.typeOfBill! } : { claimType: "professional" as const, placeOfService: ctx.placeOfService }),
      dateOfService: values.actualDate!,
      today: ctx.today >= values.actualDate! ? ctx.today : values.actualDate!,
      payer: ctx.payer!,
      patient: { weightKg: weight! },
      diagnoses: [...ctx.order.diagnoses],
      indication: ctx.order.indicationId,
      drugs,
      ...(otherDrugs.length ? { otherDrugs } : {}),
      ...(site ? { site } : {}),
      ...(ctx.priorAuths?.length ? { priorAuth: ctx.priorAuths.map((a) => ({ ...a })) } : {}),
      frequency: "original",
      charges,
    },
  };
}
