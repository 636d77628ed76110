import { Suspense } from "react";
import { AcknowledgmentsView } from "@/components/claims/acknowledgments-view";
import { ClaimsAreaTabs } from "@/components/claims/claims-area-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Acknowledgments" };

export default async function AcknowledgmentsPage() {
  const me = await requirePermission("claim.read");
  return (
    <div className="space-y-3">
      <PageHeader
        title="Acknowledgments"
        description="The clearinghouse's 999 and the payers' 277CA answers to our 837 files."
        className="pb-2"
      />
      <ClaimsAreaTabs current="acknowledgments" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <AcknowledgmentsView canImport={can(me.role, "claim.submit")} />
      </Suspense>
    </div>
  );
}
