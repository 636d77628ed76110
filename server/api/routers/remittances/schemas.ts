import { z } from "zod";
import { zListParams, zPage } from "@/server/api/list-params";
import { zOptionalText, zSearch, zText } from "@/server/api/zod-text";
import { PAYMENT_SORTS, QUEUE_SORTS, type PaymentSort, type QueueSort } from "@/server/domain/remittance/lists";
import { PRICING_BASES } from "@/server/domain/remittance/underpayment";
import { CLAIM_PAYMENT_STATES, REMITTANCE_FILE_STATES } from "@/server/domain/remittance/states";
import { CLAIM_PAYMENT_OUTCOMES } from "@/server/domain/remittance/types";
import { CLAIM_STATES } from "@/server/domain/workflow/claim";

const ZId = (what: string) => z.uuid(`Not a valid ${what} id.`);

export const ZFileId = z.object({ fileId: ZId("file") });
export const ZPaymentId = z.object({ paymentId: ZId("payment") });
export const ZClaimPaymentId = z.object({ claimPaymentId: ZId("claim payment") });

export const ZFile = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(REMITTANCE_FILE_STATES),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  bytes: z.number(),
  paymentCount: z.number(),
  claimCount: z.number(),
  claimsDone: z.number(),
  postedCount: z.number(),
  unmatchedCount: z.number(),
  heldCount: z.number(),
  denialCount: z.number(),
  findingCount: z.number(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  uploadedAt: z.date(),
  uploadedBy: z.string().nullable(),
  finishedAt: z.date().nullable(),
  /** the posting stopped (failed, or a worker's lease ran out): it can be posted again */
  canRequeue: z.boolean(),
});
export type TFile = z.infer<typeof ZFile>;

export const ZFileDetail = ZFile.extend({
  findings: z.array(z.object({ severity: z.string(), message: z.string(), segment: z.number(), claim: z.string().optional() })),
  payments: z.array(z.object({ id: z.string(), traceNumber: z.string(), payerName: z.string(), amountCents: z.number(), duplicate: z.boolean() })),
});
export type TFileDetail = z.infer<typeof ZFileDetail>;

export const ZFileList = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(5).max(100).default(10) });
export const ZFilePage = zPage(ZFile);

export { PAYMENT_SORTS, QUEUE_SORTS };
export const ZPaymentParams = zListParams(PAYMENT_SORTS, { sort: "date", dir: "desc" }).extend({
  q: zSearch(),
  payerId: z.uuid("Not a valid payer id.").optional(),
  state: z.enum(["posted", "exceptions", "duplicate"], { error: "State is posted, exceptions or duplicate." }).optional(),
});
export type TPaymentParamsInput = z.input<typeof ZPaymentParams>;
export type TPaymentSort = PaymentSort;

export const ZPaymentRow = z.object({
  id: z.string(),
  fileId: z.string(),
  fileName: z.string(),
  paymentDate: z.string().nullable(),
  payerName: z.string(),
  traceNumber: z.string(),
  /** "EFT", "Check", "No payment" … */
  method: z.string(),
  amountCents: z.number(),
  providerAdjustmentCents: z.number(),
  claimCount: z.number(),
  postedCount: z.number(),
  exceptionCount: z.number(),
  deniedCount: z.number(),
  duplicate: z.boolean(),
  fileStatus: z.enum(REMITTANCE_FILE_STATES),
});
export type TPaymentRow = z.infer<typeof ZPaymentRow>;
export const ZPaymentPage = zPage(ZPaymentRow);

const ZCode = z.object({ code: z.string(), text: z.string() });
export const ZAdjustmentView = z.object({
  group: z.string(),
  groupText: z.string(),
  carc: z.string(),
  carcText: z.string(),
  amountCents: z.number(),
  kind: z.string(),
  category: z.string().nullable(),
});

