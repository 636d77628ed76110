import { AreaPlaceholder } from "@/components/shell/area-placeholder";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Denials" };

export default async function Page() {
  await requirePermission("denial.read");
  return <AreaPlaceholder area="denials" />;
}
