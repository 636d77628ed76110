import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { zOptionalClaimText, zSearch, zText } from "@/server/api/zod-text";
import { isValidIsoDate } from "@/server/domain/billing/dates";
import { AGE_BUCKET_KEYS } from "@/server/domain/claims/filing";
import { CLAIM_FREQUENCIES, CLAIM_TYPES } from "@/server/domain/claims/types";
import { BATCH_STATES, ELECTRONIC_CHANNELS, SUBMISSION_CHANNELS } from "@/server/domain/workflow/batch";
import { ADJUDICATION_OUTCOMES, CLAIM_STATES } from "@/server/domain/workflow/claim";

/* Client-safe: the claim pages, the CSV routes and the procedures share these. */

export const ZClaimId = z.object({ claimId: z.uuid("Not a valid claim id.") });
export const ZBatchId = z.object({ batchId: z.uuid("Not a valid batch id.") });

export const ZBuildClaim = z.object({
  administrationIds: z.array(z.uuid("Not a valid infusion id.")).min(1, "Choose at least one infusion.").max(10, "At most 10 infusions go on one claim."),
  coverageId: z.uuid("Not a valid coverage id.").optional(),
});

const ZDecimal3 = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,3})?$/, "Enter a quantity with at most 3 decimals, e.g. 13.6.")
  .refine((v) => Number(v) > 0, "The quantity must be more than 0.");

export const ZClaimLineInput = z.object({
  code: z
    .string({ error: "Enter the procedure code." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{5}$/, "Enter a 5-character HCPCS or CPT code, e.g. J9173."),
  modifiers: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{2}$/, "A modifier is 2 letters or digits, e.g. JW."),
    )
    .max(4, "At most 4 modifiers per line."),
  units: z.number({ error: "Enter the units." }).int("Units are whole billing units.").positive("Units must be at least 1.").max(99_999, "That many units cannot be right."),
  chargeCents: z.number({ error: "Enter the charge." }).int("The charge is in whole cents.").nonnegative("A charge cannot be negative.").max(9_999_999_999, "The charge is too large."),
  ndc: z
    .object({
      /** any NDC format (4-4-2, 5-3-2, 5-4-1, 11 digits); the server normalises it */
      code: z.string().trim().min(1, "Enter the NDC.").max(20, "That is not an NDC."),
      unit: z.enum(["ML", "UN"], { error: "The NDC unit is ML or UN." }),
      quantity: ZDecimal3,
    })
    .nullable(),
  diagnosisPointers: z.array(z.number().int().min(1, "Diagnosis pointers start at 1.").max(12, "A claim has at most 12 diagnoses.")).min(1, "Point the line to at least one diagnosis.").max(4, "At most 4 diagnosis pointers per line."),
  revenueCode: z
    .string()
    .trim()
    .regex(/^\d{4}$/, "A revenue code is 4 digits, e.g. 0636.")
    .nullable()
    .optional(),
  priorAuthNumber: zOptionalClaimText("line prior authorization number", { max: 50 }),
});
export type TClaimLineInput = z.input<typeof ZClaimLineInput>;

export const ZUpdateClaim = ZClaimId.extend({
  baseRevision: z.number().int().nonnegative(),
  lines: z.array(ZClaimLineInput).min(1, "A claim needs at least one line.").max(50, "An 837P carries at most 50 lines.").optional(),
  diagnoses: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-TV-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$/, "Not an ICD-10-CM code (e.g. C34.11)."),
    )
    .min(1, "A claim needs at least one diagnosis.")
    .max(12, "A claim carries at most 12 diagnoses.")
    .optional(),
  priorAuthNumber: zOptionalClaimText("prior authorization number", { max: 50 }).optional(),
});
export type TUpdateClaimInput = z.input<typeof ZUpdateClaim>;

export const ZOverrideWarning = ZClaimId.extend({
  rule: z.string().trim().min(1).max(40),
  fingerprint: z.string().trim().regex(/^[0-9a-f]{16}$/, "Not a finding fingerprint."),
  reason: zText("override reason", { min: 5, max: 500 }),
});

export const ZReasonInput = ZClaimId.extend({ reason: zText("reason", { min: 5, max: 500 }) });
export const ZCorrectionInput = ZClaimId.extend({
  reason: zText("reason for the correction", { min: 5, max: 500 }),
  payerClaimNumber: zOptionalClaimText("payer claim number", { max: 50 }).optional(),
});

