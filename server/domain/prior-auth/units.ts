/**
 * Units a planned infusion will bill against its authorization: the dose at the current weight in
 * billing units, plus the discarded remainder of the vials when the payer is billed for waste (a JW
 * line of the same code counts against the authorization like the administered units).
 */
import { computeUnits } from "@/server/domain/billing/units";

export function plannedUnits(input: { doseMilli: number; unitMilli: number; openedUnits: number | null; billsWaste: boolean }): number {
  if (input.doseMilli <= 0) return 0;
  const u = computeUnits({ administeredMilli: input.doseMilli, unitMilli: input.unitMilli, openedUnits: input.openedUnits });
  return input.billsWaste ? u.billedAdministeredUnits + u.wasteUnits : u.administeredUnits;
}
