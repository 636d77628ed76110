"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { PA_REQUEST_KIND_LABELS } from "@/server/domain/prior-auth/codes";
import { AuthorizationAlerts } from "./authorization-alerts";
import { PriorAuthStatusBadge } from "./prior-auth-status-badge";

/** The patient's authorization history: alerts of the authorizations in force, every request and every authorization. */
export function PatientAuthorizationsCard({ patientId, today }: { patientId: string; today: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.priorAuths.forPatient.queryOptions({ patientId }));
  const d = q.data;
  return (
    <Card id="authorizations" className="scroll-mt-4" data-testid="patient-authorizations">
      <CardHeader>
        <CardTitle asHeading="h2">Prior authorizations</CardTitle>
        <CardDescription>Requests to the payers, their decisions and the authorizations infusions are billed against.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {!d ? (
          q.error ? (
            <p role="alert" className="text-sm text-destructive">
              {q.error.message}
            </p>
          ) : (
            <Skeleton className="h-20 w-full" />
          )
        ) : d.requests.length === 0 && d.authorizations.length === 0 ? (
          <p className="text-sm text-muted-foreground">No prior-authorization request for this patient.</p>
        ) : (
          <>
            {d.alerts.length ? <AuthorizationAlerts alerts={d.alerts} /> : null}
            {d.authorizations.length ? (
              <div>
                <h3 className="mb-1 text-sm font-medium">Authorizations</h3>
                <ul className="divide-y text-sm">
                  {d.authorizations.map((a) => (
                    <li key={a.id} className="flex items-center gap-3 py-1.5">
                      <span className="w-36 font-mono">{a.authorizationNumber}</span>
                      <span className="w-14 font-mono">{a.hcpcs}</span>
                      <span className="w-48 tabular-nums">
                        {usDate(a.startDate)}–{usDate(a.endDate)}
                      </span>
                      <span className="w-28 tabular-nums">{a.approvedUnits} units</span>
                      {a.voidedAt ? <Badge variant="secondary">Replaced</Badge> : a.endDate < today ? <Badge variant="secondary">Ended</Badge> : <Badge variant="success">In force</Badge>}
                      <span className="min-w-0 flex-1 truncate text-muted-foreground">{a.voidReason ?? ""}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div>
              <h3 className="mb-1 text-sm font-medium">Requests</h3>
              <ul className="divide-y text-sm">
                {d.requests.map((r) => (
                  <li key={r.id} className="flex items-center gap-3 py-1.5">
                    <Link href={`/prior-auths/${r.id}`} className="w-24 font-mono underline-offset-4 hover:underline">
                      {r.requestNumber}
                    </Link>
                    <span className="w-44">
                      <PriorAuthStatusBadge status={r.status} />
                    </span>
                    <span className="w-16 text-muted-foreground">{PA_REQUEST_KIND_LABELS[r.kind]}</span>
                    <span className="w-56 truncate">{r.payerName}</span>
                    <span className="w-48 tabular-nums">
                      {usDate(r.startDate)}–{usDate(r.endDate)}
                    </span>
                    <span className="min-w-0 flex-1 truncate text-muted-foreground">
                      {r.decidedAt ? `decided ${usDate(r.decidedAt.toISOString().slice(0, 10))}` : r.submittedAt ? `submitted ${usDate(r.submittedAt.toISOString().slice(0, 10))}` : `opened ${usDate(r.createdAt.toISOString().slice(0, 10))}`}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
