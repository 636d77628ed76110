import { Suspense } from "react";
import { BatchesView } from "@/components/claims/batches-view";
import { ClaimsAreaTabs } from "@/components/claims/claims-area-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "837 batches" };

export default async function BatchesPage() {
  const me = await requirePermission("claim.read");
  const options = await (await serverCaller()).claims.filterOptions();
  return (
    <div className="space-y-3">
      <PageHeader
        title="837 batches"
        description="Put ready claims into 837 files, download them byte for byte, record the submission or cancel before it."
        className="pb-2"
      />
      <ClaimsAreaTabs current="batches" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <BatchesView options={options} canSubmit={can(me.role, "claim.submit")} />
      </Suspense>
    </div>
  );
}
