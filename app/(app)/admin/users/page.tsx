import { AdminTabs } from "@/components/admin/admin-tabs";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePermission("user.manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details and reference data." />
      <AdminTabs current="users" />
      <UsersTable currentUserId={me.userId} />
    </div>
  );
}
