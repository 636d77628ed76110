/**
 * Status vocabularies of remittance files and claim payments (enums in the database, labels on
 * screen). A file's status is its posting job's progress; a claim payment's says whether money
 * reached a claim.
 */

/**
 * received → queued → posting → posted; or not_posted (the reader cannot make sense of it, or it
 * does not add up: kept with its findings), duplicate (the same payment was already posted), failed
 * (an unexpected error after the job's retries; posting it again is safe).
 */
export const REMITTANCE_FILE_STATES = ["received", "queued", "posting", "posted", "not_posted", "duplicate", "failed"] as const;
export type RemittanceFileState = (typeof REMITTANCE_FILE_STATES)[number];
export const REMITTANCE_FILE_STATE_LABELS: Record<RemittanceFileState, string> = {
  received: "Received",
  queued: "Waiting to post",
  posting: "Posting",
  posted: "Posted",
  not_posted: "Not posted",
  duplicate: "Already posted",
  failed: "Failed",
};
/** States in which the posting job still has work to do. */
export const OPEN_FILE_STATES: readonly RemittanceFileState[] = ["received", "queued", "posting", "failed"];

/**
 * posted: its amounts are on the claim. unmatched: no claim or line could be found (a biller
 * matches it by hand). held: found, but not postable as it is (does not balance, would pay twice,
 * a reversal of another amount). dismissed: a biller decided it posts nowhere, with the reason.
 * not_posted: its payment was not posted (duplicate payment or a file that does not add up).
 */
export const CLAIM_PAYMENT_STATES = ["posted", "unmatched", "held", "dismissed", "not_posted"] as const;
export type ClaimPaymentState = (typeof CLAIM_PAYMENT_STATES)[number];
export const CLAIM_PAYMENT_STATE_LABELS: Record<ClaimPaymentState, string> = {
  posted: "Posted",
  unmatched: "Unmatched",
  held: "Held",
  dismissed: "Dismissed",
  not_posted: "Not posted",
};

export const CLAIM_PAYMENT_OUTCOME_LABELS = { paid: "Paid", partially_paid: "Partially paid", denied: "Denied", reversed: "Reversal" } as const;

export const WORK_ITEM_KINDS = ["denial", "underpayment"] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];
