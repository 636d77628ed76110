import { z } from "zod";
import { referenceTableSchemas } from "@/server/domain/billing/reference";

const TABLES = Object.keys(referenceTableSchemas) as [keyof typeof referenceTableSchemas, ...(keyof typeof referenceTableSchemas)[]];
export const ZReferenceTable = z.enum(TABLES, { error: `table must be one of: ${TABLES.join(", ")}` });

const ZCsv = z
  .string()
  .min(1, "Choose a CSV file.")
  .max(5_000_000, "The file is larger than 5 MB; reference tables are much smaller. Is it the right file?");

export const ZPreviewUpload = z.object({ table: ZReferenceTable, csv: ZCsv });
export const ZApplyUpload = ZPreviewUpload.extend({ baseFingerprint: z.string().min(1).max(100) });

export const ZUploadPreview = z.object({
  table: ZReferenceTable,
  problems: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
  problemCount: z.number(),
  changes: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(["added", "changed", "removed"]),
      fields: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
    }),
  ),
  counts: z.object({
    current: z.number(),
    uploaded: z.number(),
    added: z.number(),
    changed: z.number(),
    removed: z.number(),
    unchanged: z.number(),
  }),
  canApply: z.boolean(),
  baseFingerprint: z.string(),
});

const ZVersionRef = z.union([z.literal("current"), z.number().int().positive()]);
export const ZCompareVersions = z.object({ table: ZReferenceTable, from: ZVersionRef, to: ZVersionRef });

export const ZReferenceVersion = z.object({
  version: z.number(),
  fingerprint: z.string(),
  rowCount: z.number(),
  counts: z.object({ added: z.number(), changed: z.number(), removed: z.number() }).nullable(),
  appliedAt: z.date(),
  appliedBy: z.string(),
});

export const ZVersionComparison = z.object({
  table: ZReferenceTable,
  from: ZVersionRef,
  to: ZVersionRef,
  counts: ZUploadPreview.shape.counts,
  changes: ZUploadPreview.shape.changes,
  changeCount: z.number(),
});

export const ZPlatformAuditInput = z.object({
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZPlatformAuditEvent = z.object({
  seq: z.number(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.date(),
  operatorName: z.string(),
});
