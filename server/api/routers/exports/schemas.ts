import { z } from "zod";
import type { Permission } from "@/server/auth/permissions";

/** Every downloadable list and the permission needed to download it. */
export const EXPORT_KINDS = {
  patients: "patient.read",
  worklist: "administration.read",
  reference: "referenceData.read",
} as const satisfies Record<string, Permission>;
export type ExportKind = keyof typeof EXPORT_KINDS;

export const ZRecordExport = z.object({
  kind: z.enum(Object.keys(EXPORT_KINDS) as [ExportKind, ...ExportKind[]]),
  filters: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).refine((f) => Object.keys(f).length <= 30, "Too many filters."),
  rows: z.number().int().nonnegative(),
});
