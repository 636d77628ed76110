import { AreaPlaceholder } from "@/components/shell/area-placeholder";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Remittances" };

export default async function Page() {
  await requirePermission("remittance.read");
  return <AreaPlaceholder area="remittances" />;
}
