import type { LocationBiller } from "@/server/domain/practice-setup/codes";
import type { COVERED_ENTITY_TYPES, HOSPITAL_SITES } from "@/server/domain/billing/reference";
import type { TPriorAuthInput } from "@/server/domain/billing/scenario";
import type { Finding } from "@/server/domain/billing/types";
import type { OrderCombination, OrderPhase } from "@/server/domain/orders/types";
import type { EnginePayerInput } from "@/server/domain/practice-setup/payer-profile";
import type { AcquisitionSource, DocumentedDrug, OtherDrugAdministration } from "./codes";

/** One line of opened vials as documented: NDC (11 digits), lot, expiry and how many of them. */
export interface VialEntry {
  drug: DocumentedDrug;
  ndc11: string;
  lotNumber: string | null;
  /** ISO date; the lot may be used through this day */
  expiryDate: string | null;
  count: number;
}

/** The combination drug given with this infusion (tremelimumab), documented like durvalumab. */
export interface CombinationValues {
  mgAdministered: string | null;
  mgDiscarded: string | null;
  infusionStart: string | null;
  infusionStop: string | null;
}

/**
 * Another drug given the same day (etoposide, carboplatin, gemcitabine…). It is not in the catalog:
 * the user gives its HCPCS code and billing units; its infusion times count for the administration codes.
 */
export interface OtherDrugEntry {
  hcpcs: string;
  description: string | null;
  units: number;
  administration: OtherDrugAdministration;
  infusionStart: string | null;
  infusionStop: string | null;
}

/**
 * What one documentation version holds. Decimals are exact strings ("673", "67.3"); anything still
 * missing is null, so a draft can be saved and the checklist shows what billing still needs.
 */
export interface DocumentationValues {
  actualDate: string | null;
  weightKg: string | null;
  infusionStart: string | null;
  infusionStop: string | null;
  nurseName: string | null;
  mgAdministered: string | null;
  mgDiscarded: string | null;
  wasteTime: string | null;
  wasteWitness: string | null;
  acquisition: AcquisitionSource;
  /** 340B actual acquisition cost in dollars per billing unit (for payers that want it charged) */
  acquisitionCostPerUnit: string | null;
  /** why the least-waste vials were not used (e.g. out of stock): lets the full waste be billed */
  vialChoiceReason: string | null;
  notes: string | null;
  combination: CombinationValues | null;
  vials: VialEntry[];
  otherDrugs: OtherDrugEntry[];
}

/** The order, calendar row, location, payer and prices a documentation is billed with. */
export interface ClaimContext {
  order: {
    indicationId: string;
    diagnoses: readonly string[];
    phases: readonly OrderPhase[];
    combination: OrderCombination | null;
    /** the clinician's documented reason for a fixed dose under the weight threshold (R-WEIGHT becomes a warning) */
    weightDoseOverrideReason?: string | null | undefined;
  };
  administration: { phaseIndex: number; cycle: number; includesCombination: boolean; plannedDate: string };
  placeOfService: string;
  /** who bills the drug and its administration at the location (chooses the 837P, the 837I or no claim) */
  billedBy: LocationBiller;
  /** the location's hospital site (PO/PN on the 837I) and 340B covered-entity type, when set */
  site: { hospitalSite: (typeof HOSPITAL_SITES)[number] | null; coveredEntityType: (typeof COVERED_ENTITY_TYPES)[number] | null };
  /** the primary coverage's payer on the date of service, mapped for the engine; null when none is in force */
  payer: EnginePayerInput | null;
  /** price per billing unit in cents by code (practice fee schedule on the date of service) */
  feeScheduleCents: Readonly<Record<string, number>>;
  /** date of the order's first infusion (for the label's maximum duration) */
  firstDoseDate: string | null;
  /** the day the preview is built (timely filing) */
  today: string;
  /** the authorizations on file that cover (or nearly cover) this infusion, from the PA ledger; none = the engine reports a missing one */
  priorAuths?: TPriorAuthInput[] | undefined;
}

/**
 * A finding raised by the documentation itself rather than the claim engine (an expired lot).
 * Same shape as an engine finding so the page lists them together.
 */
export type DocumentationFinding = Omit<Finding, "rule"> & { rule: Finding["rule"] | "DOC-LOT-EXPIRY" };
