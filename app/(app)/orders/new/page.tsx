import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { OrderForm } from "@/components/orders/order-form";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "New order" };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<{ patientId?: string }> }) {
  await requirePermission("order.write");
  const { patientId } = await searchParams;
  const caller = await serverCaller();
  const reference = await caller.orders.reference();
  let patient: { id: string; name: string } | null = null;
  if (patientId && /^[0-9a-f-]{36}$/i.test(patientId)) {
    const p = await caller.patients.get({ patientId }).catch(() => null);
    if (p) patient = { id: p.id, name: `${p.lastName}, ${p.firstName} — MRN ${p.mrn}` };
  }
  return (
    <div className="space-y-2">
      <Link href="/orders" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Orders
      </Link>
      <PageHeader title="New durvalumab order" description="The label's regimen for the indication and weight is offered; checks run as you type." />
      <OrderForm
        reference={reference}
        today={new Date().toISOString().slice(0, 10)}
        {...(patient ? { initial: { patientId: patient.id }, patientName: patient.name } : {})}
      />
    </div>
  );
}
