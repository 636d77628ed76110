import { AuditTabs } from "@/components/audit/audit-tabs";
import { PlatformAuditTrail } from "@/components/reference/platform-audit-trail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { auditTabsFor } from "@/server/auth/permissions";

export const metadata = { title: "Platform audit trail" };

export default async function PlatformAuditForPracticePage() {
  const me = await requirePermission("platformAudit.read");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="The shared reference data (NDC crosswalk, ASP limits, ICD-10-CM, indications, payer templates, codes) is loaded by the platform operator for every practice. Each version loaded is listed here."
      />
      <AuditTabs current="platform" visible={auditTabsFor(me.role)} />
      <PlatformAuditTrail />
    </div>
  );
}
