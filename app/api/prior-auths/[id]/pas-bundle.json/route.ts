import { downloadHeaders, priorAuthReader } from "@/server/api/prior-auth-route";
import { guardRoute } from "@/server/api/route-guard";
import { recordAudit } from "@/server/services/audit";
import { recordPhiAccess } from "@/server/services/phi-access";
import { pasBundleOf } from "@/server/services/prior-auth-packet";

export const dynamic = "force-dynamic";

/**
 * The request as an HL7 FHIR R4 Da Vinci PAS request Bundle (JSON download; never cached; audited).
 * Attachments too large to inline point at their download route on this server.
 */
export const GET = guardRoute("prior-auth-pas-bundle", {}, async (req, { params }: { params: Promise<{ id: string }> }, { requestId }) => {
  const { ctx, actor, ids, now, refusingUnknown } = await priorAuthReader(await params, requestId, "No such prior-authorization request.");
  const id = ids.id!;
  const origin = new URL(req.url).origin;
  const { bundle, patientId, requestNumber, revision } = await refusingUnknown("prior_auth_pas_bundle", id, () =>
    pasBundleOf(ctx.db, actor, id, now, (attachmentId) => `${origin}/api/prior-auths/${id}/attachments/${attachmentId}`),
  );
  await recordAudit(ctx.db, actor, { action: "prior_auth.packet_downloaded", entityType: "prior_auth", entityId: id, after: { requestNumber, format: "pas-bundle", revision } });
  await recordPhiAccess(ctx.db, { userId: actor.userId, practiceId: actor.practiceId, requestId }, [{ patientId, entityType: "prior_auth_pas_bundle", entityId: id }], now, "export");
  return new Response(`${JSON.stringify(bundle, null, 2)}\n`, { headers: downloadHeaders("application/fhir+json; charset=utf-8", `attachment; filename="pas-${requestNumber}.json"`) });
});
