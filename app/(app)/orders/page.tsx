import { AreaPlaceholder } from "@/components/shell/area-placeholder";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Orders" };

export default async function Page() {
  await requirePermission("order.read");
  return <AreaPlaceholder area="orders" />;
}
