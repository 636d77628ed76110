import { defineMachine } from "./machine";

/**
 * One planned infusion of an order:
 * scheduled → in_progress → documented → ready_for_billing, or not_given (with a reason).
 * Once ready for billing, documentation changes only through an amendment, which sends it back to
 * documented until the checks pass again.
 * An infusion that will not be billed leaves the queue closed with an outcome and a reason; a
 * write-off past the filing limit above the practice's threshold waits for a manager's approval
 * first. An admin reopens a closed infusion (with a reason) back to documented.
 */
export const ADMINISTRATION_STATES = ["scheduled", "in_progress", "documented", "ready_for_billing", "not_given", "close_pending_approval", "closed"] as const;
export type AdministrationState = (typeof ADMINISTRATION_STATES)[number];
export const ADMINISTRATION_EVENTS = [
  "start",
  "document",
  "mark_ready",
  "amend",
  "mark_not_given",
  "close",
  "request_write_off",
  "approve_write_off",
  "reject_write_off",
  "reopen",
] as const;
export type AdministrationEvent = (typeof ADMINISTRATION_EVENTS)[number];

export const NOT_GIVEN_REASONS = ["held_for_toxicity", "patient_declined", "insurance", "other"] as const;
export type NotGivenReason = (typeof NOT_GIVEN_REASONS)[number];
export const NOT_GIVEN_LABELS: Record<NotGivenReason, string> = {
  held_for_toxicity: "Held for toxicity",
  patient_declined: "Patient declined",
  insurance: "Insurance",
  other: "Other",
};

/** Why an infusion leaves the queue without a claim of this practice. */
export const CLOSE_OUTCOMES = ["billed_elsewhere", "past_filing_limit", "free_drug_nothing_billable", "duplicate"] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
export const CLOSE_OUTCOME_LABELS: Record<CloseOutcome, string> = {
  billed_elsewhere: "Billed by the facility (another entity)",
  past_filing_limit: "Past the filing limit (written off)",
  free_drug_nothing_billable: "Free drug, nothing billable",
  duplicate: "Duplicate of another record",
};

export const administrationMachine = defineMachine<AdministrationState, AdministrationEvent>({
  name: "administration",
  states: ADMINISTRATION_STATES,
  initial: "scheduled",
  terminal: ["not_given"],
  transitions: [
    { from: ["scheduled"], event: "start", to: "in_progress", label: "Infusion started" },
    { from: ["scheduled", "in_progress"], event: "document", to: "documented", label: "Documented" },
    // Guarded by the service: every required item present and no error finding.
    { from: ["documented"], event: "mark_ready", to: "ready_for_billing", label: "Ready for billing" },
    { from: ["ready_for_billing"], event: "amend", to: "documented", label: "Amended" },
    { from: ["scheduled", "in_progress"], event: "mark_not_given", to: "not_given", label: "Not given" },
    // Guarded by the service: the outcome's conditions, no live claim, a write-off at or below the threshold.
    { from: ["documented", "ready_for_billing"], event: "close", to: "closed", label: "Closed without billing" },
    { from: ["documented", "ready_for_billing"], event: "request_write_off", to: "close_pending_approval", label: "Write-off sent for approval" },
    { from: ["close_pending_approval"], event: "approve_write_off", to: "closed", label: "Write-off approved" },
    { from: ["close_pending_approval"], event: "reject_write_off", to: "documented", label: "Write-off rejected" },
    { from: ["closed"], event: "reopen", to: "documented", label: "Reopened" },
  ],
});
