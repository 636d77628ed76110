import { Badge } from "@/components/ui/badge";
import { CLAIM_PAYMENT_OUTCOME_LABELS, CLAIM_PAYMENT_STATE_LABELS, type ClaimPaymentState, type RemittanceFileState } from "@/server/domain/remittance/states";

type Variant = "default" | "secondary" | "outline" | "success" | "warning" | "destructive";
const FILE_VARIANT: Record<RemittanceFileState, Variant> = { received: "outline", queued: "secondary", posting: "warning", posted: "success", not_posted: "destructive", duplicate: "outline", failed: "destructive" };
const CP_VARIANT: Record<ClaimPaymentState, Variant> = { posted: "success", unmatched: "destructive", held: "warning", dismissed: "outline", not_posted: "outline" };
const OUTCOME_VARIANT: Record<keyof typeof CLAIM_PAYMENT_OUTCOME_LABELS, Variant> = { paid: "success", partially_paid: "secondary", denied: "destructive", reversed: "outline" };

export function FileStatusBadge({ status, label }: { status: RemittanceFileState; label: string }) {
  return (
    <Badge variant={FILE_VARIANT[status]} data-testid="file-status">
      {label}
    </Badge>
  );
}

export function ClaimPaymentStatusBadge({ status }: { status: ClaimPaymentState }) {
  return <Badge variant={CP_VARIANT[status]}>{CLAIM_PAYMENT_STATE_LABELS[status]}</Badge>;
}

export function OutcomeBadge({ outcome }: { outcome: keyof typeof CLAIM_PAYMENT_OUTCOME_LABELS }) {
  return <Badge variant={OUTCOME_VARIANT[outcome]}>{CLAIM_PAYMENT_OUTCOME_LABELS[outcome]}</Badge>;
}
