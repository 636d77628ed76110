import { z } from "zod";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { can } from "@/server/auth/permissions";
import { renderCms1500 } from "@/server/documents/cms1500";
import { recordAudit } from "@/server/services/audit";
import { cms1500DataOf } from "@/server/services/claim-documents";
import { recordPhiAccess } from "@/server/services/phi-access";

export const dynamic = "force-dynamic";

/** The claim on a CMS-1500 (02/12) form, as a PDF built from the stored claim (never cached; audited). */
export const GET = guardRoute(
  "claim-cms1500",
  {},
  async (req, { params }: { params: Promise<{ id: string }> }, { requestId }) => {
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw new HttpError(404, "No such claim.");
    const ctx = await routeContext(requestId);
    const actor = ctx.requireActor();
    if (!can(actor.role!, "claim.read")) throw new HttpError(403, "Your role does not allow reading claims.");
    const now = ctx.now();
    const { data, patientId, claimNumber } = await cms1500DataOf(ctx.db, actor, id.data, now);
    const bytes = await renderCms1500(data);
    await recordAudit(ctx.db, actor, {
      action: "claim.cms1500_downloaded",
      entityType: "claim",
      entityId: id.data,
      after: { claimNumber },
    });
    await recordPhiAccess(
      ctx.db,
      { userId: actor.userId, practiceId: actor.practiceId, requestId },
      [{ patientId, entityType: "cms1500", entityId: id.data }],
      now,
      "export",
    );
    const inline = new URL(req.url).searchParams.get("inline") === "1";
    return new Response(bytes as BodyInit, {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="cms1500-${claimNumber}.pdf"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
