import { downloadHeaders, priorAuthReader } from "@/server/api/prior-auth-route";
import { guardRoute } from "@/server/api/route-guard";
import { renderPriorAuthPacket } from "@/server/documents/prior-auth-packet";
import { recordAudit } from "@/server/services/audit";
import { recordPhiAccess } from "@/server/services/phi-access";
import { packetDocumentOf } from "@/server/services/prior-auth-packet";

export const dynamic = "force-dynamic";

/** The request packet of a prior-authorization request as a printable PDF (never cached; audited). */
export const GET = guardRoute("prior-auth-packet", {}, async (_req, { params }: { params: Promise<{ id: string }> }, { requestId }) => {
  const { ctx, actor, ids, now, refusingUnknown } = await priorAuthReader(await params, requestId, "No such prior-authorization request.");
  const { document, patientId, requestNumber } = await refusingUnknown("prior_auth_packet", ids.id!, () => packetDocumentOf(ctx.db, actor, ids.id!, now));
  const bytes = await renderPriorAuthPacket(document);
  await recordAudit(ctx.db, actor, { action: "prior_auth.packet_downloaded", entityType: "prior_auth", entityId: ids.id!, after: { requestNumber, format: "pdf" } });
  await recordPhiAccess(ctx.db, { userId: actor.userId, practiceId: actor.practiceId, requestId }, [{ patientId, entityType: "prior_auth_packet", entityId: ids.id! }], now, "export");
  return new Response(bytes as BodyInit, { headers: downloadHeaders("application/pdf", `attachment; filename="prior-auth-${requestNumber}.pdf"`) });
});
