import { defineMachine } from "./machine";

/**
 * A prior-authorization request for one order and one coverage:
 * needed → drafting → submitted → (pending information ⇄ submitted) → approved | partially approved | denied;
 * a denial or a partial approval may go to a peer-to-peer review and/or an appeal, each ending approved,
 * partially approved or denied again. Open requests can be withdrawn; an approval whose dates have
 * passed expires. The decision events are guarded by the service (authorization number, units, dates).
 */
export const PRIOR_AUTH_STATES = [
  "needed",
  "drafting",
  "submitted",
  "pending_info",
  "approved",
  "partially_approved",
  "denied",
  "peer_to_peer",
  "appeal_submitted",
  "withdrawn",
  "expired",
] as const;
export type PriorAuthState = (typeof PRIOR_AUTH_STATES)[number];

export const PRIOR_AUTH_EVENTS = [
  "start_draft",
  "submit",
  "request_info",
  "provide_info",
  "approve",
  "approve_partially",
  "deny",
  "request_peer_to_peer",
  "submit_appeal",
  "withdraw",
  "expire",
] as const;
export type PriorAuthEvent = (typeof PRIOR_AUTH_EVENTS)[number];

export const PRIOR_AUTH_STATE_LABELS: Record<PriorAuthState, string> = {
  needed: "Needed",
  drafting: "Drafting",
  submitted: "Submitted",
  pending_info: "Payer asked for information",
  approved: "Approved",
  partially_approved: "Partially approved",
  denied: "Denied",
  peer_to_peer: "Peer-to-peer requested",
  appeal_submitted: "Appeal submitted",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

export const PRIOR_AUTH_EVENT_LABELS: Record<PriorAuthEvent, string> = {
  start_draft: "Start the request",
  submit: "Mark submitted to the payer",
  request_info: "Payer asked for information",
  provide_info: "Information sent",
  approve: "Record approval",
  approve_partially: "Record partial approval",
  deny: "Record denial",
  request_peer_to_peer: "Request peer-to-peer",
  submit_appeal: "Mark appeal submitted",
  withdraw: "Withdraw",
  expire: "Mark expired",
};

/** Waiting on the payer: the turnaround clock runs. */
export const AWAITING_PAYER: readonly PriorAuthState[] = ["submitted", "pending_info", "peer_to_peer", "appeal_submitted"];
/** States in which the request is still being worked (the queue). */
export const OPEN_PRIOR_AUTH_STATES: readonly PriorAuthState[] = ["needed", "drafting", ...AWAITING_PAYER];
/** States with an authorization in force (its ledger applies). */
export const AUTHORIZED_STATES: readonly PriorAuthState[] = ["approved", "partially_approved"];
/** Events that record a payer decision (they need the decision form). */
export const DECISION_EVENTS = ["approve", "approve_partially", "deny"] as const satisfies readonly PriorAuthEvent[];
export type DecisionEvent = (typeof DECISION_EVENTS)[number];

export const priorAuthMachine = defineMachine<PriorAuthState, PriorAuthEvent>({
  name: "prior authorization",
  states: PRIOR_AUTH_STATES,
  initial: "needed",
  terminal: ["withdrawn", "expired"],
  transitions: [
    { from: ["needed"], event: "start_draft", to: "drafting", label: "Request started" },
    { from: ["needed", "drafting"], event: "submit", to: "submitted", label: "Submitted to the payer" },
    { from: ["submitted", "peer_to_peer", "appeal_submitted"], event: "request_info", to: "pending_info", label: "Payer asked for information" },
    { from: ["pending_info"], event: "provide_info", to: "submitted", label: "Information sent to the payer" },
    { from: AWAITING_PAYER, event: "approve", to: "approved", label: "Approved" },
    { from: AWAITING_PAYER, event: "approve_partially", to: "partially_approved", label: "Partially approved" },
    { from: AWAITING_PAYER, event: "deny", to: "denied", label: "Denied" },
    { from: ["denied", "partially_approved"], event: "request_peer_to_peer", to: "peer_to_peer", label: "Peer-to-peer requested" },
    { from: ["denied", "partially_approved", "peer_to_peer"], event: "submit_appeal", to: "appeal_submitted", label: "Appeal submitted" },
    { from: [...OPEN_PRIOR_AUTH_STATES, "denied"], event: "withdraw", to: "withdrawn", label: "Withdrawn" },
    { from: ["approved", "partially_approved"], event: "expire", to: "expired", label: "Expired" },
  ],
});
