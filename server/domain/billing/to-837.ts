/**
 * Maps preview lines to the 837 writer's line shape (server/domain/x12/claim-837.ts) without
 * importing it: the shapes are structural, so billing does not depend on the codec.
 */
import { formatMilli } from "./exact";
import type { BuiltLine } from "./types";

export interface Claim837LineShape {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  dateOfService: string;
  diagnosisPointers: number[];
  ndc: { code11: string; unit: "ML" | "UN"; quantity: string } | null;
  revenueCode?: string;
  /** line-level prior authorization (837P 2400 REF*G1), only when it differs from the claim's */
  priorAuthNumber?: string;
}

/**
 * `claim` (the preview's claim facts) lets line-level authorizations through: on an 837P a line
 * whose authorization differs from the claim-level one carries its own; an 837I has none.
 */
export function toClaim837Lines(
  lines: readonly BuiltLine[],
  dateOfService: string,
  claim?: { claimType: "professional" | "institutional"; priorAuthNumber?: string | undefined },
): Claim837LineShape[] {
  return lines.map((l) => {
    const out: Claim837LineShape = {
      code: l.code,
      modifiers: [...l.modifiers],
      units: l.units,
      chargeCents: Math.max(0, l.chargeCents),
      dateOfService,
      diagnosisPointers: [...l.diagnosisPointers],
      ndc: l.ndc ? { code11: l.ndc.code, unit: l.ndc.unit, quantity: formatMilli(l.ndc.quantityMilli) } : null,
    };
    if (l.revenueCode !== undefined) out.revenueCode = l.revenueCode;
    if (claim?.claimType === "professional" && l.priorAuthNumber !== undefined && l.priorAuthNumber !== claim.priorAuthNumber) out.priorAuthNumber = l.priorAuthNumber;
    return out;
  });
}
