/**
 * Where each finding is fixed, as data: the scrubber's rule (refined by its topic and, where one rule
 * covers several causes, by what its message names) → the place a biller goes to correct the cause.
 * One table serves every page that shows findings (the infusion's claim preview, the claim, the order),
 * so a finding sends the user to the same place wherever it is read.
 *
 * Places are record-relative: "the documentation form's lot number of vial 2", "the order's diagnoses",
 * "the patient's coverage", "the payer's waste-modifier setting". The page that shows the finding turns
 * a place into a link with the ids it knows (`components/findings/fix-link.tsx`).
 */

export type FixPlace =
  /** a field of the infusion's documentation form (react-hook-form name, e.g. `vials.1.lotNumber`) */
  | { kind: "documentation"; field: string }
  /** a field of the order form (only a draft is edited; a signed order is opened) */
  | { kind: "order"; field: string }
  /** the patient's coverage (the primary in force on the date of service) */
  | { kind: "coverage" }
  /** a setting of the payer (admin → payers, the payer's dialog) */
  | { kind: "payer"; field: string }
  /** a setting of the location (admin → locations): who bills, place of service */
  | { kind: "location"; field: string }
  /** the fee schedule (admin) */
  | { kind: "fee-schedule" }
  /** the patient's prior authorization */
  | { kind: "prior-auth" }
  /** the claim's own fields (the claim's edit form, once a claim exists) */
  | { kind: "claim" };

export interface FindingForFix {
  rule: string;
  category: string;
  message: string;
  /** order checks name their form field */
  field?: string;
}

interface FixRow {
  rule: string;
  /** the finding's topic, when the rule covers several */
  category?: string;
  /** what the message names, when the rule and topic still cover several causes */
  when?: RegExp;
  /** `{vial}` in a field is the 0-based vial line the message names ("Vial 2 …", "Vial line 2: …") */
  place: FixPlace;
}

const doc = (field: string): FixPlace => ({ kind: "documentation", field });
const order = (field: string): FixPlace => ({ kind: "order", field });
const payer = (field: string): FixPlace => ({ kind: "payer", field });

/** First matching row wins: specific rows (topic, message) before a rule's general row. */
export const FIX_PLACES: readonly FixRow[] = [
  { rule: "DOC-LOT-EXPIRY", place: doc("vials.{vial}.expiryDate") },
  // NDC: the payer's policy (qualifier, NDC required), else the vial's NDC as documented.
  { rule: "R-NDC", when: /this payer (requires|wants)/, place: payer("ndc") },
  { rule: "R-NDC", when: /^Vial \d+/, place: doc("vials.{vial}.ndc") },
  { rule: "R-NDC", place: doc("vials.0.ndc") },
  { rule: "R-NDC-SPLIT", place: payer("ndc") },
  // Infusion times decide the administration codes.
  { rule: "R-ADMIN", when: /no stop time|stop time .* not after/, place: doc("infusionStop") },
  { rule: "R-ADMIN", when: /appears twice|concurrent|therapeutic\/hydration/, place: doc("otherDrugs") },
  { rule: "R-ADMIN", place: doc("infusionStart") },
  // Waste: the payer's modifier policy, else the discarded amount and its record.
  { rule: "R-JW", when: /this payer does not use/, place: payer("wasteModifiers") },
  { rule: "R-JW", category: "documentation", when: /time|witness/, place: doc("wasteTime") },
  { rule: "R-JW", place: doc("mgDiscarded") },
  { rule: "R-JWJZ", when: /payer/, place: payer("wasteModifiers") },
  { rule: "R-JWJZ", place: doc("mgDiscarded") },
  { rule: "R-VIAL", when: /rounding the dose/, place: doc("mgAdministered") },
  { rule: "R-VIAL", place: doc("vialChoiceReason") },
  { rule: "R-OVERFILL", place: doc("vials.0.count") },
  { rule: "R-UNITS", place: doc("mgAdministered") },
  { rule: "R-MUE", place: doc("mgAdministered") },
  // Dose against the order: the cycle outside its phase is the order's; the amount given is the record's.
  { rule: "R-DOSE", category: "weight", place: order("phases.0.doseAmount") },
  { rule: "R-DOSE", place: doc("mgAdministered") },
  // A fixed dose under the weight threshold: the order's dose, or the clinician's reason recorded on it.
  { rule: "R-WEIGHT", when: /US label doses by weight/, place: order("weightDoseOverride") },
  { rule: "R-WEIGHT", place: doc("weightKg") },
  { rule: "R-DURATION", place: order("durationMonths") },
  { rule: "R-DX", place: order("diagnosesText") },
  { rule: "R-INDICATION", place: order("indicationId") },
  { rule: "R-FREE", place: doc("acquisition") },
  { rule: "R-340B", when: /acquisition cost/, place: doc("acquisitionCostPerUnit") },
  { rule: "R-340B", place: payer("modifier340b") },
  { rule: "R-OTHER-DRUG", place: doc("otherDrugs") },
  { rule: "R-AUTH", place: { kind: "prior-auth" } },
  { rule: "R-FACILITY", place: { kind: "location", field: "billedBy" } },
  { rule: "R-SITE", category: "modifier", when: /off-campus|PO\/PN/, place: { kind: "location", field: "hospitalSite" } },
  { rule: "R-CHARGE", place: { kind: "fee-schedule" } },
  { rule: "R-TIMELY", place: payer("timelyFilingDays") },
  { rule: "R-HCPCS", place: { kind: "claim" } },
  { rule: "R-MOD", place: { kind: "claim" } },
  { rule: "R-EM", place: { kind: "claim" } },
  { rule: "R-FREQ", place: { kind: "claim" } },
  { rule: "R-SITE", place: { kind: "claim" } },
  { rule: "CLM-837", place: { kind: "claim" } },
];

/** The order form's field for an order check's field (the diagnoses are typed as one text). */
export function orderFormField(field: string): string {
  if (field === "diagnoses" || field.startsWith("diagnoses.")) return "diagnosesText";
  if (field === "phases") return "phases.0.doseAmount";
  if (field === "combination" || field === "combination.drug") return "hasCombination";
  return field;
}

/** The 0-based vial line a message names ("Vial 2 of …", "Vial line 2: …"), 0 when it names none. */
export function vialIndexOf(message: string): number {
  const m = /\bVial (?:line )?(\d+)\b/i.exec(message);
  return m ? Math.max(0, Number(m[1]) - 1) : 0;
}

/**
 * Where a finding is fixed, or null when nothing on a record fixes it (a duplicate, a rule the table
 * does not know). A finding that names its order field (the order checks) goes to that field.
 */
export function fixPlaceOf(f: FindingForFix): FixPlace | null {
  if (f.field !== undefined && f.rule !== "R-AUTH") return order(orderFormField(f.field));
  const row = FIX_PLACES.find((r) => r.rule === f.rule && (r.category === undefined || r.category === f.category) && (r.when === undefined || r.when.test(f.message)));
  if (!row) return null;
  const p = row.place;
  if ((p.kind === "documentation" || p.kind === "order") && p.field.includes("{vial}")) {
    return { ...p, field: p.field.replace("{vial}", String(vialIndexOf(f.message))) };
  }
  return p;
}

/** The anchor of a form field in a page's address (`#field-vials.1.lotNumber`); read back by `fieldOfHash`. */
export function fieldHash(field: string): string {
  return `#field-${field}`;
}

export function fieldOfHash(hash: string): string | null {
  const m = /^#field-([A-Za-z0-9_.]+)$/.exec(hash);
  return m ? m[1]! : null;
}
