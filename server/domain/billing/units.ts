/**
 * Billing units and waste for one drug administration (R-UNITS, R-JW, R-OVERFILL).
 * Administered amounts round UP to whole units; waste is what is left of the opened units, i.e.
 * the discarded amount rounded DOWN, so the part of the last unit already billed is never billed
 * again (reference.md §3.1, §3.2).
 */
import { ceilDiv } from "./exact";

export interface UnitsInput {
  /** thousandths of a mg administered */
  administeredMilli: number;
  /** thousandths of a mg per billing unit (10 mg -> 10000) */
  unitMilli: number;
  /** billable units in the opened packages; null when the vials are unknown */
  openedUnits: number | null;
}

export interface UnitsResult {
  /** ceil(administered / unit) */
  administeredUnits: number;
  /** administered units that can be billed (never above the opened units) */
  billedAdministeredUnits: number;
  /** opened − billed administered, 0 when unknown */
  wasteUnits: number;
  /** administered units beyond the opened vials' labelled contents (overfill), 0 normally */
  overfillUnits: number;
}

export function computeUnits(input: UnitsInput): UnitsResult {
  const administeredUnits = input.administeredMilli > 0 ? ceilDiv(input.administeredMilli, input.unitMilli) : 0;
  if (input.openedUnits === null) {
    return { administeredUnits, billedAdministeredUnits: administeredUnits, wasteUnits: 0, overfillUnits: 0 };
  }
  const billed = Math.min(administeredUnits, input.openedUnits);
  return {
    administeredUnits,
    billedAdministeredUnits: billed,
    wasteUnits: input.openedUnits - billed,
    overfillUnits: administeredUnits - billed,
  };
}
