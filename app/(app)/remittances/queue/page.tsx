import { Suspense } from "react";
import { RemittanceTabs } from "@/components/remittances/remittance-tabs";
import { UnmatchedQueue } from "@/components/remittances/unmatched-queue";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/server/auth/guards";
import { queuedCount } from "../load";

export const metadata = { title: "Unmatched and held payments" };

export default async function QueuePage() {
  await requirePermission("remittance.read");
  return (
    <div className="space-y-4">
      <PageHeader title="Remittances" description="Claim payments that auto-posting could not place, with the reason; match each by hand or dismiss it." />
      <RemittanceTabs current="/remittances/queue" queued={await queuedCount()} />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <UnmatchedQueue />
      </Suspense>
    </div>
  );
}
