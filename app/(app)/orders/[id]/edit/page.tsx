import type { Metadata } from "next";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OrderForm } from "@/components/orders/order-form";
import { valuesFromOrder } from "@/components/orders/order-form-values";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { loadOrder } from "../../load-order";

/** The tab names the page and the patient; without access it stays generic (the page itself refuses). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  try {
    const o = await loadOrder((await params).id);
    return { title: `Edit order · ${o.patient.lastName}, ${o.patient.firstName}` };
  } catch {
    return { title: "Edit order" };
  }
}

export default async function EditOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("order.write");
  const { id } = await params;
  const order = await loadOrder(id);
  // Only drafts are edited; anything else shows the order itself.
  if (order.status !== "draft") redirect(`/orders/${order.id}`);
  const reference = await (await serverCaller()).orders.reference();
  return (
    <div className="space-y-2">
      <Link href={`/orders/${order.id}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Order
      </Link>
      <PageHeader title="Edit draft order" description={`${order.patient.lastName}, ${order.patient.firstName}`} />
      <OrderForm
        reference={reference}
        today={new Date().toISOString().slice(0, 10)}
        initial={valuesFromOrder(order)}
        orderId={order.id}
        version={order.version}
        patientName={`${order.patient.lastName}, ${order.patient.firstName} — MRN ${order.patient.mrn}`}
      />
    </div>
  );
}
