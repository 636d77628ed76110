"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AuthorizationAlerts } from "./authorization-alerts";

/** The practice's authorization alerts above the queue (five lines, then "Show all"). */
export function WorklistAlertsCard() {
  const trpc = useTRPC();
  const alerts = useQuery(trpc.priorAuths.alerts.queryOptions());
  const [all, setAll] = useState(false);
  const data = alerts.data ?? [];
  if (alerts.isSuccess && data.length === 0) return null;
  const errors = data.filter((a) => a.severity === "error").length;
  return (
    <Card className="gap-2 py-3" data-testid="worklist-alerts">
      <CardHeader className="px-4">
        <CardTitle asHeading="h2" className="text-base">
          Authorization alerts
        </CardTitle>
        <CardDescription>
          {alerts.isLoading ? "Checking the authorizations in force…" : `${data.length} alert${data.length === 1 ? "" : "s"}, ${errors} blocking an infusion: expiring, running out before the next dose, infusions outside an authorization, renewals due.`}
        </CardDescription>
        {data.length > 5 ? (
          <CardAction>
            <Button variant="ghost" size="sm" onClick={() => setAll((v) => !v)}>
              {all ? "Show fewer" : `Show all ${data.length}`}
            </Button>
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="px-4">
        <AuthorizationAlerts alerts={data} showPatient {...(all ? {} : { max: 5 })} />
      </CardContent>
    </Card>
  );
}
