import "server-only";
import { TRPCError } from "@trpc/server";
import { can, type Permission } from "@/server/auth/permissions";
import { DomainError } from "@/server/domain/errors";
import { recordPhiAccess, recordPhiRefusal, type PhiReader } from "@/server/services/phi-access";
import { toTRPCError } from "./errors";
import { practiceProcedure } from "./trpc";

export interface PhiProcedureOptions<TOut> {
  /** What the procedure reads, as the access log names it: patient, order, administration, claim … */
  entity: string;
  /** The input field holding the requested record's id (e.g. "patientId"), recorded on refusals. */
  idKey: string;
  /** The patient (or patients) whose records the answer shows. */
  patientIdOf: (data: TOut) => string | readonly string[] | null;
}

/**
 * A procedure that returns PHI of identified patients. Like `permissionProcedure(permission)`, plus
 * the HIPAA access log: a successful read records who saw which patient (one row per user, patient
 * and hour); a refusal, because the role lacks the permission or the id is not in the user's
 * practice (NOT_FOUND), records the attempt. Use it for every detail read (a page's main procedure);
 * list searches are not logged per patient, exports are (see recordExportAccess).
 *
 *   get: phiProcedure("claim.read", { entity: "claim", idKey: "claimId", patientIdOf: (c: TClaim) => c.patientId })
 *     .input(ZClaimId).output(ZClaim).query(...)
 */
export function phiProcedure<TOut = unknown>(permission: Permission, opts: PhiProcedureOptions<TOut>) {
  return practiceProcedure.use(async ({ ctx, next, getRawInput }) => {
    const reader: PhiReader = { userId: ctx.actor.userId, practiceId: ctx.actor.practiceId, requestId: ctx.requestId };
    const requestedId = async () => {
      const raw = (await getRawInput().catch(() => null)) as Record<string, unknown> | null;
      const v = raw && typeof raw === "object" ? raw[opts.idKey] : null;
      return typeof v === "string" ? v : null;
    };
    if (!can(ctx.session.role, permission)) {
      const id = await requestedId();
      if (id) await recordPhiRefusal(ctx.db, reader, { entityType: opts.entity, entityId: id, reason: "role" }, ctx.now());
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow this (${permission}).` });
    }
    const result = await next();
    if (!result.ok) {
      const cause = result.error.cause;
      const code = cause instanceof DomainError ? toTRPCError(cause).code : result.error.code;
      if (code === "NOT_FOUND") {
        const id = await requestedId();
        if (id) await recordPhiRefusal(ctx.db, reader, { entityType: opts.entity, entityId: id, reason: "not_found" }, ctx.now());
      }
      return result;
    }
    const ids = opts.patientIdOf(result.data as TOut);
    const list = ids === null ? [] : typeof ids === "string" ? [ids] : ids;
    const entityId = (await requestedId()) ?? list[0] ?? "";
    await recordPhiAccess(
      ctx.db,
      reader,
      list.map((patientId) => ({ patientId, entityType: opts.entity, entityId })),
      ctx.now(),
    );
    return result;
  });
}
