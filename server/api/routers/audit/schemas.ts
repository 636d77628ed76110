import { z } from "zod";
import { zSearch, zText } from "@/server/api/zod-text";

const ZIsoDate = z.iso.date("Use a date like 2026-09-14.");

export const ZAuditListInput = z
  .object({
    entityType: zText("entity type", { max: 64 }).optional(),
    entityId: zText("entity id", { max: 64 }).optional(),
    actorUserId: z.uuid("Not a valid user id.").optional(),
    action: zText("action", { max: 64 }).optional(),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    cursor: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "'From' must be on or before 'to'.", path: ["to"] });

export const ZAuditEvent = z.object({
  id: z.string(),
  seq: z.number(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  createdAt: z.date(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  patientName: z.string().nullable(),
  administrationCycle: z.number().nullable(),
  administrationDay: z.number().nullable(),
  administrationDate: z.string().nullable(),
  orderStartDate: z.string().nullable(),
  claimNumber: z.string().nullable(),
});

export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const PHI_ACCESS_ACTIONS = ["view", "export", "refused"] as const;

export const ZPhiAccessListInput = z
  .object({
    patientId: z.uuid("Not a valid patient id.").optional(),
    userId: z.uuid("Not a valid user id.").optional(),
    action: z.enum(PHI_ACCESS_ACTIONS, { error: "Outcome must be view, export or refused." }).optional(),
    q: zSearch(60),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    cursor: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "'From' must be on or before 'to'.", path: ["to"] });

export const ZPhiAccessEntry = z.object({
  id: z.string(),
  seq: z.number(),
  action: z.enum(PHI_ACCESS_ACTIONS),
  entityType: z.string(),
  entityId: z.string(),
  reason: z.string().nullable(),
  firstAt: z.date(),
  hourStart: z.date(),
  userId: z.string(),
  userName: z.string(),
  patientId: z.string().nullable(),
  patientFirstName: z.string().nullable(),
  patientLastName: z.string().nullable(),
  patientMrn: z.string().nullable(),
});
export type TPhiAccessEntry = z.infer<typeof ZPhiAccessEntry>;
