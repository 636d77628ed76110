import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can } from "@/server/auth/permissions";
import { listWorkItems, workItemCounts } from "@/server/queries/denials";
import {
  addWorkItemNote,
  approveWriteOff,
  assignWorkItem,
  createCorrectedClaim,
  declineWriteOff,
  recordUpheld,
  requestRetroAuth,
  resolveWorkItem,
  sendAppeal,
  startWorkItem,
  workItemDetail,
  writeOffWorkItem,
} from "@/server/services/denials";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import {
  ZActionResult,
  ZAppealInput,
  ZAssignInput,
  ZCorrectedClaimInput,
  ZDeclineInput,
  ZDenialCounts,
  ZDenialDetail,
  ZDenialListParams,
  ZDenialPage,
  ZNoteInput,
  ZResolveInput,
  ZRetroAuthInput,
  ZUpheldInput,
  ZWorkItemRef,
  ZWriteOffInput,
  type TDenialDetail,
} from "./schemas";

const today = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Denial and underpayment work. Billers and admins work them (denial.work) and write off within the
 * practice's threshold; managers approve larger write-offs (writeOff.approve) and read; PA
 * coordinators request retro-authorizations (denial.retroAuth).
 */
export const denialsRouter = router({
  list: permissionProcedure("denial.read")
    .input(ZDenialListParams)
    .output(ZDenialPage)
    .query(({ ctx, input }) => listWorkItems(ctx.db, ctx.actor.practiceId, ctx.actor.userId, input, today(ctx.now()))),

  counts: permissionProcedure("denial.read")
    .output(ZDenialCounts)
    .query(({ ctx }) => workItemCounts(ctx.db, ctx.actor.practiceId, ctx.actor.userId, today(ctx.now()))),

  get: phiProcedure("denial.read", { entity: "denial", idKey: "id", patientIdOf: (d: TDenialDetail) => d.patientId })
    .input(z.object({ id: z.uuid("Not a valid work item id.") }))
    .output(ZDenialDetail)
    .query(({ ctx, input }) => workItemDetail(ctx.db, ctx.actor, input.id, ctx.now()) as Promise<TDenialDetail>),

  assign: permissionProcedure("denial.work")
    .input(ZAssignInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => assignWorkItem(ctx.db, ctx.actor, input, ctx.now())),

  addNote: retroOrWork()
    .input(ZNoteInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addWorkItemNote(ctx.db, ctx.actor, input, ctx.now())),

  start: permissionProcedure("denial.work")
    .input(ZWorkItemRef)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => startWorkItem(ctx.db, ctx.actor, input, ctx.now())),

  requestRetroAuth: permissionProcedure("denial.retroAuth")
    .input(ZRetroAuthInput)
    .output(ZActionResult.extend({ priorAuthRequestId: z.string().nullable(), priorAuthRequestNumber: z.string().nullable() }))
    .mutation(({ ctx, input }) => requestRetroAuth(ctx.db, ctx.actor, input, ctx.now())),

  createCorrectedClaim: permissionProcedure("denial.work")
    .input(ZCorrectedClaimInput)
    .output(ZActionResult.extend({ correctedClaimId: z.string(), correctedClaimNumber: z.string() }))
    .mutation(({ ctx, input }) => createCorrectedClaim(ctx.db, ctx.actor, input, ctx.now())),

  sendAppeal: permissionProcedure("denial.work")
    .input(ZAppealInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => sendAppeal(ctx.db, ctx.actor, input, ctx.now())),

  recordUpheld: retroOrWork()
    .input(ZUpheldInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => recordUpheld(ctx.db, ctx.actor, input, ctx.now())),

  writeOff: permissionProcedure("denial.work")
    .input(ZWriteOffInput)
    .output(ZActionResult.extend({ needsApproval: z.boolean(), thresholdCents: z.number() }))
    .mutation(({ ctx, input }) => writeOffWorkItem(ctx.db, ctx.actor, input, ctx.now())),

  approveWriteOff: permissionProcedure("writeOff.approve")
    .input(ZWorkItemRef)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => approveWriteOff(ctx.db, ctx.actor, input, ctx.now())),

  declineWriteOff: permissionProcedure("writeOff.approve")
    .input(ZDeclineInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => declineWriteOff(ctx.db, ctx.actor, input, ctx.now())),

  resolve: permissionProcedure("denial.work")
    .input(ZResolveInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => resolveWorkItem(ctx.db, ctx.actor, input, ctx.now())),
});

/** Notes and "payer upheld": whoever works denials or retro-authorizations. */
function retroOrWork() {
  return permissionProcedure("denial.read").use(({ ctx, next }) => {
    if (!can(ctx.session.role, "denial.work") && !can(ctx.session.role, "denial.retroAuth")) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this (denial.work or denial.retroAuth)." });
    }
    return next();
  });
}
