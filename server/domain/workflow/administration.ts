import { defineMachine } from "./machine";

/**
 * One planned infusion of an order:
 * scheduled → in_progress → documented → ready_for_billing, or not_given (with a reason).
 * Once ready for billing, documentation changes only through an amendment, which sends it back to
 * documented until the checks pass again.
 */
export const ADMINISTRATION_STATES = ["scheduled", "in_progress", "documented", "ready_for_billing", "not_given"] as const;
export type AdministrationState = (typeof ADMINISTRATION_STATES)[number];
export const ADMINISTRATION_EVENTS = ["start", "document", "mark_ready", "amend", "mark_not_given"] as const;
export type AdministrationEvent = (typeof ADMINISTRATION_EVENTS)[number];

export const NOT_GIVEN_REASONS = ["held_for_toxicity", "patient_declined", "insurance", "other"] as const;
export type NotGivenReason = (typeof NOT_GIVEN_REASONS)[number];
export const NOT_GIVEN_LABELS: Record<NotGivenReason, string> = {
  held_for_toxicity: "Held for toxicity",
  patient_declined: "Patient declined",
  insurance: "Insurance",
  other: "Other",
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
  ],
});
