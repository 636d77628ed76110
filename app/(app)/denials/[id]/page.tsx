import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DenialDetail } from "@/components/denials/denial-detail";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Denial" };

export default async function DenialPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("denial.read");
  const { id } = await params;
  let item;
  try {
    item = await (await serverCaller()).denials.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
  return (
    <div className="space-y-2">
      <Link href="/denials" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Denials
      </Link>
      <PageHeader
        title={`${item.kind === "denial" ? `${item.categoryLabel} denial` : "Underpayment"} — claim ${item.claimNumber}`}
        description={`${item.patientName} · ${item.payerName} · ${item.codes.join(", ")}`}
      />
      <DenialDetail initial={item} />
    </div>
  );
}