const ZOptionalIsoDate = (label: string) =>
  z
    .string()
    .trim()
    .refine(isValidIsoDate, `Enter the ${label} as a real date, e.g. 2026-09-14.`)
    .optional();

export const CLAIM_SORTS = ["number", "patient", "dos", "payer", "status", "amount", "age", "updated"] as const;
export type TClaimSort = (typeof CLAIM_SORTS)[number];
export const CLAIM_FILTER_KEYS = ["status", "payer", "type", "from", "to", "age", "minCharge"] as const;

export const ZClaimListParams = zListParams(CLAIM_SORTS, { sort: "updated", dir: "desc" })
  .extend({
    q: zSearch(),
    status: z.enum(CLAIM_STATES, { error: "Unknown claim status." }).optional(),
    payer: z.uuid("Not a valid payer id.").optional(),
    type: z.enum(CLAIM_TYPES, { error: "The claim type is professional or institutional." }).optional(),
    from: ZOptionalIsoDate("first date of service"),
    to: ZOptionalIsoDate("last date of service"),
    age: z.enum(AGE_BUCKET_KEYS, { error: "Unknown age range." }).optional(),
    minCharge: z.coerce.number({ error: "The minimum charge must be a number." }).int("Whole dollars.").nonnegative().max(10_000_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The last date must be on or after the first date." });
  });
export type TClaimListParamsInput = z.input<typeof ZClaimListParams>;

const ZFinding = z.object({
  rule: z.string(),
  category: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  suggestedFix: z.object({ action: z.string() }).optional(),
  source: z.string(),
  line: z.number().optional(),
  fingerprint: z.string(),
  overridden: z.boolean(),
});
export type TClaimFinding = z.infer<typeof ZFinding>;

const ZRejection = z
  .object({ source: z.enum(["999", "277CA"]), at: z.string(), reasons: z.array(z.string()), codes: z.array(z.string()), segment: z.string().nullable(), acknowledgmentFileId: z.string() })
  .nullable();

export const ZClaimListItem = z.object({
  id: z.string(),
  claimNumber: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  dateOfService: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  claimType: z.enum(CLAIM_TYPES),
  frequency: z.enum(CLAIM_FREQUENCIES),
  status: z.enum(CLAIM_STATES),
  totalChargeCents: z.number(),
  paidCents: z.number().nullable(),
  adjudicationOutcome: z.enum(ADJUDICATION_OUTCOMES).nullable(),
  ageDays: z.number(),
  filingDeadline: z.string(),
  daysLeftToFile: z.number().nullable(),
  errors: z.number(),
  openWarnings: z.number(),
  /** one line: the rejection reason, the blocking finding, or what happens next */
  note: z.string(),
  batchIcn: z.number().nullable(),
  /** the latest claim correcting this one (not cancelled): resubmission (original), replacement or void */
  correctedBy: z.object({ claimNumber: z.string(), frequency: z.enum(CLAIM_FREQUENCIES), status: z.enum(CLAIM_STATES) }).nullable(),
  /** a rejected claim settled by its resubmission: "Resubmitted", not "Replaced" */
  resubmitted: z.boolean(),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type TClaimListItem = z.infer<typeof ZClaimListItem>;
/**
 * `totalCapped`: the filter holds more claims than the list counts (LIST_COUNT_CAP): `total` is a lower
 * bound and `totalChargeCents` is null. A status tab alone is never capped (kept counts, migration 0038).
 */
export const ZClaimListPage = zPage(ZClaimListItem).extend({ totalCapped: z.boolean(), totalChargeCents: z.number().nullable(), counts: z.record(z.string(), z.number()) });

const ZLine = z.object({
  position: z.number(),
  kind: z.string(),
  code: z.string(),
  modifiers: z.array(z.string()),
  units: z.number(),
  chargeCents: z.number(),
  ndc: z.object({ code11: z.string(), unit: z.enum(["ML", "UN"]), quantity: z.string() }).nullable(),
  diagnosisPointers: z.array(z.number()),
  revenueCode: z.string().nullable(),
  priorAuthNumber: z.string().nullable(),
  dateOfService: z.string(),
  lineControlNumber: z.string(),
});
export type TClaimLine = z.infer<typeof ZLine>;

const ZAddress = z.object({ line1: z.string(), line2: z.string().optional(), city: z.string(), state: z.string(), postalCode: z.string() });

export const ZClaimDetail = z.object({
  claim: z.object({
    id: z.string(),
    claimNumber: z.string(),
    status: z.enum(CLAIM_STATES),
    claimType: z.enum(CLAIM_TYPES),
    frequency: z.enum(CLAIM_FREQUENCIES),
    dateOfService: z.string(),
    placeOfService: z.string().nullable(),
    typeOfBill: z.string().nullable(),
    priorAuthNumber: z.string().nullable(),
    payerClaimNumber: z.string().nullable(),
    payerClaimControlNumber: z.string().nullable(),
    diagnoses: z.array(z.object({ code: z.string(), description: z.string().nullable() })),
    totalChargeCents: z.number(),
    revision: z.number(),
    blocked: z.boolean(),
    scrubbedAt: z.date(),
    referenceVersions: z.record(z.string(), z.string()),
    submissionChannel: z.enum(SUBMISSION_CHANNELS).nullable(),
    submittedAt: z.date().nullable(),
    submittedByName: z.string().nullable(),
    acceptedAt: z.date().nullable(),
    rejectedAt: z.date().nullable(),
    rejection: ZRejection,
    adjudicatedAt: z.date().nullable(),
    adjudicationOutcome: z.enum(ADJUDICATION_OUTCOMES).nullable(),
    paidCents: z.number().nullable(),
    patientResponsibilityCents: z.number().nullable(),
    closedAt: z.date().nullable(),
    closeReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: z.date(),
    createdByName: z.string().nullable(),
    filingDeadline: z.string(),
    filingLimit: z.string(),
    daysLeftToFile: z.number(),
  }),
  patient: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), mrn: z.string(), dateOfBirth: z.string() }),
  payer: z.object({ id: z.string(), name: z.string(), ediPayerId: z.string(), kind: z.string(), responsibility: z.string(), memberId: z.string() }),
  location: z.object({ id: z.string(), name: z.string(), placeOfService: z.string() }),
  provider: z.object({ id: z.string(), name: z.string(), npi: z.string() }),
  billingProvider: z.object({ name: z.string(), npi: z.string(), tin: z.string(), address: ZAddress }),
  lines: z.array(ZLine),
  arithmetic: z.array(z.object({ topic: z.string(), text: z.string() })),
  findings: z.array(ZFinding),
  blockers: z.array(z.string()),
  overrides: z.array(z.object({ id: z.string(), rule: z.string(), message: z.string(), reason: z.string(), source: z.string(), userName: z.string().nullable(), createdAt: z.date() })),
  administrations: z.array(z.object({ id: z.string(), sequence: z.number(), cycleLabel: z.string(), actualDate: z.string().nullable(), active: z.boolean() })),
  batches: z.array(
    z.object({
      id: z.string(),
      status: z.enum(BATCH_STATES),
      interchangeControlNumber: z.number(),
      groupControlNumber: z.number(),
      transactionSetControlNumber: z.number(),
      fileName: z.string(),
      createdAt: z.date(),
      submittedAt: z.date().nullable(),
      submissionChannel: z.enum(SUBMISSION_CHANNELS).nullable(),
      ackStatus: z.string().nullable(),
    }),
  ),
  acknowledgments: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["999", "277CA"]),
      status: z.string(),
      reference: z.string(),
      payerClaimNumber: z.string().nullable(),
      summary: z.array(z.string()),
      segment: z.number().nullable(),
      outcome: z.string(),
      createdAt: z.date(),
      fileId: z.string(),
      fileName: z.string(),
    }),
  ),
  history: z.array(z.object({ id: z.string(), action: z.string(), text: z.string(), actorName: z.string().nullable(), createdAt: z.date() })),
  family: z.object({
    original: z.object({ id: z.string(), claimNumber: z.string(), status: z.enum(CLAIM_STATES), frequency: z.enum(CLAIM_FREQUENCIES) }).nullable(),
    corrections: z.array(z.object({ id: z.string(), claimNumber: z.string(), status: z.enum(CLAIM_STATES), frequency: z.enum(CLAIM_FREQUENCIES) })),
  }),
  actions: z.object({
    edit: z.boolean(),
    overrideWarnings: z.boolean(),
    markReady: z.boolean(),
    reopen: z.boolean(),
    cancel: z.boolean(),
    submitOnPaper: z.boolean(),
    replace: z.boolean(),
    void: z.boolean(),
    close: z.boolean(),
    refresh: z.boolean(),
    printCms1500: z.boolean(),
    billSecondary: z.boolean(),
    nextPayer: z.enum(["secondary", "tertiary"]).nullable(),
  }),
  /** COB: the crossover note (the primary forwarded the claim), the live secondary claim, or this claim's primary */
  secondary: z.object({
    crossover: z.string().nullable(),
    claim: z.object({ id: z.string(), claimNumber: z.string(), status: z.enum(CLAIM_STATES) }).nullable(),
    primary: z.object({ id: z.string(), claimNumber: z.string() }).nullable(),
  }),
});
export type TClaimDetail = z.infer<typeof ZClaimDetail>;

