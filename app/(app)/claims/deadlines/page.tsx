import { Suspense } from "react";
import { ClaimsAreaTabs } from "@/components/claims/claims-area-tabs";
import { DeadlinesList } from "@/components/claims/deadlines-list";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Filing deadlines" };

export default async function DeadlinesPage() {
  await requirePermission("claim.read");
  return (
    <div className="space-y-3">
      <PageHeader
        title="Filing deadlines"
        description="Unsent claims and unbilled infusions, closest to the payer's timely-filing limit first."
        className="pb-2"
      />
      <ClaimsAreaTabs current="deadlines" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <DeadlinesList />
      </Suspense>
    </div>
  );
}
