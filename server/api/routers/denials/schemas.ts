import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { zOptionalText, zSearch, zText } from "@/server/api/zod-text";
import { DENIAL_ACTIONS, DENIAL_CATEGORIES } from "@/server/domain/denials/codes";
import { WORK_ITEM_KINDS } from "@/server/domain/remittance/states";
import { DENIAL_OUTCOMES, DENIAL_STATES } from "@/server/domain/workflow/denial";

const ZId = z.uuid("Not a valid work item id.");
const ZRevision = z.number({ error: "Send the revision you saw." }).int().min(1);
export const ZWorkItemRef = z.object({ id: ZId, revision: ZRevision });

import { DENIAL_SORTS, WORKLIST_VIEWS, type DenialSort, type WorklistView } from "@/server/domain/remittance/lists";

export { DENIAL_SORTS, WORKLIST_VIEWS };
export { WORKLIST_VIEW_LABELS } from "@/server/domain/remittance/lists";
export type TWorklistView = WorklistView;
export type TDenialSort = DenialSort;
export const DENIAL_FILTER_KEYS = ["view", "category", "kind", "assignee", "payerId"] as const;
export const ZDenialListParams = zListParams(DENIAL_SORTS, { sort: "due", dir: "asc" }).extend({
  q: zSearch(),
  view: z.enum(WORKLIST_VIEWS, { error: `View is one of ${WORKLIST_VIEWS.join(", ")}.` }).optional(),
  category: z.enum(DENIAL_CATEGORIES, { error: "Unknown denial category." }).optional(),
  kind: z.enum(WORK_ITEM_KINDS, { error: "Kind is denial or underpayment." }).optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()], { error: "Assignee is me, none or a user id." }).optional(),
  payerId: z.uuid("Not a valid payer id.").optional(),
});
export type TDenialListParamsInput = z.input<typeof ZDenialListParams>;

export const ZDenialRow = z.object({
  id: z.string(),
  kind: z.enum(WORK_ITEM_KINDS),
  status: z.enum(DENIAL_STATES),
  category: z.enum(DENIAL_CATEGORIES).nullable(),
  action: z.enum(DENIAL_ACTIONS),
  codes: z.array(z.string()),
  amountCents: z.number(),
  dueDate: z.string().nullable(),
  dueInDays: z.number().nullable(),
  ageDays: z.number(),
  claimId: z.string(),
  claimNumber: z.string(),
  dateOfService: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  payerName: z.string(),
  assigneeName: z.string().nullable(),
  /** one line: the cause or the first sentence of the explanation */
  summary: z.string(),
});
export type TDenialRow = z.infer<typeof ZDenialRow>;
/** `totalCapped`: `total` is a lower bound (the filter holds more than the list counts). */
export const ZDenialPage = zPage(ZDenialRow).extend({ totalCapped: z.boolean() });

export const ZDenialCounts = z.object({ todo: z.number(), waiting: z.number(), approval: z.number(), overdue: z.number(), mine: z.number() });

const ZAction = z.enum(["assign", "note", "start", "request_retro_auth", "create_corrected_claim", "send_appeal", "appeal_letter", "record_upheld", "write_off", "approve_write_off", "decline_write_off", "resolve"]);
export const ZDenialDetail = z.object({
  id: z.string(),
  kind: z.enum(WORK_ITEM_KINDS),
  status: z.enum(DENIAL_STATES),
  category: z.string().nullable(),
  categoryLabel: z.string(),
  action: z.enum(DENIAL_ACTIONS),
  codes: z.array(z.string()),
  amountCents: z.number(),
  explanation: z.string(),
  cause: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  dueDate: z.string().nullable(),
  dueInDays: z.number().nullable(),
  revision: z.number(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  claimId: z.string(),
  claimNumber: z.string(),
  claimStatus: z.string(),
  dateOfService: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  payerName: z.string(),
  paymentId: z.string(),
  paymentDate: z.string().nullable(),
  traceNumber: z.string(),
  payerClaimNumber: z.string().nullable(),
  claimPaymentId: z.string(),
  correctedClaim: z.object({ id: z.string(), claimNumber: z.string(), status: z.string() }).nullable(),
  appealSentAt: z.date().nullable(),
  appealArgument: z.string().nullable(),
  writeOffCents: z.number().nullable(),
  writeOffReason: z.string().nullable(),
  outcome: z.enum(DENIAL_OUTCOMES).nullable(),
  recoveredCents: z.number().nullable(),
  resolutionNote: z.string().nullable(),
  createdAt: z.date(),
  lines: z.array(z.object({ position: z.number(), code: z.string(), modifiers: z.array(z.string()), units: z.number(), chargeCents: z.number(), ndc11: z.string().nullable() })),
  notes: z.array(z.object({ id: z.string(), text: z.string(), createdAt: z.date(), author: z.string().nullable() })),
  history: z.array(z.object({ action: z.string(), at: z.date(), actor: z.string(), after: z.record(z.string(), z.unknown()).nullable() })),
  actions: z.array(ZAction),
  assignees: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TDenialDetail = z.infer<typeof ZDenialDetail>;

export const ZAssignInput = ZWorkItemRef.extend({ assigneeUserId: z.uuid("Not a valid user id.").nullable() });
export const ZNoteInput = z.object({ id: ZId, text: zText("note", { max: 2000, multiline: true }) });
export const ZRetroAuthInput = ZWorkItemRef.extend({ note: zOptionalText("note", { max: 1000, multiline: true }) });
export const ZCorrectedClaimInput = ZWorkItemRef.extend({
  reason: zText("reason for the correction", { max: 300, min: 5 }),
  priorAuthNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,50}$/, "An authorization number is 3–50 letters, digits or hyphens.")
    .nullish()
    .transform((v) => v || null),
  payerClaimNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,50}$/, "The payer's claim number is letters, digits or hyphens.")
    .nullish()
    .transform((v) => v || null),
});
export const ZAppealInput = ZWorkItemRef.extend({ argument: zOptionalText("argument", { max: 4000, multiline: true }) });
export const ZUpheldInput = ZWorkItemRef.extend({ note: zText("what the payer said", { max: 1000, min: 3, multiline: true }) });
export const ZWriteOffInput = ZWorkItemRef.extend({
  amountCents: z.number({ error: "Enter the amount to write off." }).int("Whole cents.").positive("Enter an amount above zero."),
  reason: zText("reason", { max: 500, min: 5, multiline: true }),
});
export const ZDeclineInput = ZWorkItemRef.extend({ reason: zText("reason", { max: 500, min: 3, multiline: true }) });
export const ZResolveInput = ZWorkItemRef.extend({
  outcome: z.enum(DENIAL_OUTCOMES, { error: "Say how it ended: overturned, partly overturned or no action needed." }),
  recoveredCents: z.number().int("Whole cents.").min(0, "The amount cannot be negative.").max(1_000_000_000).nullable(),
  note: zOptionalText("note", { max: 1000, multiline: true }),
});
export const ZActionResult = z.object({ id: z.string(), status: z.enum(DENIAL_STATES), revision: z.number() });
