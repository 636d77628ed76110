import { Plus } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { OrdersList } from "@/components/orders/orders-list";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Orders" };

export default async function OrdersPage() {
  const me = await requirePermission("order.read");
  const canWrite = can(me.role, "order.write");
  const reference = await (await serverCaller()).orders.reference();
  return (
    <div className="space-y-2">
      <PageHeader
        title="Orders"
        description="Durvalumab orders and their treatment calendars."
        actions={
          canWrite ? (
            <Button asChild>
              <Link href="/orders/new">
                <Plus aria-hidden /> New order
              </Link>
            </Button>
          ) : null
        }
      />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <OrdersList canWrite={canWrite} indications={reference.indications.map((i) => ({ id: i.id, name: i.name }))} />
      </Suspense>
    </div>
  );
}
