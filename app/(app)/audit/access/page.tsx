import { Suspense } from "react";
import { AccessLog } from "@/components/audit/access-log";
import { AuditTabs } from "@/components/audit/audit-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { auditTabsFor } from "@/server/auth/permissions";

export const metadata = { title: "Access to patient records" };

export default async function AccessLogPage() {
  const me = await requirePermission("phiAccess.read");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Who viewed or downloaded which patient's records, and attempts that were refused. One line per user, patient and hour."
      />
      <AuditTabs current="access" visible={auditTabsFor(me.role)} />
      <Suspense>
        <AccessLog />
      </Suspense>
    </div>
  );
}
