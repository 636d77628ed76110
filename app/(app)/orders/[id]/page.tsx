import type { Metadata } from "next";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { OrderDetail } from "@/components/orders/order-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { loadOrder } from "../load-order";

/** The tab names the patient; without access it stays generic (the page itself refuses). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  try {
    const o = await loadOrder((await params).id);
    return { title: `Order · ${o.patient.lastName}, ${o.patient.firstName}` };
  } catch {
    return { title: "Order" };
  }
}

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("order.read");
  const { id } = await params;
  const order = await loadOrder(id);
  return (
    <div className="space-y-2">
      <Link href="/orders" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Orders
      </Link>
      <PageHeader title={`Durvalumab order — ${order.patient.lastName}, ${order.patient.firstName}`} description={order.indicationName} />
      <OrderDetail initial={order} />
    </div>
  );
}
