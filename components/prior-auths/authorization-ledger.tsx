import { usDate } from "@/components/patients/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { TLedger } from "@/server/api/routers/prior-auths/schemas";

export interface LedgerEntry {
  authorization: { id: string; authorizationNumber: string; hcpcs: string; approvedUnits: number; startDate: string; endDate: string; voidedAt: Date | null; voidReason: string | null };
  ledger: TLedger;
}

/**
 * One line per authorization and drug code: approved, used, scheduled and remaining units, and the
 * day it covers through at the current schedule (its end date, or the day before the first
 * infusion its units cannot cover). The infusions it counts are listed under it.
 */
export function AuthorizationLedger({ entries, today, showDoses = true }: { entries: LedgerEntry[]; today: string; showDoses?: boolean }) {
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No authorization in force.</p>;
  return (
    <div className="space-y-3" data-testid="authorization-ledger">
      {entries.map(({ authorization: a, ledger: l }) => {
        const ended = a.endDate < today;
        return (
          <div key={a.id} className="rounded-md border p-3" data-authorization={a.authorizationNumber}>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
              <span className="font-mono font-medium">{a.authorizationNumber}</span>
              <span className="font-mono">{a.hcpcs}</span>
              <span className="tabular-nums">
                {usDate(a.startDate)}–{usDate(a.endDate)}
              </span>
              {ended ? <Badge variant="secondary">Ended</Badge> : null}
              <span className="tabular-nums">
                <span className="text-muted-foreground">Approved</span> {l.approvedUnits}
              </span>
              <span className="tabular-nums">
                <span className="text-muted-foreground">Used</span> {l.usedUnits}
              </span>
              <span className="tabular-nums">
                <span className="text-muted-foreground">Scheduled</span> {l.scheduledUnits}
              </span>
              <span className={cn("tabular-nums font-medium", l.remainingUnits < 0 ? "text-destructive" : "")} data-testid="ledger-remaining">
                <span className="font-normal text-muted-foreground">Remaining</span> {l.remainingUnits}
              </span>
              <span className={cn("tabular-nums", l.runsOutBy === "units" ? "text-destructive" : "")}>
                <span className="text-muted-foreground">Covers through</span> {usDate(l.coveredThrough)}
                {l.runsOutBy === "units" ? " (units run out)" : ""}
              </span>
            </div>
            {l.firstUncovered ? (
              <p className="mt-1 text-sm text-destructive">
                The infusion of {usDate(l.firstUncovered.date)} needs {l.firstUncovered.units} units; {l.firstUncovered.availableBefore} are left.
              </p>
            ) : null}
            {showDoses && l.doses.length > 0 ? (
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-muted-foreground">{l.doses.length} infusions counted</summary>
                <ul className="mt-1 grid grid-cols-4 gap-x-4 gap-y-0.5 tabular-nums">
                  {l.doses.map((d) => (
                    <li key={d.administrationId} className={cn(d.coverage === "covered" ? "" : "text-destructive")}>
                      {usDate(d.date)} · {d.units} u · {d.kind === "used" ? "given" : "planned"}
                      {d.coverage === "short" ? ` · short ${d.shortBy}` : d.coverage === "outside_dates" ? " · outside dates" : ""}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
