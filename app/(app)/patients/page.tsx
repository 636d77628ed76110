import { AreaPlaceholder } from "@/components/shell/area-placeholder";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Patients" };

export default async function Page() {
  await requirePermission("patient.read");
  return <AreaPlaceholder area="patients" />;
}
