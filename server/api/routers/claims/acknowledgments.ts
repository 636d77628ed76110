import "server-only";
import { getAcknowledgmentFile, importAcknowledgments, listAcknowledgmentFiles } from "@/server/services/acknowledgments";
import { permissionProcedure, router } from "../../trpc";
import { ZAckFileDetail, ZAckFileId, ZAckFileListPage, ZAckImportResult, ZImportAcknowledgments, ZPageOnly } from "./schemas";

/** 999 and 277CA files: billers and admins import them (claim.submit); readers see what they said. */
export const acknowledgmentsRouter = router({
  import: permissionProcedure("claim.submit")
    .input(ZImportAcknowledgments)
    .output(ZAckImportResult)
    .mutation(({ ctx, input }) =>
      importAcknowledgments(
        ctx.db,
        ctx.actor,
        input.files.map((f) => ({ name: f.name, content: Buffer.from(f.contentBase64, "base64") })),
        ctx.now(),
      ),
    ),

  list: permissionProcedure("claim.read")
    .input(ZPageOnly)
    .output(ZAckFileListPage)
    .query(({ ctx, input }) => listAcknowledgmentFiles(ctx.db, ctx.actor, input)),

  get: permissionProcedure("claim.read")
    .input(ZAckFileId)
    .output(ZAckFileDetail)
    .query(({ ctx, input }) => getAcknowledgmentFile(ctx.db, ctx.actor, input.fileId)),
});
