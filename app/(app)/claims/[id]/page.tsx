import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ClaimDetail } from "@/components/claims/claim-detail";
import { usDate } from "@/components/patients/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { loadClaimOr404 } from "./load-claim";

export const metadata = { title: "Claim" };

/** One claim: lines, arithmetic, findings, overrides, its 837 files, acknowledgments and history. A missing, foreign or malformed id is a 404. */
export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("claim.read");
  const { id } = await params;
  const detail = await loadClaimOr404(id);
  const p = detail.patient;
  return (
    <div className="space-y-2">
      <Link
        href="/claims"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> Claims
      </Link>
      <PageHeader
        className="pb-2"
        title={`Claim ${detail.claim.claimNumber} — ${p.lastName}, ${p.firstName}`}
        description={`Service ${usDate(detail.claim.dateOfService)} · ${detail.payer.name} · created ${detail.claim.createdAt.toISOString().slice(0, 10)}${detail.claim.createdByName ? ` by ${detail.claim.createdByName}` : ""}`}
      />
      <ClaimDetail initial={detail} />
    </div>
  );
}
