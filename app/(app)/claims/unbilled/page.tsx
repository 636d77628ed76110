import { Suspense } from "react";
import { ClaimsAreaTabs } from "@/components/claims/claims-area-tabs";
import { UnbilledList } from "@/components/claims/unbilled-list";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Infusions to bill" };

export default async function UnbilledPage() {
  const me = await requirePermission("claim.read");
  const options = await (await serverCaller()).claims.filterOptions();
  return (
    <div className="space-y-3">
      <PageHeader
        title="Infusions to bill"
        description="Ready for billing and on no claim yet, oldest first: build the claim from here."
        className="pb-2"
      />
      <ClaimsAreaTabs current="unbilled" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <UnbilledList options={options} canBuild={can(me.role, "claim.write")} />
      </Suspense>
    </div>
  );
}
