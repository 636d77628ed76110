import { Badge, type BadgeProps } from "@/components/ui/badge";
import { BATCH_STATE_LABELS, type BatchState } from "@/server/domain/workflow/batch";
import { claimStateLabel, type ClaimState } from "@/server/domain/workflow/claim";

const CLAIM_VARIANT: Record<ClaimState, BadgeProps["variant"]> = {
  draft: "secondary",
  ready: "default",
  batched: "outline",
  submitted: "outline",
  accepted: "success",
  rejected: "destructive",
  adjudicated: "success",
  closed: "secondary",
  replaced: "secondary",
  voided: "secondary",
  cancelled: "secondary",
};

/** A claim's status in billing words ("Resubmitted" for a rejected claim settled by its resubmission). */
export function ClaimStatusBadge({ status, resubmitted }: { status: ClaimState; resubmitted?: boolean }) {
  return (
    <Badge variant={CLAIM_VARIANT[status]} data-status={status}>
      {claimStateLabel(status, resubmitted)}
    </Badge>
  );
}

const BATCH_VARIANT: Record<BatchState, BadgeProps["variant"]> = {
  created: "default",
  submitted: "outline",
  acknowledged: "success",
  rejected: "destructive",
  cancelled: "secondary",
};

export function BatchStatusBadge({ status }: { status: BatchState }) {
  return (
    <Badge variant={BATCH_VARIANT[status]} data-status={status}>
      {BATCH_STATE_LABELS[status]}
    </Badge>
  );
}
