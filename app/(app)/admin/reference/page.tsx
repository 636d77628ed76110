import { AdminTabs } from "@/components/admin/admin-tabs";
import { ReferenceDataView } from "@/components/reference/reference-data-view";
import { PageHeader } from "@/components/ui/page-header";
import { ZReferenceTable } from "@/server/api/routers/reference-data/schemas";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Reference data" };

export default async function ReferencePage({ searchParams }: { searchParams: Promise<{ table?: string }> }) {
  await requirePermission("referenceData.versions");
  const tables = await (await serverCaller()).referenceData.tables();
  const requested = ZReferenceTable.safeParse((await searchParams).table);
  const table = requested.success ? requested.data : "ndcPackages";
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" description="Users, practice details, payers, providers, locations and reference data." />
      <AdminTabs current="reference" />
      <ReferenceDataView tables={tables} table={table} mode="practice" basePath="/admin/reference" />
    </div>
  );
}
