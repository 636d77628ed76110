import type { CombinationDrug, DoseKind, OrderFrequency } from "./codes";

/**
 * One phase of a durvalumab regimen, e.g. "1500 mg q3w ×4 with chemotherapy". A regimen has one or
 * two phases ("… then 1500 mg q4w"). `doseAmount` is an exact decimal string: mg for a fixed dose,
 * mg/kg for a weight-based one.
 */
export interface OrderPhase {
  /** the label's phase key (with-chemotherapy, maintenance, consolidation …) or a free name */
  name: string;
  doseKind: DoseKind;
  doseAmount: string;
  frequency: OrderFrequency;
  /** number of infusions in this phase; null = open (only the last phase, bounded by the duration) */
  cycles: number | null;
}

/** A drug infused with durvalumab on some of the planned administrations (1-based sequence numbers). */
export interface OrderCombination {
  drug: CombinationDrug;
  doseKind: DoseKind;
  doseAmount: string;
  withAdministrations: number[];
}

export interface OrderPlan {
  startDate: string;
  phases: OrderPhase[];
  /** planned treatment duration in months from the start date (end exclusive); null when cycles bound it */
  durationMonths: number | null;
  combination: OrderCombination | null;
}

/** One row of the treatment calendar. Each durvalumab infusion is its own cycle, given on day 1. */
export interface PlannedAdministration {
  /** 1-based position in the whole order */
  sequence: number;
  cycle: number;
  day: number;
  phaseIndex: number;
  phaseName: string;
  plannedDate: string;
  includesCombination: boolean;
}
