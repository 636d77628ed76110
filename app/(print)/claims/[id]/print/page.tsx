import { ArrowLeft, FileDown } from "lucide-react";
import Link from "next/link";
import { ClaimPrintSheet } from "@/components/claims/claim-print-sheet";
import { PrintButton } from "@/components/claims/print-button";
import { Button } from "@/components/ui/button";
import { loadClaimOr404 } from "@/app/(app)/claims/[id]/load-claim";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Claim print view" };

/** The claim on one printable page (the practice's paper copy); the CMS-1500 PDF is one click away. */
export default async function ClaimPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("claim.read");
  const { id } = await params;
  const detail = await loadClaimOr404(id);
  return (
    <div className="space-y-3">
      <div className="mx-auto flex max-w-[8in] items-center gap-2 print:hidden">
        <Link
          href={`/claims/${id}`}
          className="inline-flex items-center gap-1 text-sm text-neutral-600 hover:underline"
        >
          <ArrowLeft aria-hidden className="size-4" /> Back to claim {detail.claim.claimNumber}
        </Link>
        <div className="ml-auto flex gap-2">
          {detail.claim.claimType === "professional" ? (
            <Button variant="outline" size="sm" asChild>
              <a href={`/api/claims/${id}/cms1500?inline=1`} target="_blank" rel="noopener">
                <FileDown aria-hidden /> CMS-1500 form (PDF)
              </a>
            </Button>
          ) : null}
          <PrintButton />
        </div>
      </div>
      <ClaimPrintSheet d={detail} printedBy={user.name} printedAt={new Date()} />
    </div>
  );
}
