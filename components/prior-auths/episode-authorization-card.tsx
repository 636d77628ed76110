"use client";
import { useQuery } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The episode's authorization: for each drug code, the authorization whose ledger counts this
 * infusion (covered, short of units, or outside its dates), else the order's requirement evaluation.
 */
export function EpisodeAuthorizationCard({ orderId, administrationId }: { orderId: string; administrationId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.priorAuths.forOrder.queryOptions({ orderId }));
  const d = q.data;
  const mine = (d?.ledgers ?? [])
    .map((l) => ({ l, dose: l.ledger.doses.find((x) => x.administrationId === administrationId) }))
    .filter((x) => x.dose && x.dose.coverage !== "outside_dates");
  return (
    <Card data-testid="episode-prior-auth">
      <CardHeader>
        <CardTitle asHeading="h2">Prior authorization</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2 text-sm">
        {!d ? (
          <Skeleton className="h-16 w-full" />
        ) : mine.length ? (
          mine.map(({ l, dose }) => (
            <p key={l.authorization.id} className={cn(dose!.coverage === "short" ? "text-destructive" : "")}>
              Authorization <span className="font-mono">{l.authorization.authorizationNumber}</span> ({l.authorization.hcpcs}, {usDate(l.authorization.startDate)}–{usDate(l.authorization.endDate)}):{" "}
              {dose!.coverage === "covered" ? `covers this infusion's ${dose!.units} units` : `${dose!.availableBefore} units left for this infusion's ${dose!.units}`}; {l.ledger.approvedUnits} approved, {l.ledger.usedUnits} used, {l.ledger.remainingUnits} remaining after the schedule.
            </p>
          ))
        ) : (
          <EmptyState
            icon={ShieldCheck}
            headingLevel="h3"
            title="No authorization covers this infusion"
            description={
              d.evaluations.length
                ? d.evaluations.map((e) => `${e.hcpcs}: ${e.required ? "authorization required" : "not required"} (${e.reason})`).join(" ")
                : "The order's payer was not judged for prior authorization."
            }
          />
        )}
      </CardContent>
    </Card>
  );
}
