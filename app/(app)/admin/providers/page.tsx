import { AdminTabs } from "@/components/admin/admin-tabs";
import { ProvidersTable } from "@/components/admin/providers-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Providers" };

export default async function ProvidersPage() {
  await requirePermission("practice.manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details and reference data." />
      <AdminTabs current="providers" />
      <ProvidersTable />
    </div>
  );
}
