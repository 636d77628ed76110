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
}

export function toClaim837Lines(lines: readonly BuiltLine[], dateOfService: string): Claim837LineShape[] {
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
    return out;
  });
}
