"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/toast";
import { CLAIM_FREQUENCY_LABELS } from "@/server/domain/claims/types";
import { ClaimStatusBadge } from "./claim-status-badge";
import { dateTime, money } from "./format";

/**
 * The infusion's claim (and the claims it was on before), on the infusion page and the episode
 * timeline. A ready infusion on no claim offers "Build claim" to those who may.
 */
export function InfusionClaimCard({
  administrationId,
  readyForBilling,
  canBuild,
}: {
  administrationId: string;
  readyForBilling: boolean;
  canBuild: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const query = useQuery(trpc.claims.forInfusion.queryOptions({ administrationId }));
  const build = useMutation(
    trpc.claims.build.mutationOptions({
      onSuccess: (r) => {
        toast({ title: `Claim ${r.claimNumber} built`, variant: "success" });
        router.push(`/claims/${r.id}`);
      },
      onError: (e) =>
        toast({ title: "Could not build the claim", description: e.message, variant: "destructive" }),
    }),
  );
  const claims = query.data ?? [];
  const live = claims.filter((c) => c.active);
  return (
    <Card data-testid="episode-claim">
      <CardHeader>
        <CardTitle asHeading="h2">Claim</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2">
        {query.isLoading ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : claims.length === 0 ? (
          <EmptyState
            icon={Receipt}
            title="No claim yet"
            description={
              readyForBilling
                ? "This infusion is ready for billing and on no claim."
                : "A claim is built once the infusion is documented and ready for billing."
            }
            headingLevel="h3"
            action={
              readyForBilling && canBuild ? (
                <Button
                  onClick={() => build.mutate({ administrationIds: [administrationId] })}
                  disabled={build.isPending}
                >
                  Build claim
                </Button>
              ) : undefined
            }
          />
        ) : (
          <ul className="space-y-1.5 text-sm">
            {claims.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2" data-testid="infusion-claim">
                <Link
                  href={`/claims/${c.id}`}
                  className="font-mono font-medium underline-offset-4 hover:underline"
                >
                  {c.claimNumber}
                </Link>
                <ClaimStatusBadge status={c.status} />
                {c.frequency !== "original" ? (
                  <span className="text-xs text-muted-foreground">{CLAIM_FREQUENCY_LABELS[c.frequency]}</span>
                ) : null}
                <span>
                  {c.payerName} · {money(c.totalChargeCents)}
                </span>
                {c.submittedAt ? (
                  <span className="text-xs text-muted-foreground">sent {dateTime(c.submittedAt)}</span>
                ) : null}
                {c.rejectionReason ? (
                  <span className="basis-full text-xs text-destructive">{c.rejectionReason}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {claims.length > 0 && live.length === 0 && readyForBilling && canBuild ? (
          <Button
            size="sm"
            onClick={() => build.mutate({ administrationIds: [administrationId] })}
            disabled={build.isPending}
          >
            Build a new claim
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
