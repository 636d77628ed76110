import { AdminTabs } from "@/components/admin/admin-tabs";
import { FeeScheduleTable } from "@/components/admin/fee-schedule-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Fee schedule" };

export default async function FeeSchedulePage() {
  await requirePermission("practice.manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details, payers, providers, locations and reference data." />
      <AdminTabs current="fee-schedule" />
      <FeeScheduleTable />
    </div>
  );
}
