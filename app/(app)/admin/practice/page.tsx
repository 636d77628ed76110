import { AdminTabs } from "@/components/admin/admin-tabs";
import { PracticeForm } from "@/components/admin/practice-form";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Practice" };

export default async function PracticePage() {
  await requirePermission("practice.manage");
  const practice = await (await serverCaller()).practice.get();
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details and reference data." />
      <AdminTabs current="practice" />
      <PracticeForm practice={practice} />
    </div>
  );
}
