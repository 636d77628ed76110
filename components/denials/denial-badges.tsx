import { Badge } from "@/components/ui/badge";
import { DENIAL_STATE_LABELS, type DenialState } from "@/server/domain/workflow/denial";

const VARIANT: Record<DenialState, "default" | "secondary" | "outline" | "success" | "warning" | "destructive"> = {
  open: "destructive",
  in_progress: "warning",
  retro_auth: "secondary",
  corrected: "secondary",
  appealed: "secondary",
  write_off_pending: "warning",
  written_off: "outline",
  resolved: "success",
};

export function DenialStatusBadge({ status }: { status: DenialState }) {
  return (
    <Badge variant={VARIANT[status]} data-testid="denial-status">
      {DENIAL_STATE_LABELS[status]}
    </Badge>
  );
}
