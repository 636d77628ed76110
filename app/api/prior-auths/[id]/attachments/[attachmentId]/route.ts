import { downloadHeaders, priorAuthReader } from "@/server/api/prior-auth-route";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { PA_ATTACHMENT_TYPES } from "@/server/domain/prior-auth/codes";
import { recordAudit } from "@/server/services/audit";
import { recordPhiAccess } from "@/server/services/phi-access";
import { attachmentForDownload } from "@/server/services/prior-auths";

export const dynamic = "force-dynamic";

/** ASCII fallback and RFC 5987 form of the stored (path-free) file name. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 150) || "attachment";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A prior-authorization attachment, always as a download: the content type is the one its magic
 * bytes gave at upload (anything else is served as octet-stream), never rendered inline, sandboxed
 * should a browser try. Every download is audited and logged as a PHI export.
 */
export const GET = guardRoute(
  "prior-auth-attachment",
  {},
  async (_req, { params }: { params: Promise<{ id: string; attachmentId: string }> }, { requestId }) => {
    const { ctx, actor, ids, now, refusingUnknown } = await priorAuthReader(await params, requestId, "No such attachment.");
    const a = await refusingUnknown("prior_auth_attachment", ids.attachmentId!, async () => {
      const found = await attachmentForDownload(ctx.db, actor, ids.attachmentId!);
      if (found.requestId !== ids.id) throw new HttpError(404, "No such attachment.");
      return found;
    });
    const type = (PA_ATTACHMENT_TYPES as readonly string[]).includes(a.contentType) ? a.contentType : "application/octet-stream";
    await recordAudit(ctx.db, actor, {
      action: "prior_auth.attachment_downloaded",
      entityType: "prior_auth",
      entityId: a.requestId,
      after: { attachmentId: a.id, fileName: a.fileName, contentType: type, sizeBytes: a.sizeBytes, sha256: a.sha256 },
    });
    await recordPhiAccess(ctx.db, { userId: actor.userId, practiceId: actor.practiceId, requestId }, [{ patientId: a.patientId, entityType: "prior_auth_attachment", entityId: a.id }], now, "export");
    return new Response(a.content as BodyInit, {
      headers: downloadHeaders(type, disposition(a.fileName), {
        "content-length": String(a.content.byteLength),
        "content-security-policy": "sandbox; default-src 'none'",
        "x-file-sha256": a.sha256,
      }),
    });
  },
);
