import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { zOptionalText, zSearch, zText } from "@/server/api/zod-text";
import { isValidIsoDate } from "@/server/domain/billing/dates";
import { ECOG_SCORES, PA_ATTACHMENT_MAX_BYTES, PA_CHANNELS, PA_REQUEST_KINDS, PA_RULE_KINDS, PA_SORTS, PA_TRIGGERS, PA_VIEWS, TREATMENT_INTENTS } from "@/server/domain/prior-auth/codes";
import { DECISION_EVENTS, PRIOR_AUTH_EVENTS, PRIOR_AUTH_STATES } from "@/server/domain/workflow/prior-auth";
import { ZIcd10 } from "../orders/schemas";

/* Client-safe: the request form and the decision dialog use these with zodResolver, procedures with .input(). */

export { PA_SORTS, PA_VIEWS };
export const PA_FILTER_KEYS = ["view", "status", "payerId", "assignee", "overdue"] as const;

const ZId = (what = "request") => z.uuid(`Not a valid ${what} id.`);
const ZRevision = z.number({ error: "Send the revision you saw." }).int().min(1);
export const ZRequestRef = z.object({ id: ZId(), revision: ZRevision });

const ZIsoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .refine(isValidIsoDate, `Enter the ${label} as a real date, e.g. 2026-09-14.`);
const ZOptionalIsoDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || isValidIsoDate(v), `Enter the ${label} as a real date, e.g. 2026-09-14.`)
    .nullish()
    .transform((v) => (v ? v : null));

const ZHcpcs = z
  .string({ error: "Enter the HCPCS code." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{4}$/, "A HCPCS code is a letter and 4 digits, e.g. J9173.");
const ZUnits = (label: string) =>
  z
    .number({ error: `Enter the ${label} as a whole number.` })
    .int(`Enter the ${label} as a whole number.`)
    .min(0, `The ${label} cannot be negative.`)
    .max(100_000, `The ${label} is implausibly large.`);

export const ZPaListParams = zListParams(PA_SORTS, { sort: "due", dir: "asc" }).extend({
  q: zSearch(),
  view: z.enum(PA_VIEWS, { error: `View is one of ${PA_VIEWS.join(", ")}.` }).optional(),
  status: z.enum(PRIOR_AUTH_STATES, { error: "Unknown request status." }).optional(),
  payerId: z.uuid("Not a valid payer id.").optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()], { error: "Assignee is me, none or a user id." }).optional(),
  overdue: z
    .union([z.boolean(), z.enum(["true", "false"])], { error: "Overdue is true or false." })
    .transform((v) => v === true || v === "true")
    .optional(),
});
export type TPaListParamsInput = z.input<typeof ZPaListParams>;

const ZRequestedLine = z.object({
  hcpcs: ZHcpcs,
  ndc: z
    .string()
    .trim()
    .regex(/^\d{11}$/, "The NDC is 11 digits without hyphens.")
    .nullable(),
  units: ZUnits("requested units"),
  doses: ZUnits("number of doses"),
});

