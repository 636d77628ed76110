import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { zClaimText, zOptionalClaimText, zText } from "@/server/api/zod-text";
import { COVERAGE_PRIORITIES, SEXES, SUBSCRIBER_RELATIONSHIPS } from "@/server/domain/patients/codes";
import {
  EARLIEST_DATE_OF_BIRTH,
  isIsoDate,
  isoDateOf,
  normalizeUsPhone,
  normalizeZip,
} from "@/server/domain/patients/demographics";

/* Client-safe: forms use these with zodResolver, procedures with .input(). */

const ZIsoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .refine(isIsoDate, `Enter the ${label} as a real date, e.g. 2026-01-31.`);

/** Real, not before 1900, not in the future (the service re-checks against the request clock). */
const ZDateOfBirth = (label: string) =>
  ZIsoDate(label)
    .refine((v) => v >= EARLIEST_DATE_OF_BIRTH, `The ${label} cannot be before 1900.`)
    .refine((v) => v <= isoDateOf(new Date()), `The ${label} cannot be in the future.`);

// Everything a patient or coverage holds goes onto a claim: the shared claim-text helpers refuse
// control, bidi and zero-width characters and the X12 delimiters, with a field error.
const ZName = (label: string, max: number) => zClaimText(label, { max });
const optionalName = (label: string, max: number) => zOptionalClaimText(label, { max });

export const ZSex = z.enum(SEXES, { error: "Choose female, male or unknown." });
export const ZCoveragePriority = z.enum(COVERAGE_PRIORITIES, {
  error: "Choose primary, secondary or tertiary.",
});
export const ZSubscriberRelationship = z.enum(SUBSCRIBER_RELATIONSHIPS, {
  error: "Choose self, spouse, child or other.",
});
const ZExpectedUpdatedAt = z.date({ error: "The version of the record being edited is missing." });