export const ZTransitionResult = z.object({ id: z.string(), status: z.enum(CLAIM_STATES) });
export const ZBuildResult = ZTransitionResult.extend({ claimNumber: z.string() });
export const ZCorrectionResult = ZBuildResult.extend({ frequency: z.enum(CLAIM_FREQUENCIES) });
export const ZBillSecondaryResult = ZBuildResult.extend({ blocked: z.boolean(), priority: z.enum(["secondary", "tertiary"]) });
export const ZMarkReadyResult = ZTransitionResult.extend({ blockers: z.array(z.string()) });
export const ZEditResult = z.object({ id: z.string(), revision: z.number(), blocked: z.boolean() });

/* ------------------------------------------------------------------ infusions to bill, deadlines, overrides */

export const ZInfusionClaimsInput = z.object({ administrationId: z.uuid("Not a valid infusion id.") });
export const ZInfusionClaim = z.object({
  id: z.string(),
  claimNumber: z.string(),
  status: z.enum(CLAIM_STATES),
  frequency: z.enum(CLAIM_FREQUENCIES),
  claimType: z.enum(CLAIM_TYPES),
  totalChargeCents: z.number(),
  payerName: z.string(),
  submittedAt: z.date().nullable(),
  /** the rejection in one sentence, when rejected */
  rejectionReason: z.string().nullable(),
  /** the claim holds the infusion now (not cancelled, replaced or voided) */
  active: z.boolean(),
});
export type TInfusionClaim = z.infer<typeof ZInfusionClaim>;
export const ZInfusionClaims = z.array(ZInfusionClaim);

