import { defineMachine } from "./machine";

/**
 * A denial (or underpayment) work item, opened by posting a remittance:
 * open → in progress → (retro-authorization requested | corrected claim | appeal sent) → resolved,
 * or written off — directly within the practice's threshold, through a manager's approval above it.
 * A payer that upholds its denial sends the item back to "in progress" for the next step.
 */
export const DENIAL_STATES = ["open", "in_progress", "retro_auth", "corrected", "appealed", "write_off_pending", "written_off", "resolved"] as const;
export type DenialState = (typeof DENIAL_STATES)[number];

export const DENIAL_EVENTS = [
  "start",
  "request_retro_auth",
  "create_corrected_claim",
  "send_appeal",
  "record_upheld",
  "request_write_off",
  "approve_write_off",
  "decline_write_off",
  "write_off",
  "resolve",
] as const;
export type DenialEvent = (typeof DENIAL_EVENTS)[number];

export const DENIAL_STATE_LABELS: Record<DenialState, string> = {
  open: "New",
  in_progress: "Working",
  retro_auth: "Retro-auth requested",
  corrected: "Corrected claim",
  appealed: "Appeal sent",
  write_off_pending: "Write-off to approve",
  written_off: "Written off",
  resolved: "Resolved",
};

/** How a resolved item ended. */
export const DENIAL_OUTCOMES = ["overturned", "partially_overturned", "not_needed"] as const;
export type DenialOutcome = (typeof DENIAL_OUTCOMES)[number];
export const DENIAL_OUTCOME_LABELS: Record<DenialOutcome, string> = {
  overturned: "Overturned",
  partially_overturned: "Partly overturned",
  not_needed: "No action needed",
};

const WORKING: DenialState[] = ["open", "in_progress"];
const WAITING: DenialState[] = ["retro_auth", "corrected", "appealed"];

export const denialMachine = defineMachine<DenialState, DenialEvent>({
  name: "denial",
  states: DENIAL_STATES,
  initial: "open",
  terminal: ["written_off", "resolved"],
  transitions: [
    { from: ["open"], event: "start", to: "in_progress", label: "Started" },
    { from: WORKING, event: "request_retro_auth", to: "retro_auth", label: "Retro-authorization requested" },
    { from: [...WORKING, "retro_auth"], event: "create_corrected_claim", to: "corrected", label: "Corrected claim created" },
    { from: WORKING, event: "send_appeal", to: "appealed", label: "Appeal sent" },
    { from: WAITING, event: "record_upheld", to: "in_progress", label: "Payer upheld the denial" },
    { from: [...WORKING, ...WAITING], event: "request_write_off", to: "write_off_pending", label: "Write-off sent for approval" },
    { from: ["write_off_pending"], event: "approve_write_off", to: "written_off", label: "Write-off approved" },
    { from: ["write_off_pending"], event: "decline_write_off", to: "in_progress", label: "Write-off declined" },
    // Guarded by the service: only within the practice's write-off threshold.
    { from: [...WORKING, ...WAITING], event: "write_off", to: "written_off", label: "Written off" },
    { from: [...WORKING, ...WAITING], event: "resolve", to: "resolved", label: "Resolved" },
  ],
});
