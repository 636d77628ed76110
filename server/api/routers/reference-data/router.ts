import "server-only";
import { z } from "zod";
import { listPlatformAudit } from "@/server/queries/platform-audit";
import {
  applyReferenceFile,
  compareReferenceVersions,
  exportReferenceCsv,
  listReferenceTables,
  listReferenceVersions,
  previewReferenceFile,
  referenceRows,
  referenceVersionCsv,
} from "@/server/services/reference-admin";
import { sendReadinessRecheck } from "@/server/jobs/send";
import { operatorProcedure, platformReadProcedure, router } from "../../trpc";
import {
  ZApplyUpload,
  ZCompareVersions,
  ZPlatformAuditEvent,
  ZPlatformAuditInput,
  ZPreviewUpload,
  ZReferenceTable,
  ZReferenceVersion,
  ZUploadPreview,
  ZVersionComparison,
} from "./schemas";

/**
 * The shared reference data belongs to the platform: practice users read it (and administrators
 * compare its versions and read the platform audit trail); only a platform operator loads a version.
 */
export const referenceDataRouter = router({
  tables: platformReadProcedure("referenceData.read")
    .output(z.array(z.object({ key: ZReferenceTable, label: z.string(), naturalKey: z.array(z.string()), rows: z.number() })))
    .query(({ ctx }) => listReferenceTables(ctx.db)),

  rows: platformReadProcedure("referenceData.read")
    .input(z.object({ table: ZReferenceTable }))
    .output(z.object({ key: ZReferenceTable, label: z.string(), naturalKey: z.array(z.string()).readonly(), rows: z.array(z.record(z.string(), z.unknown())) }))
    .query(({ ctx, input }) => referenceRows(ctx.db, input.table)),

  exportCsv: platformReadProcedure("referenceData.read")
    .input(z.object({ table: ZReferenceTable }))
    .output(z.string())
    .query(({ ctx, input }) => exportReferenceCsv(ctx.db, input.table)),

  /** Every version of a table that was in force, newest first. */
  versions: platformReadProcedure("referenceData.versions")
    .input(z.object({ table: ZReferenceTable }))
    .output(z.array(ZReferenceVersion))
    .query(({ ctx, input }) => listReferenceVersions(ctx.db, input.table)),

  /** One stored version as CSV (for the download route). */
  versionCsv: platformReadProcedure("referenceData.versions")
    .input(z.object({ table: ZReferenceTable, version: z.number().int().positive() }))
    .output(z.string())
    .query(({ ctx, input }) => referenceVersionCsv(ctx.db, input.table, input.version)),

  /** The changes from one version to another ("current" = the table in force). */
  compareVersions: platformReadProcedure("referenceData.versions")
    .input(ZCompareVersions)
    .output(ZVersionComparison)
    .query(({ ctx, input }) => compareReferenceVersions(ctx.db, input)),

  /** The platform audit trail (reference versions loaded, operators' sign-ins): every practice's administrators read it. */
  platformAudit: platformReadProcedure("platformAudit.read")
    .input(ZPlatformAuditInput)
    .output(z.object({ items: z.array(ZPlatformAuditEvent), nextCursor: z.number().nullable() }))
    .query(({ ctx, input }) => listPlatformAudit(ctx.db, input)),

  /** Validates and compares a file with the table in force; changes nothing. Platform operator only. */
  previewUpload: operatorProcedure
    .input(ZPreviewUpload)
    .output(ZUploadPreview)
    .mutation(({ ctx, input }) => previewReferenceFile(ctx.db, input.table, input.csv)),

  /** Loads a new version for every practice. Platform operator only. */
  applyUpload: operatorProcedure
    .input(ZApplyUpload)
    .output(z.object({ counts: ZUploadPreview.shape.counts, fingerprint: z.string(), version: z.number(), practicesRechecking: z.number().int() }))
    .mutation(({ ctx, input }) => applyReferenceFile(ctx.db, ctx.platformActor, input, sendReadinessRecheck)),
});
