import { AreaPlaceholder } from "@/components/shell/area-placeholder";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Prior authorizations" };

export default async function Page() {
  await requirePermission("priorAuth.read");
  return <AreaPlaceholder area="prior-auths" />;
}
