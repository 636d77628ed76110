import { Suspense } from "react";
import { ClaimsAreaTabs } from "@/components/claims/claims-area-tabs";
import { ClaimsList } from "@/components/claims/claims-list";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Rejected claims" };

/** Claims the clearinghouse (999) or the payer's front end (277CA) rejected: fix and send again. */
export default async function RejectedClaimsPage() {
  await requirePermission("claim.read");
  const options = await (await serverCaller()).claims.filterOptions();
  return (
    <div className="space-y-3">
      <PageHeader
        title="Rejected claims"
        description="Rejected by the clearinghouse or the payer's front end, oldest first: open one to see the reason and the segment, fix it and send it again."
        className="pb-2"
      />
      <ClaimsAreaTabs current="rejected" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <ClaimsList options={options} fixedStatus="rejected" />
      </Suspense>
    </div>
  );
}
