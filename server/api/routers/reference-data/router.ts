import "server-only";
import { z } from "zod";
import {
  applyReferenceFile,
  exportReferenceCsv,
  listReferenceTables,
  previewReferenceFile,
  referenceRows,
} from "@/server/services/reference-admin";
import { permissionProcedure, router } from "../../trpc";
import { ZApplyUpload, ZPreviewUpload, ZReferenceTable, ZUploadPreview } from "./schemas";

export const referenceDataRouter = router({
  tables: permissionProcedure("referenceData.read")
    .output(z.array(z.object({ key: ZReferenceTable, label: z.string(), naturalKey: z.array(z.string()), rows: z.number() })))
    .query(({ ctx }) => listReferenceTables(ctx.db)),

  rows: permissionProcedure("referenceData.read")
    .input(z.object({ table: ZReferenceTable }))
    .output(z.object({ key: ZReferenceTable, label: z.string(), naturalKey: z.array(z.string()).readonly(), rows: z.array(z.record(z.string(), z.unknown())) }))
    .query(({ ctx, input }) => referenceRows(ctx.db, input.table)),

  exportCsv: permissionProcedure("referenceData.read")
    .input(z.object({ table: ZReferenceTable }))
    .output(z.string())
    .query(({ ctx, input }) => exportReferenceCsv(ctx.db, input.table)),

  /** Validates and compares a file with the table in force; changes nothing. */
  previewUpload: permissionProcedure("referenceData.manage")
    .input(ZPreviewUpload)
    .output(ZUploadPreview)
    .mutation(({ ctx, input }) => previewReferenceFile(ctx.db, input.table, input.csv)),

  applyUpload: permissionProcedure("referenceData.manage")
    .input(ZApplyUpload)
    .output(z.object({ counts: ZUploadPreview.shape.counts, fingerprint: z.string() }))
    .mutation(({ ctx, input }) => applyReferenceFile(ctx.db, ctx.actor, input)),
});