export const ZClaimPaymentRow = z.object({
  id: z.string(),
  position: z.number(),
  status: z.enum(CLAIM_PAYMENT_STATES),
  claimId: z.string().nullable(),
  claimNumber: z.string().nullable(),
  patientControlNumber: z.string(),
  patientName: z.string().nullable(),
  statusCode: z.string(),
  statusText: z.string(),
  payerClaimNumber: z.string().nullable(),
  outcome: z.enum(CLAIM_PAYMENT_OUTCOMES),
  chargeCents: z.number(),
  paidCents: z.number(),
  patientCents: z.number(),
  contractualCents: z.number(),
  deniedCents: z.number(),
  reason: z.string().nullable(),
  forwardedToName: z.string().nullable(),
  reversed: z.boolean(),
});
export type TClaimPaymentRow = z.infer<typeof ZClaimPaymentRow>;

export const ZPaymentDetail = ZPaymentRow.extend({
  payerIdentifier: z.string().nullable(),
  payeeName: z.string(),
  payeeNpi: z.string().nullable(),
  creditDebit: z.string().nullable(),
  providerAdjustments: z.array(z.object({ reason: z.string(), reasonText: z.string(), reference: z.string().nullable(), amountCents: z.number(), claimId: z.string().nullable(), claimNumber: z.string().nullable() })),
  claimPayments: z.array(ZClaimPaymentRow),
});
export type TPaymentDetail = z.infer<typeof ZPaymentDetail>;

export const ZClaimPaymentDetail = ZClaimPaymentRow.extend({
  paymentId: z.string(),
  fileId: z.string(),
  paymentDate: z.string().nullable(),
  payerName: z.string(),
  traceNumber: z.string(),
  memberId: z.string().nullable(),
  originalPayerClaimNumber: z.string().nullable(),
  allowedCents: z.number(),
  deductibleCents: z.number(),
  coinsuranceCents: z.number(),
  copayCents: z.number(),
  interestCents: z.number(),
  matchedBy: z.string().nullable(),
  postedAt: z.date().nullable(),
  postedBy: z.string().nullable(),
  remarks: z.array(ZCode),
  notes: z.array(z.string()),
  claimAdjustments: z.array(ZAdjustmentView),
  lines: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      claimLineId: z.string().nullable(),
      claimLinePosition: z.number().nullable(),
      unmatchedReason: z.string().nullable(),
      code: z.string(),
      modifiers: z.array(z.string()),
      submittedCode: z.string().nullable(),
      units: z.string(),
      serviceDate: z.string().nullable(),
      chargeCents: z.number(),
      allowedCents: z.number(),
      allowedSource: z.string(),
      paidCents: z.number(),
      adjustments: z.array(ZAdjustmentView),
      remarks: z.array(ZCode),
    }),
  ),
  workItems: z.array(z.object({ id: z.string(), kind: z.string(), category: z.string().nullable(), status: z.string(), amountCents: z.number() })),
  canMatch: z.boolean(),
  patientId: z.string().nullable(),
  /** the next payer's claim after this payment (secondary after the primary, tertiary after the secondary): the live one, or whether the user may bill it now */
  secondary: z
    .object({
      priority: z.enum(["secondary", "tertiary"]),
      claim: z.object({ id: z.string(), claimNumber: z.string(), status: z.enum(CLAIM_STATES) }).nullable(),
      canBill: z.boolean(),
      payerName: z.string().nullable(),
    })
    .nullable(),
});
export type TClaimPaymentDetail = z.infer<typeof ZClaimPaymentDetail>;

export const ZQueueParams = zListParams(QUEUE_SORTS, { sort: "date", dir: "asc" }).extend({
  q: zSearch(),
  status: z.enum(["unmatched", "held"], { error: "Show unmatched or held." }).optional(),
});
export type TQueueParamsInput = z.input<typeof ZQueueParams>;
export type TQueueSort = QueueSort;
export const ZQueueRow = ZClaimPaymentRow.extend({ paymentId: z.string(), paymentDate: z.string().nullable(), payerName: z.string(), traceNumber: z.string(), createdAt: z.date() });
export type TQueueRow = z.infer<typeof ZQueueRow>;
export const ZQueuePage = zPage(ZQueueRow);

