import "server-only";
import { z } from "zod";
import { listAuditEntityTypes, listAuditEvents } from "@/server/queries/audit";
import { listPhiAccess } from "@/server/queries/phi-access";
import { permissionProcedure, router } from "../../trpc";
import { ZAuditEvent, ZAuditListInput, ZPhiAccessEntry, ZPhiAccessListInput } from "./schemas";

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(ZAuditListInput)
    .output(z.object({ items: z.array(ZAuditEvent), nextCursor: z.number().nullable() }))
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor.practiceId, input)),

  entityTypes: permissionProcedure("audit.read")
    .output(z.array(z.string()))
    .query(({ ctx }) => listAuditEntityTypes(ctx.db, ctx.actor.practiceId)),

  /** Who viewed or exported which patient's records, and refused attempts (administrators). */
  access: permissionProcedure("phiAccess.read")
    .input(ZPhiAccessListInput)
    .output(z.object({ items: z.array(ZPhiAccessEntry), nextCursor: z.number().nullable() }))
    .query(({ ctx, input }) => listPhiAccess(ctx.db, ctx.actor.practiceId, input)),
});
