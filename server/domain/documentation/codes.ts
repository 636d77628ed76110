/**
 * Code lists of infusion documentation. One `as const` array per enum feeds the pg enum
 * (db/schema/documentation.ts), the zod enum of the tRPC schemas and the form.
 */
export const ACQUISITION_SOURCES = ["purchased", "free_manufacturer_program", "purchased_340b"] as const;
export type AcquisitionSource = (typeof ACQUISITION_SOURCES)[number];
export const ACQUISITION_LABELS: Record<AcquisitionSource, string> = {
  purchased: "Purchased (buy and bill)",
  free_manufacturer_program: "Free through a manufacturer assistance or replacement program",
  purchased_340b: "Purchased under the 340B program",
};

/**
 * How another same-day drug was given: in the chemotherapy family (counts for 96409/96413/96415/96417),
 * as a therapeutic infusion or push (96365/96374…, not a chemotherapy code), or not as an infusion at all.
 */
export const OTHER_DRUG_ADMINISTRATIONS = ["chemotherapy", "therapeutic", "none"] as const;
export type OtherDrugAdministration = (typeof OTHER_DRUG_ADMINISTRATIONS)[number];
export const OTHER_DRUG_ADMINISTRATION_LABELS: Record<OtherDrugAdministration, string> = {
  chemotherapy: "Chemotherapy infusion or push",
  therapeutic: "Therapeutic/hydration (not chemotherapy)",
  none: "Not an infusion (oral, subcutaneous…)",
};

/** Drugs that can be documented on a durvalumab administration (the order's drug and its combination partner). */
export const DOCUMENTED_DRUGS = ["durvalumab", "tremelimumab"] as const;
export type DocumentedDrug = (typeof DOCUMENTED_DRUGS)[number];

/** A warning acknowledgement needs a reason of at least this many characters. */
export const MIN_ACK_REASON = 5;

/** 24-hour clock time HH:MM, as the engine takes it. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
