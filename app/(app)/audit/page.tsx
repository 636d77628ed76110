import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { AuditTabs } from "@/components/audit/audit-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { auditTabsFor } from "@/server/auth/permissions";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const me = await requirePermission("audit.read");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every change made in this practice: who, when, and what it was before and after."
      />
      <AuditTabs current="changes" visible={auditTabsFor(me.role)} />
      <Suspense>
        <AuditLog />
      </Suspense>
    </div>
  );
}
