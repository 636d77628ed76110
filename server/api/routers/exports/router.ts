import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can } from "@/server/auth/permissions";
import { recordExport } from "@/server/services/exports";
import { practiceProcedure, router } from "../../trpc";
import { EXPORT_KINDS, ZRecordExport } from "./schemas";

export const exportsRouter = router({
  /** Called by the download routes once the first page is read: the audit row of the download. */
  record: practiceProcedure
    .input(ZRecordExport)
    .output(z.object({ exportId: z.string() }))
    .mutation(({ ctx, input }) => {
      if (!can(ctx.session.role, EXPORT_KINDS[input.kind])) {
        throw new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow this (${EXPORT_KINDS[input.kind]}).` });
      }
      return recordExport(ctx.db, ctx.actor, input);
    }),
});