export const ZRequestRow = z.object({
  id: z.string(),
  requestNumber: z.string(),
  status: z.enum(PRIOR_AUTH_STATES),
  kind: z.enum(PA_REQUEST_KINDS),
  patientId: z.string(),
  patientName: z.string(),
  mrn: z.string(),
  orderId: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  /** "J9173 × 288 (4 doses)" */
  requested: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  dueDate: z.string().nullable(),
  daysPending: z.number().nullable(),
  nextInfusion: z.string().nullable(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  payerReference: z.string().nullable(),
  flags: z.array(z.string()),
  revision: z.number(),
});
export type TRequestRow = z.infer<typeof ZRequestRow>;
/** `totalCapped`: `total` is a lower bound (the filter holds more than the list counts). */
export const ZRequestPage = zPage(ZRequestRow).extend({ totalCapped: z.boolean() });
export const ZRequestCounts = z.object({ toStart: z.number(), awaiting: z.number(), overdue: z.number(), mine: z.number() });

export const ZClinicalSummary = z.object({
  stage: zOptionalText("stage", { max: 100 }),
  biomarkers: z
    .array(z.object({ name: zText("biomarker name", { max: 60 }), result: zText("biomarker result", { max: 200 }) }))
    .max(10, "List at most 10 biomarkers."),
  priorTherapies: zOptionalText("prior therapies", { max: 2000, multiline: true }),
  ecog: z.enum(ECOG_SCORES, { error: "ECOG performance status is 0 to 4." }).nullable(),
  intent: z.enum(TREATMENT_INTENTS, { error: "Choose the treatment intent." }).nullable(),
  notes: zOptionalText("clinical notes", { max: 4000, multiline: true }),
});
export type TClinicalSummaryInput = z.input<typeof ZClinicalSummary>;

export const ZUpdateRequestInput = ZRequestRef.extend({
  requestedLines: z.array(ZRequestedLine).min(1, "Request at least one drug.").max(4),
  startDate: ZIsoDate("start date"),
  endDate: ZIsoDate("end date"),
  clinical: ZClinicalSummary,
  channel: z.enum(PA_CHANNELS, { error: "Choose portal, fax, phone or electronic." }).nullable(),
  payerReference: zOptionalText("payer reference number", { max: 60 }),
  payerContact: zOptionalText("payer contact", { max: 200 }),
  notes: zOptionalText("notes", { max: 4000, multiline: true }),
  /** left out: unchanged */
  indicationId: z.string().trim().min(1, "Choose the indication.").max(80).optional(),
  diagnoses: z.array(ZIcd10).min(1, "Enter at least one ICD-10-CM code.").max(12, "At most 12 diagnoses.").optional(),
  orderingProviderId: z.uuid("Choose the ordering provider.").optional(),
  locationId: z.uuid("Choose the site.").optional(),
}).superRefine((v, ctx) => {
  if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the start date." });
});
export type TUpdateRequestInput = z.input<typeof ZUpdateRequestInput>;

const NON_DECISION_EVENTS = PRIOR_AUTH_EVENTS.filter((e): e is Exclude<(typeof PRIOR_AUTH_EVENTS)[number], (typeof DECISION_EVENTS)[number]> => !(DECISION_EVENTS as readonly string[]).includes(e)) as [
  Exclude<(typeof PRIOR_AUTH_EVENTS)[number], (typeof DECISION_EVENTS)[number]>,
  ...Exclude<(typeof PRIOR_AUTH_EVENTS)[number], (typeof DECISION_EVENTS)[number]>[],
];
export const ZTransitionInput = ZRequestRef.extend({
  event: z.enum(NON_DECISION_EVENTS, { error: "Unknown step (decisions are recorded with the decision form)." }),
  payerReference: zOptionalText("payer reference number", { max: 60 }),
  infoRequested: zOptionalText("information requested", { max: 2000, multiline: true }),
  infoDueDate: ZOptionalIsoDate("due date"),
  note: zOptionalText("note", { max: 2000, multiline: true }),
});
export type TTransitionInput = z.input<typeof ZTransitionInput>;

export const ZDecisionInput = ZRequestRef.extend({
  outcome: z.enum(DECISION_EVENTS, { error: "The outcome is approve, approve_partially or deny." }),
  decidedOn: ZIsoDate("decision date"),
  authorizationNumber: zOptionalText("authorization number", { max: 50, claim: true }),
  startDate: ZOptionalIsoDate("start date"),
  endDate: ZOptionalIsoDate("end date"),
  lines: z
    .array(z.object({ hcpcs: ZHcpcs, units: ZUnits("approved units"), doses: ZUnits("approved doses").nullable() }))
    .max(4),
  denialReason: zOptionalText("denial reason", { max: 2000, multiline: true }),
  exceedsRequestConfirmed: z.boolean().default(false),
  replaceOverlapping: z.boolean().default(false),
  payerReference: zOptionalText("payer reference number", { max: 60 }),
  note: zOptionalText("note", { max: 2000, multiline: true }),
}).superRefine((v, ctx) => {
  if (v.outcome === "deny") {
    if (!v.denialReason) ctx.addIssue({ code: "custom", path: ["denialReason"], message: "Enter the payer's reason for the denial." });
    return;
  }
  if (!v.authorizationNumber) ctx.addIssue({ code: "custom", path: ["authorizationNumber"], message: "Enter the authorization number the payer gave." });
  if (!v.startDate) ctx.addIssue({ code: "custom", path: ["startDate"], message: "Enter the authorization's start date." });
  if (!v.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Enter the authorization's end date." });
  if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the start date." });
  if (v.lines.length === 0) ctx.addIssue({ code: "custom", path: ["lines"], message: "Enter the approved units of at least one drug." });
});
export type TDecisionInput = z.input<typeof ZDecisionInput>;

export const ZAssignInput = z.object({
  items: z.array(ZRequestRef).min(1, "Choose at least one request.").max(200, "Assign at most 200 requests at once."),
  assigneeUserId: z.uuid("Not a valid user id.").nullable(),
});

/** Base64 of at most the size limit (4 characters per 3 bytes). */
export const ZAttachmentInput = z.object({
  requestId: ZId(),
  fileName: zText("file name", { max: 200 }),
  contentBase64: z
    .string({ error: "Choose a file." })
    .min(1, "Choose a file.")
    .max(Math.ceil(PA_ATTACHMENT_MAX_BYTES / 3) * 4 + 4, `The file is larger than ${PA_ATTACHMENT_MAX_BYTES / 1048576} MB.`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "The file did not arrive intact (not base64)."),
  description: zOptionalText("description", { max: 200 }),
});

export const ZRuleInput = z
  .object({
    id: z.uuid("Not a valid rule id.").optional(),
    payerId: z.uuid("Choose a payer."),
    hcpcs: ZHcpcs,
    indicationId: z
      .string()
      .trim()
      .max(80)
      .nullish()
      .transform((v) => (v ? v : null)),
    requestKind: z.enum(PA_RULE_KINDS, { error: "The rule applies to any, initial or renewal requests." }),
    required: z.boolean({ error: "Say whether authorization is required." }),
    maxDays: ZUnits("maximum days").min(1, "The maximum length is at least 1 day.").nullable(),
    maxUnits: ZUnits("maximum units").min(1, "The maximum units is at least 1.").nullable(),
    maxDoses: ZUnits("maximum doses").min(1, "The maximum doses is at least 1.").nullable(),
    leadTimeDays: ZUnits("lead time").max(365, "A lead time is at most 365 days."),
    turnaroundDays: ZUnits("turnaround").min(1, "The turnaround is at least 1 day.").max(365, "A turnaround is at most 365 days."),
    effectiveDate: ZIsoDate("effective date"),
    endDate: ZOptionalIsoDate("end date"),
    note: zOptionalText("note", { max: 500 }),
    isActive: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.effectiveDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the effective date." });
  });
export type TRuleInput = z.input<typeof ZRuleInput>;

export const ZActionResult = z.object({ id: z.string(), status: z.enum(PRIOR_AUTH_STATES), revision: z.number() });

export const ZOpenInput = z.object({ orderId: z.uuid("Not a valid order id.") });
export const ZTriggerEnum = z.enum(PA_TRIGGERS);

const ZLedgerDose = z.object({
  administrationId: z.string(),
  date: z.string(),
  units: z.number(),
  kind: z.enum(["used", "scheduled"]),
  coverage: z.enum(["covered", "short", "outside_dates"]),
  shortBy: z.number(),
  availableBefore: z.number(),
});
export const ZLedger = z.object({
  authorizationId: z.string(),
  number: z.string(),
  hcpcs: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  approvedUnits: z.number(),
  usedUnits: z.number(),
  scheduledUnits: z.number(),
  remainingUnits: z.number(),
  unusedUnits: z.number(),
  shortUnits: z.number(),
  doses: z.array(ZLedgerDose),
  coveredThrough: z.string(),
  runsOutBy: z.enum(["end_date", "units"]),
  firstUncovered: ZLedgerDose.nullable(),
});
export type TLedger = z.infer<typeof ZLedger>;
export const ZAlert = z.object({
  kind: z.enum(["expiring", "runs_out_before_next_dose", "dose_outside_authorization", "renewal_due"]),
  severity: z.enum(["warning", "error"]),
  message: z.string(),
  date: z.string(),
  authorizationNumber: z.string().nullable(),
});
export const ZAuthorization = z.object({
  id: z.string(),
  requestId: z.string(),
  authorizationNumber: z.string(),
  hcpcs: z.string(),
  approvedUnits: z.number(),
  approvedDoses: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  voidedAt: z.date().nullable(),
  voidReason: z.string().nullable(),
});
const ZClinicalOut = z.object({
  stage: z.string().nullable(),
  biomarkers: z.array(z.object({ name: z.string(), result: z.string() })),
  priorTherapies: z.string().nullable(),
  ecog: z.enum(ECOG_SCORES).nullable(),
  intent: z.enum(TREATMENT_INTENTS).nullable(),
  notes: z.string().nullable(),
});
export const ZRequestDetail = z.object({
  request: z.object({
    id: z.string(),
    requestNumber: z.string(),
    patientId: z.string(),
    orderId: z.string(),
    coverageId: z.string(),
    payerId: z.string(),
    kind: z.enum(PA_REQUEST_KINDS),
    status: z.enum(PRIOR_AUTH_STATES),
    trigger: z.enum(PA_TRIGGERS),
    indicationId: z.string(),
    diagnoses: z.array(z.string()),
    orderingProviderId: z.string(),
    locationId: z.string(),
    requestedLines: z.array(z.object({ hcpcs: z.string(), ndc: z.string().nullable(), units: z.number(), doses: z.number() })),
    startDate: z.string(),
    endDate: z.string(),
    firstDoseDate: z.string().nullable(),
    clinical: ZClinicalOut,
    channel: z.enum(PA_CHANNELS).nullable(),
    payerReference: z.string().nullable(),
    payerContact: z.string().nullable(),
    notes: z.string().nullable(),
    turnaroundDays: z.number(),
    infoRequested: z.string().nullable(),
    infoDueDate: z.string().nullable(),
    submittedAt: z.date().nullable(),
    decidedAt: z.date().nullable(),
    denialReason: z.string().nullable(),
    assigneeUserId: z.string().nullable(),
    revision: z.number(),
  }),
  statusLabel: z.string(),
  patient: z.object({ id: z.string(), name: z.string(), mrn: z.string(), dateOfBirth: z.string() }),
  payer: z.object({ id: z.string(), name: z.string(), memberId: z.string() }),
  order: z.object({ id: z.string(), status: z.string(), indicationName: z.string(), startDate: z.string(), weightKg: z.string(), regimen: z.string() }),
  assigneeName: z.string().nullable(),
  nextInfusion: z.string().nullable(),
  flags: z.array(z.string()),
  daysPending: z.number().nullable(),
  turnaround: z.number().nullable(),
  decisions: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(PRIOR_AUTH_STATES),
      authorizationNumber: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      approvedLines: z.array(z.object({ hcpcs: z.string(), units: z.number(), doses: z.number().nullable() })),
      denialReason: z.string().nullable(),
      payerReference: z.string().nullable(),
      note: z.string().nullable(),
      decidedOn: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), description: z.string().nullable(), uploadedBy: z.string().nullable(), createdAt: z.date() })),
  ledgers: z.array(z.object({ authorization: ZAuthorization, ledger: ZLedger })),
  alerts: z.array(ZAlert),
  history: z.array(z.object({ action: z.string(), at: z.date(), actorName: z.string().nullable(), after: z.record(z.string(), z.unknown()).nullable() })),
  actions: z.object({ edit: z.boolean(), attach: z.boolean(), events: z.array(z.enum(PRIOR_AUTH_EVENTS)) }),
  plannedDoses: z.array(z.object({ hcpcs: z.string(), doses: z.array(z.object({ date: z.string(), units: z.number() })) })),
});
export type TRequestDetail = z.infer<typeof ZRequestDetail>;

