import "server-only";
import {
  acknowledgeWarning,
  amendDocumentation,
  getAdministrationDetail,
  markNotGiven,
  markReady,
  previewAdministration,
  saveDocumentation,
  startAdministration,
} from "@/server/services/documentation";
import { closeAdministration, decideWriteOff, reopenAdministration } from "@/server/services/close-out";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import {
  ZAcknowledgeWarning,
  ZAcknowledgment,
  ZAdministrationDetail,
  ZAdministrationId,
  ZAmend,
  ZCloseAdministration,
  ZDecideWriteOff,
  ZReopenAdministration,
  ZMarkNotGiven,
  ZPreviewResult,
  ZSaveDocumentation,
  ZTransitionResult,
} from "./schemas";

/**
 * Infusion documentation and the claim preview: billers and admins document (administration.document);
 * everyone who may read administrations sees the page, its checklist, preview and findings.
 */
export const administrationsRouter = router({
  get: phiProcedure("administration.read", { entity: "administration", idKey: "administrationId", patientIdOf: (d: { patient: { id: string } }) => d.patient.id })
    .input(ZAdministrationId)
    .output(ZAdministrationDetail)
    .query(({ ctx, input }) => getAdministrationDetail(ctx.db, ctx.actor, input.administrationId, ctx.now())),

  /** The claim as it would be billed to the primary coverage on the administration date. */
  preview: permissionProcedure("administration.read")
    .input(ZAdministrationId)
    .output(ZPreviewResult)
    .query(({ ctx, input }) => previewAdministration(ctx.db, ctx.actor, input.administrationId, ctx.now())),

  start: permissionProcedure("administration.document")
    .input(ZAdministrationId)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => startAdministration(ctx.db, ctx.actor, input, ctx.now())),

  saveDocumentation: permissionProcedure("administration.document")
    .input(ZSaveDocumentation)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => {
      const { administrationId, baseRevision, markDocumented, ...documentation } = input;
      return saveDocumentation(ctx.db, ctx.actor, { administrationId, baseRevision, markDocumented, documentation }, ctx.now());
    }),

  markReady: permissionProcedure("administration.document")
    .input(ZAdministrationId)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => markReady(ctx.db, ctx.actor, input, ctx.now())),

  amend: permissionProcedure("administration.document")
    .input(ZAmend)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => amendDocumentation(ctx.db, ctx.actor, input, ctx.now())),

  markNotGiven: permissionProcedure("administration.document")
    .input(ZMarkNotGiven)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => markNotGiven(ctx.db, ctx.actor, input, ctx.now())),

  close: permissionProcedure("administration.document")
    .input(ZCloseAdministration)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => closeAdministration(ctx.db, ctx.actor, input, ctx.now())),

  decideWriteOff: permissionProcedure("writeOff.approve")
    .input(ZDecideWriteOff)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => decideWriteOff(ctx.db, ctx.actor, input, ctx.now())),

  reopen: permissionProcedure("administration.reopen")
    .input(ZReopenAdministration)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => reopenAdministration(ctx.db, ctx.actor, input, ctx.now())),

  acknowledgeWarning: permissionProcedure("administration.document")
    .input(ZAcknowledgeWarning)
    .output(ZAcknowledgment)
    .mutation(({ ctx, input }) => acknowledgeWarning(ctx.db, ctx.actor, input, ctx.now())),
});