export const ZUnbilledParams = zListParams(["dos"] as const, { sort: "dos", dir: "asc" }).extend({
  q: zSearch(),
  payer: z.uuid("Not a valid payer id.").optional(),
  age: z.enum(AGE_BUCKET_KEYS, { error: "Unknown age range." }).optional(),
});
export const ZUnbilledItem = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  cycleLabel: z.string(),
  dateOfService: z.string(),
  payerName: z.string().nullable(),
  locationName: z.string(),
  claimType: z.enum(CLAIM_TYPES),
  ageDays: z.number(),
  filingDeadline: z.string().nullable(),
  daysLeftToFile: z.number().nullable(),
});
export type TUnbilledItem = z.infer<typeof ZUnbilledItem>;
export const ZUnbilledPage = zPage(ZUnbilledItem).extend({ byAge: z.array(z.object({ key: z.string(), label: z.string(), count: z.number() })) });

export const ZPageOnly = zListParams(["default"] as const, { sort: "default", dir: "asc" });
export const ZDeadlineItem = z.object({
  kind: z.enum(["claim", "infusion"]),
  id: z.string(),
  claimNumber: z.string().nullable(),
  status: z.enum(CLAIM_STATES).nullable(),
  cycleLabel: z.string().nullable(),
  patientId: z.string(),
  patientName: z.string(),
  patientMrn: z.string(),
  dateOfService: z.string(),
  payerName: z.string().nullable(),
  deadline: z.string().nullable(),
  daysLeft: z.number().nullable(),
  amountCents: z.number().nullable(),
});
export type TDeadlineItem = z.infer<typeof ZDeadlineItem>;
export const ZDeadlinePage = zPage(ZDeadlineItem);

export const ZOverrideItem = z.object({
  id: z.string(),
  claimId: z.string(),
  claimNumber: z.string(),
  claimStatus: z.enum(CLAIM_STATES),
  patientName: z.string(),
  dateOfService: z.string(),
  payerName: z.string(),
  rule: z.string(),
  message: z.string(),
  reason: z.string(),
  source: z.string(),
  userName: z.string().nullable(),
  createdAt: z.date(),
});
export type TOverrideItem = z.infer<typeof ZOverrideItem>;
export const ZOverridePage = zPage(ZOverrideItem);

