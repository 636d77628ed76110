import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ClaimPaymentDetail } from "@/components/remittances/claim-payment-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { loadOr404 } from "../../load";

export const metadata = { title: "Claim payment" };

export default async function ClaimPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("remittance.read");
  const { id } = await params;
  const c = await loadOr404((caller) => caller.remittances.claimPayment({ claimPaymentId: id }));
  return (
    <div className="space-y-2">
      <Link href={`/remittances/payments/${c.paymentId}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Payment {c.traceNumber}
      </Link>
      <PageHeader title={`Claim payment — ${c.claimNumber ?? c.patientControlNumber}`} description={`${c.patientName ?? "Unknown patient"} · ${c.payerName}`} />
      <ClaimPaymentDetail initial={c} />
    </div>
  );
}