export const ZOrderAuthorizations = z.object({
  evaluations: z.array(z.object({ hcpcs: z.string(), required: z.boolean(), reason: z.string(), trigger: z.enum(PA_TRIGGERS), payerName: z.string(), requestId: z.string().nullable(), evaluatedAt: z.date() })),
  ledgers: z.array(z.object({ authorization: ZAuthorization, ledger: ZLedger })),
  alerts: z.array(ZAlert),
});

export const ZPatientAuthorizations = z.object({
  requests: z.array(
    z.object({
      id: z.string(),
      requestNumber: z.string(),
      status: z.enum(PRIOR_AUTH_STATES),
      kind: z.enum(PA_REQUEST_KINDS),
      orderId: z.string(),
      payerName: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      submittedAt: z.date().nullable(),
      decidedAt: z.date().nullable(),
      createdAt: z.date(),
    }),
  ),
  authorizations: z.array(ZAuthorization.extend({ orderId: z.string() })),
  alerts: z.array(ZAlert),
});

export const ZAssignee = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const ZWorklistAlert = ZAlert.extend({ orderId: z.string(), patientId: z.string(), patientName: z.string(), mrn: z.string() });
export type TWorklistAlert = z.infer<typeof ZWorklistAlert>;

export const ZCandidatesInput = z.object({ q: zSearch() }).optional();
export const ZRequestCandidate = z.object({
  orderId: z.string(),
  orderStatus: z.string(),
  startDate: z.string(),
  indicationName: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  mrn: z.string(),
  nextInfusion: z.string().nullable(),
  openRequest: z.object({ id: z.string(), requestNumber: z.string(), status: z.enum(PRIOR_AUTH_STATES) }).nullable(),
  evaluation: z.object({ required: z.boolean(), reason: z.string() }).nullable(),
});
export type TRequestCandidate = z.infer<typeof ZRequestCandidate>;
