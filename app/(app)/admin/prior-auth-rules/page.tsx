import { AdminTabs } from "@/components/admin/admin-tabs";
import { PriorAuthRules } from "@/components/admin/prior-auth-rules";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Prior-auth rules" };

export default async function PriorAuthRulesPage() {
  // Payer rules are kept by whoever manages the practice's payers (saveRule checks the same permission).
  await requirePermission("payer.manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details and reference data." />
      <AdminTabs current="prior-auth-rules" />
      <PriorAuthRules today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
