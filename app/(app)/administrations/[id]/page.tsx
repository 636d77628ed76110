import type { Metadata } from "next";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { InfusionClaimCard } from "@/components/claims/infusion-claim-card";
import { AdministrationDetail } from "@/components/administrations/administration-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { formatDate } from "@/server/domain/format";
import { loadAdministration } from "./load-administration";
import { WorklistNav } from "./worklist-nav";

/** The tab names the patient and the infusion; without access it stays generic (the page itself refuses). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  try {
    const d = await loadAdministration((await params).id);
    return { title: `Infusion ${d.administration.sequence} · ${d.patient.lastName}, ${d.patient.firstName}` };
  } catch {
    return { title: "Infusion" };
  }
}

/** One planned infusion: documentation, checklist and the claim preview. A missing, foreign or malformed id is a 404. */
export default async function AdministrationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ wl?: string | string[]; pos?: string | string[] }> }) {
  const me = await requirePermission("administration.read");
  const { id } = await params;
  const from = await searchParams;
  const detail = await loadAdministration(id);
  const p = detail.patient;
  return (
    <div className="space-y-2">
      <Link
        href={`/orders/${detail.order.id}`}
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> Order
      </Link>
      <WorklistNav currentId={id} wl={typeof from.wl === "string" ? from.wl : undefined} pos={typeof from.pos === "string" ? from.pos : undefined} />
      <PageHeader
        title={`Durvalumab infusion ${detail.administration.sequence} — ${p.lastName}, ${p.firstName}`}
        description={`Planned ${formatDate(detail.administration.plannedDate)} · ${detail.order.indicationName}`}
      />
      <AdministrationDetail
        initial={detail}
        today={new Date().toISOString().slice(0, 10)}
        claimCard={
          can(me.role, "claim.read") ? (
            <InfusionClaimCard
              administrationId={detail.administration.id}
              readyForBilling={detail.administration.status === "ready_for_billing"}
              canBuild={can(me.role, "claim.write")}
            />
          ) : undefined
        }
      />
    </div>
  );
}
