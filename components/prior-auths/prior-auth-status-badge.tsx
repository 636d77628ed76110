import { Badge, type BadgeProps } from "@/components/ui/badge";
import { PRIOR_AUTH_STATE_LABELS, type PriorAuthState } from "@/server/domain/workflow/prior-auth";

const VARIANT: Record<PriorAuthState, BadgeProps["variant"]> = {
  needed: "warning",
  drafting: "secondary",
  submitted: "outline",
  pending_info: "warning",
  approved: "success",
  partially_approved: "warning",
  denied: "destructive",
  peer_to_peer: "outline",
  appeal_submitted: "outline",
  withdrawn: "secondary",
  expired: "secondary",
};

/** A prior-authorization request's status in billing words. */
export function PriorAuthStatusBadge({ status }: { status: PriorAuthState }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {PRIOR_AUTH_STATE_LABELS[status]}
    </Badge>
  );
}
