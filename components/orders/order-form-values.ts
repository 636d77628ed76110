import type { TOrder } from "@/server/api/routers/orders/schemas";
import type { DoseKind, OrderFrequency } from "@/server/domain/orders/codes";

/*
 * The order form's values and their conversions, kept out of the client module so that server pages
 * (the draft edit page) can turn an order into the form's initial values.
 */
export interface PhaseValues {
  name: string;
  doseKind: DoseKind;
  doseAmount: string;
  frequency: OrderFrequency;
  cycles: string;
}
export interface OrderFormValues {
  patientId: string;
  indicationId: string;
  diagnosesText: string;
  weightKg: string;
  startDate: string;
  orderingProviderId: string;
  locationId: string;
  durationMonths: string;
  phases: PhaseValues[];
  hasCombination: boolean;
  combination: { drug: "tremelimumab"; doseKind: DoseKind; doseAmount: string; withAdministrations: string };
  notes: string;
}

export const EMPTY_PHASE: PhaseValues = { name: "treatment", doseKind: "fixed", doseAmount: "", frequency: "q4w", cycles: "" };

export function splitCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
export function toInt(s: string): number | null {
  return /^\d+$/.test(s.trim()) ? Number(s.trim()) : null;
}

/** The form's strings → the procedure's input (the server schema decides what is valid). */
export function toOrderInput(v: OrderFormValues) {
  return {
    patientId: v.patientId,
    indicationId: v.indicationId,
    diagnoses: splitCodes(v.diagnosesText),
    phases: v.phases.map((p) => ({ name: p.name, doseKind: p.doseKind, doseAmount: p.doseAmount, frequency: p.frequency, cycles: p.cycles.trim() === "" ? null : (toInt(p.cycles) ?? -1) })),
    durationMonths: v.durationMonths.trim() === "" ? null : (toInt(v.durationMonths) ?? -1),
    combination: v.hasCombination
      ? {
          drug: v.combination.drug,
          doseKind: v.combination.doseKind,
          doseAmount: v.combination.doseAmount,
          withAdministrations: splitCodes(v.combination.withAdministrations).map((n) => toInt(n) ?? -1),
        }
      : null,
    startDate: v.startDate,
    orderingProviderId: v.orderingProviderId,
    locationId: v.locationId,
    weightKg: v.weightKg,
    notes: v.notes,
  };
}

export function valuesFromOrder(o: TOrder): OrderFormValues {
  return {
    patientId: o.patientId,
    indicationId: o.indicationId,
    diagnosesText: o.diagnoses.join(", "),
    weightKg: o.weightKg,
    startDate: o.startDate,
    orderingProviderId: o.orderingProviderId,
    locationId: o.locationId,
    durationMonths: o.durationMonths === null ? "" : String(o.durationMonths),
    phases: o.phases.map((p) => ({ ...p, cycles: p.cycles === null ? "" : String(p.cycles) })),
    hasCombination: o.combination !== null,
    combination: o.combination
      ? { ...o.combination, withAdministrations: o.combination.withAdministrations.join(", ") }
      : { drug: "tremelimumab", doseKind: "fixed", doseAmount: "", withAdministrations: "1" },
    notes: o.notes ?? "",
  };
}

