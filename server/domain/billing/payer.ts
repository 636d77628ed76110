/** Payer policy = scenario payer settings on top of the payer profile template (claim-rules.md). */
import { pick, type PreparedReference } from "./prepare";
import type { TPayerProfileRow } from "./reference";
import type { TScenario } from "./scenario";

export interface PayerPolicy {
  kind: TPayerProfileRow["kind"];
  profileId: string | null;
  wasteModifiers: TPayerProfileRow["wasteModifiers"];
  ndc: TPayerProfileRow["ndc"];
  priorAuthRequired: boolean;
  timelyFilingDays: number | null;
  timelyFilingMonths: number | null;
  appealDays: number | null;
  freeDrug: TPayerProfileRow["freeDrug"];
  doseRoundingPercent: number | null;
  unitCaps: Record<string, number>;
  /** SBR09 for this claim type (837I to Medicare: MA) */
  claimFilingIndicator: string | null;
  modifier340b: TPayerProfileRow["modifier340b"];
  charge340b: TPayerProfileRow["charge340b"];
  ndcUnPartialVial: TPayerProfileRow["ndcUnPartialVial"];
}

export function resolvePayer(ref: PreparedReference, payer: TScenario["payer"], dos: string, claimType: TScenario["claimType"] = "professional"): PayerPolicy {
  const template = payer.profile !== undefined ? pick(ref.payerProfilesById.get(payer.profile), dos) : pick(ref.payerProfilesByKind.get(payer.kind), dos);
  const days = payer.timelyFilingDays ?? template?.timelyFilingDays ?? null;
  return {
    kind: payer.kind,
    profileId: template?.id ?? null,
    wasteModifiers: payer.wasteModifiers,
    ndc: payer.ndc,
    priorAuthRequired: payer.priorAuthRequired,
    timelyFilingDays: days,
    // Explicit days on the scenario replace a months-based template limit.
    timelyFilingMonths: payer.timelyFilingDays !== undefined ? null : (template?.timelyFilingMonths ?? null),
    appealDays: payer.appealDays ?? template?.appealDays ?? null,
    freeDrug: payer.freeDrug ?? template?.freeDrug ?? "fb_zero_charge",
    doseRoundingPercent: payer.doseRoundingPercent ?? template?.doseRoundingPercent ?? null,
    unitCaps: payer.unitCaps ?? template?.unitCaps ?? {},
    claimFilingIndicator:
      claimType === "institutional"
        ? (payer.institutionalClaimFilingIndicator ?? template?.institutionalClaimFilingIndicator ?? payer.claimFilingIndicator ?? template?.claimFilingIndicator ?? null)
        : (payer.claimFilingIndicator ?? template?.claimFilingIndicator ?? null),
    modifier340b: payer.modifier340b ?? template?.modifier340b ?? "none",
    charge340b: payer.charge340b ?? template?.charge340b ?? "usual_charge",
    ndcUnPartialVial: payer.ndcUnPartialVial ?? template?.ndcUnPartialVial ?? "administered_line",
  };
}
