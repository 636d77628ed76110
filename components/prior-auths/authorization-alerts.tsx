import { AlertTriangle, CircleAlert } from "lucide-react";
import Link from "next/link";
import { usDate } from "@/components/patients/format";
import { cn } from "@/components/ui/cn";

export interface AlertItem {
  kind: "expiring" | "runs_out_before_next_dose" | "dose_outside_authorization" | "renewal_due";
  severity: "warning" | "error";
  message: string;
  date: string;
  authorizationNumber: string | null;
  patientId?: string;
  patientName?: string;
  mrn?: string;
}

const KIND_LABEL: Record<AlertItem["kind"], string> = {
  expiring: "Expiring",
  runs_out_before_next_dose: "Runs out",
  dose_outside_authorization: "Outside authorization",
  renewal_due: "Renewal due",
};

/**
 * Authorization alerts, one line each: expiring in 30/14/7 days, runs out before the next infusion,
 * an infusion outside every authorization, renewal due. With patient names on the queue; without on
 * the patient page.
 */
export function AuthorizationAlerts({ alerts, showPatient, max, stacked }: { alerts: AlertItem[]; showPatient?: boolean; max?: number; /** narrow column: the message wraps under the kind */ stacked?: boolean }) {
  const shown = max ? alerts.slice(0, max) : alerts;
  if (stacked)
    return (
      <ul className="space-y-1.5 text-sm" data-testid="authorization-alerts">
        {shown.map((a, i) => (
          <li key={`${a.kind}-${a.date}-${i}`} data-kind={a.kind} className={a.severity === "error" ? "text-destructive" : ""}>
            {a.message}
          </li>
        ))}
      </ul>
    );
  return (
    <ul className="divide-y text-sm" data-testid="authorization-alerts">
      {shown.map((a, i) => {
        const Icon = a.severity === "error" ? CircleAlert : AlertTriangle;
        return (
          <li key={`${a.kind}-${a.authorizationNumber ?? ""}-${a.patientId ?? ""}-${a.date}-${i}`} className="flex items-center gap-2 py-1.5" data-kind={a.kind}>
            <Icon aria-hidden className={cn("size-4 shrink-0", a.severity === "error" ? "text-destructive" : "text-warning")} />
            <span className={cn("w-40 shrink-0 font-medium", a.severity === "error" ? "text-destructive" : "")}>{KIND_LABEL[a.kind]}</span>
            {showPatient && a.patientId ? (
              <Link href={`/patients/${a.patientId}`} className="w-56 shrink-0 truncate underline-offset-4 hover:underline" title={`${a.patientName} · MRN ${a.mrn}`}>
                {a.patientName} <span className="font-mono text-xs text-muted-foreground">{a.mrn}</span>
              </Link>
            ) : null}
            <span className="w-24 shrink-0 tabular-nums text-muted-foreground">{usDate(a.date)}</span>
            <span className="min-w-0 flex-1 truncate" title={a.message}>
              {a.message}
            </span>
          </li>
        );
      })}
      {max && alerts.length > max ? <li className="py-1.5 text-muted-foreground">and {alerts.length - max} more</li> : null}
    </ul>
  );
}