export const ZCandidateParams = z.object({ claimPaymentId: ZId("claim payment"), q: zSearch(60) });
export const ZCandidate = z.object({
  id: z.string(),
  claimNumber: z.string(),
  status: z.string(),
  patientName: z.string(),
  payerName: z.string(),
  dateOfService: z.string(),
  totalChargeCents: z.number(),
  lines: z.array(z.object({ id: z.string(), position: z.number(), code: z.string(), modifiers: z.array(z.string()), units: z.number(), chargeCents: z.number(), dateOfService: z.string() })),
});
export type TCandidate = z.infer<typeof ZCandidate>;

export const ZMatchInput = z.object({
  claimPaymentId: ZId("claim payment"),
  claimId: ZId("claim"),
  lines: z
    .array(z.object({ position: z.number().int().min(0).max(999), claimLineId: ZId("claim line") }))
    .max(999)
    .refine((l) => new Set(l.map((x) => x.claimLineId)).size === l.length, "Each claim line can take one service line only."),
  allowRepeatPayment: z.boolean().default(false),
});
export type TMatchInput = z.input<typeof ZMatchInput>;

export const ZDismissInput = z.object({ claimPaymentId: ZId("claim payment"), reason: zText("reason", { max: 500, min: 5 }) });

export const ZContractTerms = z.object({
  payerId: ZId("payer"),
  basis: z.enum(PRICING_BASES, { error: `Basis must be one of: ${PRICING_BASES.join(", ")}.` }),
  aspPercent: z
    .string()
    .trim()
    .regex(/^\d{1,4}(\.\d{1,2})?$/, "Enter the percentage as a number with at most 2 decimals, e.g. 106 or 112.5.")
    .nullable()
    .optional(),
  toleranceCents: z.number().int("The tolerance is whole cents.").min(0, "The tolerance cannot be negative.").max(1_000_000, "At most $10,000.00."),
});
export type TContractTermsInput = z.input<typeof ZContractTerms>;

export const ZContractRateInput = z.object({
  payerId: ZId("payer"),
  code: z.string().trim().toUpperCase().regex(/^([A-Z]\d{4}|\d{5})$/, "A HCPCS (J9173) or CPT (96413) code."),
  ratePerUnit: z.string().trim().regex(/^\d{1,9}(\.\d{1,3})?$/, "Dollars per unit with at most 3 decimals, e.g. 95.125."),
  effectiveFrom: z.iso.date("Enter the first day the rate applies (YYYY-MM-DD)."),
  effectiveTo: z.iso.date("Enter the last day the rate applies (YYYY-MM-DD).").nullable().optional(),
});
export type TContractRateInput = z.input<typeof ZContractRateInput>;

export const ZPayerTermsView = z.object({
  payerId: z.string(),
  payerName: z.string(),
  kind: z.string(),
  basis: z.enum(PRICING_BASES),
  /** true when nothing is stored and the default applies (Medicare: ASP; others: not checked) */
  isDefault: z.boolean(),
  aspPercent: z.string().nullable(),
  toleranceCents: z.number(),
  rates: z.array(z.object({ id: z.string(), code: z.string(), ratePerUnit: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable() })),
});
export type TPayerTermsView = z.infer<typeof ZPayerTermsView>;

export const ZRemitSettings = z.object({
  writeOffApprovalCents: z.number().int("Whole cents.").min(0, "The threshold cannot be negative.").max(100_000_000, "At most $1,000,000.00."),
});

export const ZUploadResult = z.object({
  fileId: z.string(),
  fileName: z.string(),
  outcome: z.enum(["queued", "same_file", "duplicate_payment", "not_posted"]),
  message: z.string(),
  status: z.string(),
});
export type TUploadResult = z.infer<typeof ZUploadResult>;

export const ZNote = zOptionalText("note", { max: 1000, multiline: true });
