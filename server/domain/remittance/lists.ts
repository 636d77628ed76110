/** Sort keys and views of the remittance and denial lists (shared by the procedures' schemas and the queries). */
export const PAYMENT_SORTS = ["date", "payer", "amount", "trace"] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];

export const QUEUE_SORTS = ["date", "amount", "claim"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Worklist views: what is to do, what waits on the payer, what waits on a manager, what is done. */
export const WORKLIST_VIEWS = ["todo", "waiting", "approval", "done", "all"] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];
export const WORKLIST_VIEW_LABELS: Record<WorklistView, string> = { todo: "To work", waiting: "Waiting on payer", approval: "Write-offs to approve", done: "Closed", all: "All" };

export const DENIAL_SORTS = ["due", "amount", "age", "claim", "payer", "category", "status"] as const;
export type DenialSort = (typeof DENIAL_SORTS)[number];
