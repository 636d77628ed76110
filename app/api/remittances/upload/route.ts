import { TRPCError } from "@trpc/server";
import { routeContext } from "@/server/api/route-context";
import { BODY_LIMITS, guardRoute, HttpError, readFormData } from "@/server/api/route-guard";
import { can } from "@/server/auth/permissions";
import { sendJob } from "@/server/jobs/send";
import { receiveRemittanceFile } from "@/server/services/remittance-posting";

export const dynamic = "force-dynamic";

/**
 * Upload of one 835 (multipart field "file"). The file is stored as received, read, and queued for
 * the posting job; the answer says what happened in words (queued, the same file, the same payment
 * already received, or not postable with why). Billers and admins only.
 */
export const POST = guardRoute("upload-835", { stateChanging: true, maxBodyBytes: BODY_LIMITS.x12 + 64 * 1024 }, async (req, _ctx: unknown, { requestId }) => {
  const ctx = await routeContext(requestId);
  const actor = ctx.requireActor();
  if (!can(actor.role!, "remittance.post")) throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow posting remittances (remittance.post)." });
  const form = await readFormData(req, BODY_LIMITS.x12 + 64 * 1024);
  const file = form.get("file");
  if (!(file instanceof File)) throw new HttpError(400, 'Send the 835 as the multipart field "file".');
  if (file.size > BODY_LIMITS.x12) throw new HttpError(413, `${file.name} is larger than 10 MB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await receiveRemittanceFile(ctx.db, actor, { name: file.name, bytes }, ctx.now(), (fileId) => sendJob("remittance-posting", { fileId }));
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