export const ZPatientFields = z.object({
  mrn: z
    .string({ error: "Enter the MRN." })
    .trim()
    .min(1, "Enter the MRN.")
    .max(30, "An MRN has at most 30 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "An MRN uses letters, digits and dashes only.")
    .transform((v) => v.toUpperCase()),
  firstName: ZName("first name", 35),
  lastName: ZName("last name", 60),
  dateOfBirth: ZDateOfBirth("date of birth"),
  sex: ZSex,
  addressLine1: zClaimText("street address", { max: 55 }),
  addressLine2: zOptionalClaimText("second address line", { max: 55 }),
  city: zClaimText("city", { max: 30 }),
  state: z
    .string({ error: "Enter the state." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use the two-letter state code, e.g. WI."),
  zip: z
    .string({ error: "Enter the ZIP code." })
    .trim()
    .transform((v, c) => {
      const zip = normalizeZip(v);
      if (!zip) {
        c.addIssue({ code: "custom", message: "Use a 5- or 9-digit ZIP code, e.g. 53703 or 53703-1234." });
        return z.NEVER;
      }
      return zip;
    }),
  phone: z
    .string()
    .trim()
    .nullish()
    .transform((v, c) => {
      if (!v) return null;
      const phone = normalizeUsPhone(v);
      if (!phone) {
        c.addIssue({ code: "custom", message: "Enter a 10-digit US phone number, e.g. (608) 555-0134." });
        return z.NEVER;
      }
      return phone;
    }),
});
export type TPatientFieldsIn = z.input<typeof ZPatientFields>;
export type TPatientFields = z.output<typeof ZPatientFields>;

export const ZPatientId = z.object({ patientId: z.uuid("Not a valid patient id.") });
export const ZCreatePatient = ZPatientFields;
export const ZUpdatePatient = ZPatientFields.extend({
  patientId: z.uuid("Not a valid patient id."),
  /** the updatedAt the editor loaded; another value now means someone else saved meanwhile */
  expectedUpdatedAt: ZExpectedUpdatedAt,
});
export type TUpdatePatient = z.output<typeof ZUpdatePatient>;

const ZCoverageBase = z.object({
  payerId: z.uuid("Choose a payer."),
  memberId: z
    .string({ error: "Enter the member id." })
    .trim()
    .min(1, "Enter the member id.")
    .max(80, "A member id has at most 80 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "A member id uses letters, digits and dashes only.")
    .transform((v) => v.toUpperCase()),
  groupNumber: zOptionalClaimText("group number", { max: 50 }),
  planName: zOptionalClaimText("plan name", { max: 60 }),
  priority: ZCoveragePriority,
  relationship: ZSubscriberRelationship,
  subscriberFirstName: optionalName("subscriber's first name", 35),
  subscriberLastName: optionalName("subscriber's last name", 60),
  subscriberDateOfBirth: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
  effectiveDate: ZIsoDate("effective date"),
  endDate: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), "Enter the end date as a real date, e.g. 2026-12-31."),
});
type TCoverageBase = z.output<typeof ZCoverageBase>;

/** Subscriber details are required exactly when the patient is not the subscriber; end ≥ effective. */
function refineCoverage(v: TCoverageBase, c: z.core.$RefinementCtx<TCoverageBase>) {
  if (v.relationship !== "self") {
    if (!v.subscriberFirstName)
      c.addIssue({
        code: "custom",
        path: ["subscriberFirstName"],
        message: "Enter the subscriber's first name.",
      });
    if (!v.subscriberLastName)
      c.addIssue({
        code: "custom",
        path: ["subscriberLastName"],
        message: "Enter the subscriber's last name.",
      });
    const dob = v.subscriberDateOfBirth;
    if (!dob) {
      c.addIssue({
        code: "custom",
        path: ["subscriberDateOfBirth"],
        message: "Enter the subscriber's date of birth.",
      });
    } else if (!isIsoDate(dob)) {
      c.addIssue({
        code: "custom",
        path: ["subscriberDateOfBirth"],
        message: "Enter the subscriber's date of birth as a real date, e.g. 1950-07-04.",
      });
    } else if (dob < EARLIEST_DATE_OF_BIRTH || dob > isoDateOf(new Date())) {
      c.addIssue({
        code: "custom",
        path: ["subscriberDateOfBirth"],
        message: "The subscriber's date of birth must be between 1900 and today.",
      });
    }
  }
  if (v.endDate && isIsoDate(v.effectiveDate) && v.endDate < v.effectiveDate) {
    c.addIssue({
      code: "custom",
      path: ["endDate"],
      message: "The end date cannot be before the effective date.",
    });
  }
}

/** The patient is the subscriber: subscriber fields are cleared, whatever the form sent. */
function clearSelfSubscriber<T extends TCoverageBase>(v: T): T {
  return v.relationship === "self"
    ? { ...v, subscriberFirstName: null, subscriberLastName: null, subscriberDateOfBirth: null }
    : v;
}

export const ZCoverageFields = ZCoverageBase.superRefine(refineCoverage).transform(clearSelfSubscriber);
export type TCoverageFieldsIn = z.input<typeof ZCoverageFields>;
export type TCoverageFields = z.output<typeof ZCoverageFields>;

export const ZAddCoverage = ZCoverageBase.extend({ patientId: z.uuid("Not a valid patient id.") })
  .superRefine(refineCoverage)
  .transform(clearSelfSubscriber);
export type TAddCoverage = z.output<typeof ZAddCoverage>;
export const ZUpdateCoverage = ZCoverageBase.extend({
  coverageId: z.uuid("Not a valid coverage id."),
  expectedUpdatedAt: ZExpectedUpdatedAt,
})
  .superRefine(refineCoverage)
  .transform(clearSelfSubscriber);
export type TUpdateCoverage = z.output<typeof ZUpdateCoverage>;
export const ZEndCoverage = z.object({
  coverageId: z.uuid("Not a valid coverage id."),
  endDate: ZIsoDate("end date"),
  expectedUpdatedAt: ZExpectedUpdatedAt,
});
export type TEndCoverage = z.output<typeof ZEndCoverage>;

export const PATIENT_SORTS = ["name", "mrn", "dob", "created"] as const;
export type PatientSort = (typeof PATIENT_SORTS)[number];
export const ZPatientListParams = zListParams(PATIENT_SORTS, { sort: "name", dir: "asc" });
export type TPatientListParams = z.output<typeof ZPatientListParams>;

export const ZPatient = z.object({
  id: z.string(),
  practiceId: z.string(),
  mrn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: ZSex,
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  phone: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TPatient = z.infer<typeof ZPatient>;

export const ZCoverage = z.object({
  id: z.string(),
  patientId: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  payerKind: z.string(),
  payerActive: z.boolean(),
  memberId: z.string(),
  groupNumber: z.string().nullable(),
  planName: z.string().nullable(),
  priority: ZCoveragePriority,
  relationship: ZSubscriberRelationship,
  subscriberFirstName: z.string().nullable(),
  subscriberLastName: z.string().nullable(),
  subscriberDateOfBirth: z.string().nullable(),
  effectiveDate: z.string(),
  endDate: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TCoverage = z.infer<typeof ZCoverage>;

/** What a coverage write returns (the page reloads the patient for payer names). */
export const ZCoverageRow = ZCoverage.omit({ payerName: true, payerKind: true, payerActive: true }).extend({
  practiceId: z.string(),
});

export const ZPatientWithCoverages = ZPatient.extend({ coverages: z.array(ZCoverage) });
export type TPatientWithCoverages = z.infer<typeof ZPatientWithCoverages>;

export const ZPatientListItem = z.object({
  id: z.string(),
  mrn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: ZSex,
  city: z.string(),
  state: z.string(),
  phone: z.string().nullable(),
  createdAt: z.date(),
  /** the payer of the primary coverage in force today, if any */
  primaryPayerName: z.string().nullable(),
});
export type TPatientListItem = z.infer<typeof ZPatientListItem>;
/** `totalCapped`: `total` is a lower bound (the filter holds more than the list counts). */
export const ZPatientPage = zPage(ZPatientListItem).extend({ totalCapped: z.boolean() });

export const ZPayerOption = z.object({ id: z.string(), name: z.string(), kind: z.string() });

/** The header's patient search: a name, an MRN or a date of birth (MM/DD/YYYY). */
export const ZPatientQuickSearch = z.object({
  q: zText("search", { min: 2, max: 60 }),
});
export const ZPatientSearchHit = z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), mrn: z.string(), dateOfBirth: z.string() });
export const PATIENT_QUICK_SEARCH_LIMIT = 8;
