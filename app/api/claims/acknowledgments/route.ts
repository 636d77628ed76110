import { TRPCError } from "@trpc/server";
import { routeContext } from "@/server/api/route-context";
import { BODY_LIMITS, guardRoute, HttpError, readFormData } from "@/server/api/route-guard";
import { can } from "@/server/auth/permissions";
import { importAcknowledgments, MAX_ACK_FILE_BYTES } from "@/server/services/acknowledgments";

export const dynamic = "force-dynamic";

const MAX_FILES = 20;
const MAX_BODY = BODY_LIMITS.x12 * 2 + 64 * 1024;

/**
 * Upload of 999 and 277CA files, several at once (multipart field "files"). Each file is kept byte for
 * byte and imported in its own transaction; the answer lists, per file, what it said and what changed
 * (a file already imported changes nothing). Billers and admins only.
 */
export const POST = guardRoute(
  "upload-acknowledgments",
  { stateChanging: true, maxBodyBytes: MAX_BODY },
  async (req, _ctx: unknown, { requestId }) => {
    const ctx = await routeContext(requestId);
    const actor = ctx.requireActor();
    if (!can(actor.role!, "claim.submit"))
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Your role does not allow importing acknowledgments (claim.submit).",
      });
    const form = await readFormData(req, MAX_BODY);
    const files = form.getAll("files").filter((f): f is File => f instanceof File);
    if (files.length === 0)
      throw new HttpError(400, 'Send the 999 or 277CA files as the multipart field "files".');
    if (files.length > MAX_FILES) throw new HttpError(400, `At most ${MAX_FILES} files at once.`);
    for (const f of files)
      if (f.size > MAX_ACK_FILE_BYTES) throw new HttpError(413, `${f.name} is larger than 5 MB.`);
    const input = await Promise.all(
      files.map(async (f) => ({ name: f.name.slice(0, 200), content: Buffer.from(await f.arrayBuffer()) })),
    );
    const result = await importAcknowledgments(ctx.db, actor, input, ctx.now());
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
);
