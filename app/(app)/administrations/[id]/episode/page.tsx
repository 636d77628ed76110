import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { InfusionClaimCard } from "@/components/claims/infusion-claim-card";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EpisodeView } from "@/components/episode/episode-view";
import { EpisodeAuthorizationCard } from "@/components/prior-auths/episode-authorization-card";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

/** The episode through the same procedure the browser uses; a missing, foreign or malformed id is a 404.
 * Cached per request: the page and its tab title share one load. */
const loadEpisode = cache(async (id: string) => {
  try {
    return await (await serverCaller()).episode.get({ administrationId: id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
});

/** The tab names the page, the patient and the cycle; without access it stays generic (the page itself refuses). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  try {
    const e = await loadEpisode((await params).id);
    return { title: `Episode · ${e.patient.lastName}, ${e.patient.firstName} · ${e.administration.cycleLabel}` };
  } catch {
    return { title: "Episode" };
  }
}

/** One administration's whole life; a missing, foreign or malformed id is a 404. */
export default async function EpisodePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePermission("administration.read");
  const { id } = await params;
  const episode = await loadEpisode(id);
  return (
    <div className="space-y-2">
      <Link
        href="/worklists"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> Worklists
      </Link>
      <PageHeader
        title={`Episode — ${episode.patient.lastName}, ${episode.patient.firstName}, ${episode.administration.cycleLabel}`}
        description={`Durvalumab infusion planned for ${episode.administration.plannedDate}`}
      />
      <EpisodeView
        episode={episode}
        claimCard={
          can(me.role, "claim.read") ? (
            <InfusionClaimCard
              administrationId={episode.administration.id}
              readyForBilling={episode.administration.status === "ready_for_billing"}
              canBuild={can(me.role, "claim.write")}
            />
          ) : undefined
        }
        authorizationCard={can(me.role, "priorAuth.read") ? <EpisodeAuthorizationCard orderId={episode.order.id} administrationId={episode.administration.id} /> : undefined}
      />
    </div>
  );
}
