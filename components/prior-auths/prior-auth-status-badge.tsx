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

/** Shorter words for one-line rows (the full label is the tooltip). */
const SHORT: Partial<Record<PriorAuthState, string>> = { pending_info: "Info requested", peer_to_peer: "Peer-to-peer", appeal_submitted: "Appeal sent", partially_approved: "Partial approval" };

/** A prior-authorization request's status in billing words. */
export function PriorAuthStatusBadge({ status, short }: { status: PriorAuthState; short?: boolean }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status} title={PRIOR_AUTH_STATE_LABELS[status]}>
      {short ? (SHORT[status] ?? PRIOR_AUTH_STATE_LABELS[status]) : PRIOR_AUTH_STATE_LABELS[status]}
    </Badge>
  );
}
