import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requirePermission("audit.read");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every change made in this practice: who, when, and what it was before and after."
      />
      <Suspense>
        <AuditLog />
      </Suspense>
    </div>
  );
}
