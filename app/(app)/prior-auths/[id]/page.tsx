import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestDetail } from "@/components/prior-auths/request-detail";
import { usDate } from "@/components/patients/format";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Prior-authorization request" };

/** One request: form, actions its state allows, attachments, decisions, the order's ledger and history. A missing, foreign or malformed id is a 404. */
export default async function PriorAuthPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("priorAuth.read");
  const { id } = await params;
  let detail;
  try {
    detail = await (await serverCaller()).priorAuths.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
  const r = detail.request;
  return (
    <div className="space-y-2">
      <Link href="/prior-auths" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Prior authorizations
      </Link>
      <PageHeader
        className="pb-2"
        title={`Request ${r.requestNumber} — ${detail.patient.name}`}
        description={`${detail.payer.name} · ${r.requestedLines.map((l) => `${l.hcpcs} × ${l.units} units (${l.doses} doses)`).join(", ")} · ${usDate(r.startDate)}–${usDate(r.endDate)}`}
      />
      <RequestDetail initial={detail} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}
