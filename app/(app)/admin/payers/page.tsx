import { AdminTabs } from "@/components/admin/admin-tabs";
import { PayersTable } from "@/components/admin/payers-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Payers" };

export default async function PayersPage() {
  await requirePermission("payer.manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details and reference data." />
      <AdminTabs current="payers" />
      <PayersTable />
    </div>
  );
}
