import { AdminTabs } from "@/components/admin/admin-tabs";
import { LocationsTable } from "@/components/admin/locations-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Locations" };

export default async function LocationsPage() {
  await requirePermission("practice.manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details and reference data." />
      <AdminTabs current="locations" />
      <LocationsTable />
    </div>
  );
}
