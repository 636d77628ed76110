import { AreaPlaceholder } from "@/components/shell/area-placeholder";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Claims" };

export default async function Page() {
  await requirePermission("claim.read");
  return <AreaPlaceholder area="claims" />;
}
