import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { money } from "@/components/remittances/format";
import { PaymentDetail } from "@/components/remittances/payment-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { loadOr404 } from "../../load";

export const metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("remittance.read");
  const { id } = await params;
  const p = await loadOr404((c) => c.remittances.payment({ paymentId: id }));
  return (
    <div className="space-y-2">
      <Link href="/remittances" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Remittances
      </Link>
      <PageHeader title={`Payment ${p.traceNumber}`} description={`${p.payerName} · ${money(p.amountCents)} · ${p.claimPayments.length} claim${p.claimPayments.length === 1 ? "" : "s"}`} />
      <PaymentDetail p={p} />
    </div>
  );
}
