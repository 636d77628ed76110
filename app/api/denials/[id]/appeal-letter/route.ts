import { z } from "zod";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { can } from "@/server/auth/permissions";
import { renderAppealLetter } from "@/server/documents/appeal-letter";
import { recordAudit } from "@/server/services/audit";
import { appealLetterData } from "@/server/services/denials";
import { recordPhiAccess } from "@/server/services/phi-access";

export const dynamic = "force-dynamic";

/** The appeal letter of a denial or underpayment, as a PDF pre-filled from the records (never cached). */
export const GET = guardRoute("appeal-letter", {}, async (_req, { params }: { params: Promise<{ id: string }> }, { requestId }) => {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) throw new HttpError(404, "No such work item.");
  const ctx = await routeContext(requestId);
  const actor = ctx.requireActor();
  if (!can(actor.role!, "denial.read")) throw new HttpError(403, "Your role does not allow reading denials.");
  const now = ctx.now();
  const { data, patientId } = await appealLetterData(ctx.db, actor, id.data, now);
  const bytes = await renderAppealLetter(data);
  await recordAudit(ctx.db, actor, { action: "denial.appeal_letter_downloaded", entityType: "denial", entityId: id.data, after: { claimNumber: data.claim.claimNumber } });
  await recordPhiAccess(ctx.db, { userId: actor.userId, practiceId: actor.practiceId, requestId }, [{ patientId, entityType: "appeal_letter", entityId: id.data }], now, "export");
  return new Response(bytes as BodyInit, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="appeal-${data.claim.claimNumber}.pdf"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
