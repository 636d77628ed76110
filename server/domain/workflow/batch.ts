import { defineMachine } from "./machine";

/**
 * An 837 batch: one file for one payer and one claim type.
 *   created → submitted → acknowledged (999 accepted, or accepted with errors) | rejected (999 rejected)
 *   created → cancelled (before submission; its claims return to ready)
 * The file is written once, when the batch is created, and kept byte for byte.
 */
export const BATCH_STATES = ["created", "submitted", "acknowledged", "rejected", "cancelled"] as const;
export type BatchState = (typeof BATCH_STATES)[number];
export const BATCH_EVENTS = ["submit", "cancel", "acknowledge", "reject"] as const;
export type BatchEvent = (typeof BATCH_EVENTS)[number];

export const batchMachine = defineMachine<BatchState, BatchEvent>({
  name: "batch",
  states: BATCH_STATES,
  initial: "created",
  terminal: ["acknowledged", "rejected", "cancelled"],
  transitions: [
    { from: ["created"], event: "submit", to: "submitted", label: "Submitted" },
    { from: ["created"], event: "cancel", to: "cancelled", label: "Cancelled" },
    { from: ["submitted"], event: "acknowledge", to: "acknowledged", label: "Acknowledged (999)" },
    { from: ["submitted"], event: "reject", to: "rejected", label: "Rejected (999)" },
  ],
});

export const BATCH_STATE_LABELS: Record<BatchState, string> = {
  created: "Created, not submitted",
  submitted: "Submitted",
  acknowledged: "Acknowledged",
  rejected: "Rejected",
  cancelled: "Cancelled",
};

/** How a claim or a batch went out. */
export const SUBMISSION_CHANNELS = ["clearinghouse_upload", "clearinghouse_sftp", "payer_portal", "paper"] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];
export const SUBMISSION_CHANNEL_LABELS: Record<SubmissionChannel, string> = {
  clearinghouse_upload: "Uploaded to the clearinghouse portal",
  clearinghouse_sftp: "Sent to the clearinghouse by SFTP",
  payer_portal: "Uploaded to the payer's portal",
  paper: "Mailed on paper (CMS-1500)",
};
/** Channels a batch file can go through (paper is for single claims). */
export const ELECTRONIC_CHANNELS = ["clearinghouse_upload", "clearinghouse_sftp", "payer_portal"] as const satisfies readonly SubmissionChannel[];