export const ZClaimFilterOptions = z.object({ payers: z.array(z.object({ id: z.string(), name: z.string(), isActive: z.boolean() })) });
export type TClaimFilterOptions = z.infer<typeof ZClaimFilterOptions>;

export { ELECTRONIC_CHANNELS };

/* ------------------------------------------------------------------ submission settings */

const ZX12Id = (label: string) =>
  zClaimTextStrict(label, 15).refine((v) => /^[A-Za-z0-9 ]+$/.test(v), `The ${label} uses letters, digits and spaces only.`);
function zClaimTextStrict(label: string, max: number) {
  return zText(label, { max, claim: true });
}

export const ZSubmissionSettings = z.object({
  submitterName: zText("submitter name", { max: 60, claim: true }),
  submitterId: ZX12Id("submitter id (ETIN)"),
  contactName: zText("contact name", { max: 60, claim: true }),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\d{10}$/, "Enter the phone as 10 digits, area code first.")
    .nullish()
    .transform((v) => v ?? null),
  contactEmail: z
    .email("Enter a valid email address.")
    .max(80)
    .nullish()
    .transform((v) => v ?? null),
  receiverName: zText("clearinghouse name", { max: 60, claim: true }),
  receiverId: ZX12Id("clearinghouse id"),
  senderQualifier: z.enum(["ZZ", "01", "14", "20", "27", "28", "29", "30", "33"], { error: "Choose an ISA id qualifier (ZZ = mutually defined)." }).default("ZZ"),
  receiverQualifier: z.enum(["ZZ", "01", "14", "20", "27", "28", "29", "30", "33"], { error: "Choose an ISA id qualifier (ZZ = mutually defined)." }).default("ZZ"),
  usage: z.enum(["T", "P"], { error: "Usage is T (test) or P (production)." }),
  billingZipPlus4: z
    .string()
    .trim()
    .regex(/^\d{9}$/, "Enter the ZIP+4 as 9 digits without a dash.")
    .nullish()
    .transform((v) => v ?? null),
  billingTaxonomy: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9]{3}[0-9A-Z]{6}X$/, "A taxonomy code is 10 characters ending in X, e.g. 207RX0202X.")
    .nullish()
    .transform((v) => v ?? null),
  billingPhone: z
    .string()
    .trim()
    .regex(/^\d{10}$/, "Enter the phone as 10 digits, area code first.")
    .nullish()
    .transform((v) => v ?? null),
}).superRefine((v, ctx) => {
  if (!v.contactPhone && !v.contactEmail) ctx.addIssue({ code: "custom", path: ["contactPhone"], message: "Give a contact phone or email: the 837 needs one." });
});
export type TSubmissionSettingsInput = z.input<typeof ZSubmissionSettings>;
export const ZSubmissionSettingsOut = z
  .object({
    submitterName: z.string(),
    submitterId: z.string(),
    contactName: z.string(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    receiverName: z.string(),
    receiverId: z.string(),
    senderQualifier: z.string(),
    receiverQualifier: z.string(),
    usage: z.string(),
    billingZipPlus4: z.string().nullable(),
    billingTaxonomy: z.string().nullable(),
    billingPhone: z.string().nullable(),
    updatedAt: z.date(),
  })
  .nullable();

/* ------------------------------------------------------------------ batches */

export const ZCreateBatches = z.object({ claimIds: z.array(z.uuid("Not a valid claim id.")).min(1, "Choose at least one ready claim.").max(500, "At most 500 claims per request.") });
export const ZBatchCreated = z.object({
  batches: z.array(z.object({ id: z.string(), payerName: z.string(), claimType: z.string(), claimCount: z.number(), totalChargeCents: z.number(), interchangeControlNumber: z.number(), fileName: z.string() })),
  excluded: z.array(z.object({ claimId: z.string(), claimNumber: z.string(), reason: z.string() })),
});
export const ZCancelBatch = ZBatchId.extend({ reason: zText("reason", { min: 5, max: 500 }) });
export const ZSubmitBatch = ZBatchId.extend({ channel: z.enum(ELECTRONIC_CHANNELS, { error: "Choose how the file was sent." }) });
export const ZBatchTransition = z.object({ id: z.string(), status: z.enum(BATCH_STATES) });
export const ZBatchListParams = zListParams(["created"] as const, { sort: "created", dir: "desc" }).extend({ status: z.enum(BATCH_STATES).optional() });
export const ZBatchListItem = z.object({
  id: z.string(),
  status: z.enum(BATCH_STATES),
  payerName: z.string(),
  claimType: z.enum(CLAIM_TYPES),
  claimCount: z.number(),
  totalChargeCents: z.number(),
  interchangeControlNumber: z.number(),
  groupControlNumber: z.number(),
  transactionSetControlNumber: z.number(),
  usage: z.string(),
  fileName: z.string(),
  createdAt: z.date(),
  createdByName: z.string().nullable(),
  submittedAt: z.date().nullable(),
  submissionChannel: z.enum(SUBMISSION_CHANNELS).nullable(),
  ackStatus: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type TBatchListItem = z.infer<typeof ZBatchListItem>;
export const ZBatchListPage = zPage(ZBatchListItem);
export const ZBatchDetail = z.object({
  batch: ZBatchListItem.omit({ createdByName: true }).extend({ fileSha256: z.string(), fileBytes: z.number(), acknowledgedAt: z.date().nullable(), cancelledAt: z.date().nullable() }),
  claims: z.array(z.object({ id: z.string(), claimNumber: z.string(), status: z.enum(CLAIM_STATES), dateOfService: z.string(), totalChargeCents: z.number(), patientName: z.string() })),
  file: z.object({ segments: z.number(), claims: z.array(z.object({ patientControlNumber: z.string(), totalChargeCents: z.number(), lines: z.number() })), findings: z.array(z.object({ severity: z.string(), code: z.string(), message: z.string(), segment: z.number() })) }),
});
export type TBatchDetail = z.infer<typeof ZBatchDetail>;

/* ------------------------------------------------------------------ acknowledgments */

export const ZImportAcknowledgments = z.object({
  files: z
    .array(
      z.object({
        name: zText("file name", { max: 200 }),
        /** the file's bytes, base64-encoded (kept byte for byte) */
        contentBase64: z.base64("The file content must be base64.").max(7_000_000, "An acknowledgment file is at most 5 MB."),
      }),
    )
    .min(1, "Choose at least one file.")
    .max(20, "At most 20 files at once."),
});
const ZCounts = z.object({ answers: z.number(), matched: z.number(), unmatched: z.number(), accepted: z.number(), rejected: z.number(), pending: z.number() });
const ZAckFinding = z.object({ severity: z.string(), code: z.string(), message: z.string(), segment: z.number() });
export const ZAckImportResult = z.array(
  z.object({
    fileName: z.string(),
    kind: z.enum(["999", "277CA"]).nullable(),
    outcome: z.enum(["imported", "duplicate", "unreadable"]),
    fileId: z.string().nullable(),
    message: z.string(),
    counts: ZCounts,
    findings: z.array(ZAckFinding),
    results: z.array(z.object({ reference: z.string(), status: z.string(), claimNumber: z.string().nullable(), batchIcn: z.number().nullable(), outcome: z.string() })),
  }),
);
export type TAckImportResult = z.infer<typeof ZAckImportResult>;
export const ZAckFileId = z.object({ fileId: z.uuid("Not a valid file id.") });
export const ZAckFileListItem = z.object({
  id: z.string(),
  kind: z.enum(["999", "277CA"]),
  fileName: z.string(),
  bytes: z.number(),
  counts: ZCounts,
  findingCount: z.number(),
  uploadedAt: z.date(),
  uploadedByName: z.string().nullable(),
});
export type TAckFileListItem = z.infer<typeof ZAckFileListItem>;
export const ZAckFileListPage = zPage(ZAckFileListItem);
export const ZAckFileDetail = z.object({
  file: z.object({ id: z.string(), kind: z.enum(["999", "277CA"]), fileName: z.string(), sha256: z.string(), bytes: z.number(), counts: ZCounts, findings: z.array(ZAckFinding), uploadedAt: z.date() }),
  text: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      reference: z.string(),
      claimId: z.string().nullable(),
      claimNumber: z.string().nullable(),
      batchId: z.string().nullable(),
      batchIcn: z.number().nullable(),
      payerClaimNumber: z.string().nullable(),
      segment: z.number().nullable(),
      outcome: z.string(),
    }),
  ),
});
export type TAckFileDetail = z.infer<typeof ZAckFileDetail>;
