import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchDetail } from "@/components/claims/batch-detail";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "837 batch" };

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePermission("claim.read");
  const { id } = await params;
  let detail;
  try {
    detail = await (await serverCaller()).claims.batches.get({ batchId: id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
  return (
    <div className="space-y-2">
      <Link
        href="/claims/batches"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> Batches
      </Link>
      <PageHeader
        title={`837 batch ${detail.batch.interchangeControlNumber}`}
        description={`${detail.batch.payerName} · ${detail.batch.fileName}`}
        className="pb-2"
      />
      <BatchDetail initial={detail} canSubmit={can(me.role, "claim.submit")} />
    </div>
  );
}
