/**
 * Posting an 835: what we know of our claims (snapshots the service loads) and the plan the domain
 * returns (what to write). Money is integer cents everywhere; dates are ISO strings.
 */
import type { DenialAction, DenialCategory, AdjustmentKind } from "../denials/codes";

/** Which payer of the patient a claim went to; CLP02 1/19 primary, 2/20 secondary, 3/21 tertiary. */
export const PAYER_SEQUENCES = ["primary", "secondary", "tertiary"] as const;
export type PayerSequence = (typeof PAYER_SEQUENCES)[number];

export interface ClaimLineSnapshot {
  id: string;
  /** 1-based LX number on the claim */
  lineNumber: number;
  procedureCode: string;
  modifiers: readonly string[];
  /** billing units as sent (decimal string or number) */
  units: string | number;
  serviceDate: string;
  chargeCents: number;
  /** NUBC revenue code on an institutional line */
  revenueCode?: string | null;
  /** REF*6R line item control number sent on the 837, when one was */
  controlNumber?: string | null;
  /** active (not reversed) payments already posted to this line */
  activePostings: number;
}

/** A payment already posted to the claim (one CLP loop of an earlier 835). */
export interface PostedPaymentSnapshot {
  id: string;
  payerClaimNumber: string | null;
  paidCents: number;
  chargeCents: number;
  /** true once a reversal (CLP02 = 22) took it back */
  reversed: boolean;
  /** true when it was itself a reversal */
  isReversal: boolean;
  /** claim line ids it posted to */
  lineIds: readonly string[];
}

export interface ClaimSnapshot {
  id: string;
  /** CLM01 */
  claimNumber: string;
  status: string;
  /** why a remittance cannot post to this claim in its state (e.g. still a draft); null when it can */
  notPostableReason: string | null;
  payerSequence: PayerSequence;
  /** the payer's identifiers we know (EDI payer id), to prefer the right claim when numbers repeat */
  payerIds: readonly string[];
  /** CLM05-3: 1 original, 7 replacement, 8 void */
  frequencyCode: string;
  /** replaced or voided by a later claim */
  superseded: boolean;
  chargeCents: number;
  serviceDate: string;
  /** payer claim numbers (CLP07) of earlier remittances and 277CA acknowledgments */
  payerClaimNumbers: readonly string[];
  payments: readonly PostedPaymentSnapshot[];
  lines: readonly ClaimLineSnapshot[];
}

/** How the service finds candidate claims (in memory, after one query for the whole file). */
export interface ClaimLookup {
  byNumber(claimNumber: string): readonly ClaimSnapshot[];
  byPayerClaimNumber(payerClaimNumber: string): readonly ClaimSnapshot[];
}

export interface AdjustmentPlan {
  group: string;
  carc: string;
  amountCents: number;
  quantity: number | null;
  kind: AdjustmentKind;
  category: DenialCategory | null;
  action: DenialAction | null;
}

export interface LinePlan {
  /** 0-based position of the SVC within its CLP loop */
  svcIndex: number;
  claimLineId: string | null;
  /** why no claim line was found (null when matched) */
  unmatchedReason: string | null;
  qualifier: string;
  code: string;
  modifiers: string[];
  /** SVC06: the procedure as submitted, when the payer changed it */
  submittedCode: string | null;
  units: number;
  submittedUnits: number | null;
  serviceDate: string | null;
  chargeCents: number;
  paidCents: number;
  /** AMT*B6 when sent, else charge − non-patient adjustments other than sequestration */
  allowedCents: number;
  allowedSource: "B6" | "computed";
  adjustments: AdjustmentPlan[];
  remarks: string[];
}

export interface Totals {
  chargeCents: number;
  paidCents: number;
  allowedCents: number;
  /** CO/OA/PI posting adjustments (contractual, sequestration, prior payer …) */
  contractualCents: number;
  /** every PR adjustment */
  patientCents: number;
  deductibleCents: number;
  coinsuranceCents: number;
  copayCents: number;
  /** denial adjustments not moved to the patient: open until the denial is worked */
  deniedCents: number;
  /** AMT*I claim interest */
  interestCents: number;
}

export interface DenialLinePart {
  /** 1-based SVC position, null for claim level */
  line: number | null;
  claimLineId: string | null;
  procedure: string | null;
  group: string;
  carc: string;
  rarcs: string[];
  amountCents: number;
  explanation: string;
}

/** One denial work item to open: a category of denial on one claim payment. */
export interface DenialPlan {
  category: DenialCategory;
  action: DenialAction;
  amountCents: number;
  parts: DenialLinePart[];
}

export const CLAIM_PAYMENT_DISPOSITIONS = ["post", "unmatched", "held"] as const;
export type ClaimPaymentDisposition = (typeof CLAIM_PAYMENT_DISPOSITIONS)[number];

export const CLAIM_PAYMENT_OUTCOMES = ["paid", "partially_paid", "denied", "reversed"] as const;
export type ClaimPaymentOutcome = (typeof CLAIM_PAYMENT_OUTCOMES)[number];

export interface ClaimPaymentPlan {
  /** 0-based position of the CLP in its transaction */
  index: number;
  patientControlNumber: string;
  /** CLP02 as written */
  statusCode: string;
  payerClaimNumber: string | null;
  /** REF*F8 on the CLP: the payer claim number this one corrects */
  originalPayerClaimNumber: string | null;
  filingIndicator: string | null;
  frequencyCode: string | null;
  patientName: string | null;
  memberId: string | null;
  disposition: ClaimPaymentDisposition;
  /** why it did not post, in words (unmatched or held) */
  reason: string | null;
  claimId: string | null;
  matchedBy: "claim_number" | "payer_claim_number" | "manual" | null;
  isReversal: boolean;
  /** the earlier payment a reversal takes back */
  reversesPaymentId: string | null;
  outcome: ClaimPaymentOutcome;
  /** CLP02 19/20/21 or MOA remark MA18/N89: the payer forwarded the claim to the next payer */
  forwardedTo: { name: string; id: string | null } | null;
  totals: Totals;
  claimAdjustments: AdjustmentPlan[];
  remarks: string[];
  lines: LinePlan[];
  denials: DenialPlan[];
  /** points worth knowing that do not stop posting (CLP05 ≠ Σ PR, charge differs from ours …) */
  notes: string[];
}

export interface ProviderAdjustmentPlan {
  reason: string;
  reasonText: string;
  reference: string | null;
  /** positive decreases the payment, negative increases it (PLB sign convention) */
  amountCents: number;
  fiscalPeriodDate: string | null;
  /** the claim the reference names (WO recovery, FB forwarding balance), when found */
  claimId: string | null;
}

export interface PaymentPlan {
  /** 0-based transaction (ST/SE) position in the file */
  index: number;
  amountCents: number;
  creditDebit: string | null;
  method: string | null;
  handlingCode: string | null;
  paymentDate: string | null;
  traceNumber: string | null;
  traceOriginator: string | null;
  payerName: string;
  payerId: string | null;
  payeeName: string;
  payeeNpi: string | null;
  /** false when the transaction itself does not add up or cannot be read: nothing of it posts */
  postable: boolean;
  blockedReason: string | null;
  claimPayments: ClaimPaymentPlan[];
  providerAdjustments: ProviderAdjustmentPlan[];
}

export interface RemittancePlan {
  payments: PaymentPlan[];
  /** why the whole file posts nothing (unreadable envelope, no transaction) */
  blockedReason: string | null;
}
