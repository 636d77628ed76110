import { ReferenceDataView } from "@/components/reference/reference-data-view";
import { PageHeader } from "@/components/ui/page-header";
import { ZReferenceTable } from "@/server/api/routers/reference-data/schemas";
import { serverCaller } from "@/server/api/server-caller";
import { requireOperator } from "@/server/auth/guards";

export const metadata = { title: "Reference data (platform)" };

export default async function PlatformReferencePage({ searchParams }: { searchParams: Promise<{ table?: string }> }) {
  await requireOperator();
  const tables = await (await serverCaller()).referenceData.tables();
  const requested = ZReferenceTable.safeParse((await searchParams).table);
  const table = requested.success ? requested.data : "ndcPackages";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Reference data"
        description="Shared by every practice: a version you load here is what every practice's claims use from now on, and every practice's administrators see it in the platform audit trail."
      />
      <ReferenceDataView tables={tables} table={table} mode="operator" basePath="/platform/reference" />
    </div>
  );
}
