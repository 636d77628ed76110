import { Badge } from "@/components/ui/badge";
import { ADMINISTRATION_STATE_LABELS, ORDER_STATE_LABELS } from "@/server/domain/orders/codes";
import type { AdministrationState } from "@/server/domain/workflow/administration";
import type { OrderState } from "@/server/domain/workflow/order";

const ORDER_VARIANT: Record<OrderState, "default" | "secondary" | "outline" | "success" | "warning" | "destructive"> = {
  draft: "outline",
  signed: "secondary",
  active: "default",
  completed: "success",
  discontinued: "destructive",
};
const ADMIN_VARIANT: Record<AdministrationState, "default" | "secondary" | "outline" | "success" | "warning" | "destructive"> = {
  scheduled: "outline",
  in_progress: "warning",
  documented: "secondary",
  ready_for_billing: "success",
  not_given: "destructive",
  close_pending_approval: "warning",
  closed: "outline",
};

export function OrderStatusBadge({ status }: { status: OrderState }) {
  return (
    <Badge variant={ORDER_VARIANT[status]} data-testid="order-status">
      {ORDER_STATE_LABELS[status]}
    </Badge>
  );
}

export function AdministrationStatusBadge({ status }: { status: AdministrationState }) {
  return <Badge variant={ADMIN_VARIANT[status]}>{ADMINISTRATION_STATE_LABELS[status]}</Badge>;
}
