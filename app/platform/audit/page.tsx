import { PlatformAuditTrail } from "@/components/reference/platform-audit-trail";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/server/auth/guards";

export const metadata = { title: "Platform audit trail" };

export default async function PlatformAuditPage() {
  await requireOperator();
  return (
    <div className="space-y-6">
      <PageHeader title="Platform audit trail" description="Reference versions loaded, operators created, sign-ins and lockouts. Every practice's administrators read this trail too." />
      <PlatformAuditTrail />
    </div>
  );
}
