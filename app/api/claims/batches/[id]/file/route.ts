import { z } from "zod";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { can } from "@/server/auth/permissions";
import { downloadBatchFile } from "@/server/services/batches";

export const dynamic = "force-dynamic";

/**
 * A batch's 837 exactly as written at creation (byte for byte: its SHA-256 is checked against the one
 * recorded then; a re-download gives identical bytes). The download is audited: the file carries PHI.
 */
export const GET = guardRoute(
  "batch-837",
  {},
  async (_req, { params }: { params: Promise<{ id: string }> }, { requestId }) => {
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw new HttpError(404, "No such batch.");
    const ctx = await routeContext(requestId);
    const actor = ctx.requireActor();
    if (!can(actor.role!, "claim.read")) throw new HttpError(403, "Your role does not allow reading claims.");
    const file = await downloadBatchFile(ctx.db, actor, { batchId: id.data });
    return new Response(new Uint8Array(file.bytes) as BodyInit, {
      headers: {
        "content-type": "application/edi-x12",
        "content-disposition": `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-file-sha256": file.sha256,
      },
    });
  },
);
