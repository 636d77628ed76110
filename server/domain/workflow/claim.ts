import { defineMachine } from "./machine";

/**
 * A claim's life (issue 10):
 *
 *   draft → ready → batched → submitted → accepted → adjudicated → closed
 *                                 ↘ rejected ↙ (by the clearinghouse's 999 or the payer's 277CA)
 *
 * - draft: built from ready infusions; lines and fields are edited and re-scrubbed; warnings are
 *   overridden with a reason. `mark_ready` is guarded by the service: no error finding, every
 *   warning overridden, and the claim can be written as an 837.
 * - ready ↔ draft (`reopen` to edit again); ready → batched when it goes into an 837 batch file;
 *   batched → ready when its batch is cancelled before submission (`unbatch`).
 * - ready → submitted directly when it is sent on paper (CMS-1500), batched → submitted when the
 *   batch file is submitted.
 * - accepted / rejected come from acknowledgments; adjudicated (paid, partially paid, denied) from
 *   remittance posting, which may also skip "accepted" (not every payer sends a 277CA) and may
 *   post again (a reversal and re-adjudication).
 * - A rejected claim is fixed by a new claim that replaces it (the payer never took it into
 *   adjudication, so the new one is an original, frequency 1); an accepted or adjudicated claim is
 *   corrected by a replacement (frequency 7) or cancelled by a void (frequency 8), both new claims
 *   carrying the payer's claim number. The original then shows `replaced` or `voided`.
 * - cancelled: a draft or ready claim that will never be sent (its infusions are free again).
 */
export const CLAIM_STATES = [
  "draft",
  "ready",
  "batched",
  "submitted",
  "accepted",
  "rejected",
  "adjudicated",
  "closed",
  "replaced",
  "voided",
  "cancelled",
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_EVENTS = [
  "mark_ready",
  "reopen",
  "cancel",
  "batch",
  "unbatch",
  "submit",
  "submit_paper",
  "accept",
  "reject",
  "adjudicate",
  "close",
  "replace",
  "void",
] as const;
export type ClaimEvent = (typeof CLAIM_EVENTS)[number];

export const claimMachine = defineMachine<ClaimState, ClaimEvent>({
  name: "claim",
  states: CLAIM_STATES,
  initial: "draft",
  terminal: ["replaced", "voided", "cancelled"],
  transitions: [
    { from: ["draft"], event: "mark_ready", to: "ready", label: "Ready to send" },
    { from: ["ready"], event: "reopen", to: "draft", label: "Reopened for editing" },
    { from: ["draft", "ready"], event: "cancel", to: "cancelled", label: "Cancelled" },
    { from: ["ready"], event: "batch", to: "batched", label: "Added to an 837 batch" },
    { from: ["batched"], event: "unbatch", to: "ready", label: "Batch cancelled" },
    { from: ["batched"], event: "submit", to: "submitted", label: "Submitted" },
    { from: ["ready"], event: "submit_paper", to: "submitted", label: "Submitted on paper" },
    { from: ["submitted"], event: "accept", to: "accepted", label: "Accepted" },
    { from: ["submitted", "accepted"], event: "reject", to: "rejected", label: "Rejected" },
    { from: ["submitted", "accepted", "adjudicated"], event: "adjudicate", to: "adjudicated", label: "Adjudicated" },
    { from: ["adjudicated", "rejected"], event: "close", to: "closed", label: "Closed" },
    { from: ["rejected", "accepted", "adjudicated", "closed"], event: "replace", to: "replaced", label: "Replaced" },
    { from: ["accepted", "adjudicated", "closed"], event: "void", to: "voided", label: "Voided" },
  ],
});

/** Billing words for each state (lists, badges, CSV). */
export const CLAIM_STATE_LABELS: Record<ClaimState, string> = {
  draft: "Draft",
  ready: "Ready to send",
  batched: "In a batch",
  submitted: "Submitted",
  accepted: "Accepted",
  rejected: "Rejected",
  adjudicated: "Adjudicated",
  closed: "Closed",
  replaced: "Replaced",
  voided: "Voided",
  cancelled: "Cancelled",
};

/**
 * A claim's status in billing words. A rejected claim settled by its resubmission (a new original,
 * frequency 1) is "Resubmitted", not "Replaced": the payer never had it, so nothing was replaced there.
 */
export function claimStateLabel(status: ClaimState, resubmitted = false): string {
  return status === "replaced" && resubmitted ? "Resubmitted" : CLAIM_STATE_LABELS[status];
}

/**
 * A claim holds its infusions ("live") unless it was cancelled, replaced by another claim or
 * voided: an infusion is on at most one live claim per coverage.
 */
export const LIVE_CLAIM_STATES: readonly ClaimState[] = ["draft", "ready", "batched", "submitted", "accepted", "rejected", "adjudicated", "closed"];
/** States in which a claim's content may still change. */
export const EDITABLE_CLAIM_STATES: readonly ClaimState[] = ["draft"];
/** Sent to someone and not yet answered for good: timely filing is met once the payer accepted it. */
export const UNSENT_CLAIM_STATES: readonly ClaimState[] = ["draft", "ready", "batched"];

/** Adjudication outcomes set by remittance posting. */
export const ADJUDICATION_OUTCOMES = ["paid", "partially_paid", "denied"] as const;
export type AdjudicationOutcome = (typeof ADJUDICATION_OUTCOMES)[number];
export const ADJUDICATION_OUTCOME_LABELS: Record<AdjudicationOutcome, string> = {
  paid: "Paid",
  partially_paid: "Partially paid",
  denied: "Denied",
};
