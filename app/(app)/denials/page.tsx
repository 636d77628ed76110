import { Suspense } from "react";
import { DenialsList } from "@/components/denials/denials-list";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Denials" };

export default async function DenialsPage() {
  await requirePermission("denial.read");
  return (
    <div className="space-y-2">
      <PageHeader title="Denials" description="Every denied claim or line and every underpaid line from posted remittances, with its cause and the action that fixes it." />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <DenialsList />
      </Suspense>
    </div>
  );
}
