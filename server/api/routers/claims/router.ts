import "server-only";
import { claimFilterOptions } from "@/server/queries/claims";
import {
  buildClaim,
  billSecondaryClaim,
  cancelClaim,
  closeClaim,
  createReplacement,
  createVoid,
  editClaim,
  filingDeadlinePage,
  getClaimDetail,
  infusionClaims,
  listClaimsPage,
  markClaimReady,
  overridesPage,
  overrideWarning,
  refreshClaim,
  reopenClaim,
  submitClaimOnPaper,
  unbilledPage,
} from "@/server/services/claims";
import { getSubmissionSettings, saveSubmissionSettings } from "@/server/services/submission-settings";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import { acknowledgmentsRouter } from "./acknowledgments";
import { batchesRouter } from "./batches";
import {
  ZBillSecondaryResult,
  ZBuildClaim,
  ZBuildResult,
  ZClaimDetail,
  ZClaimFilterOptions,
  ZClaimId,
  ZClaimListPage,
  ZClaimListParams,
  ZCorrectionInput,
  ZCorrectionResult,
  ZDeadlinePage,
  ZInfusionClaims,
  ZInfusionClaimsInput,
  ZEditResult,
  ZMarkReadyResult,
  ZOverridePage,
  ZOverrideWarning,
  ZPageOnly,
  ZReasonInput,
  ZTransitionResult,
  ZUnbilledPage,
  ZUnbilledParams,
  ZSubmissionSettings,
  ZSubmissionSettingsOut,
  ZUpdateClaim,
} from "./schemas";
import { z } from "zod";

/**
 * Claims: billers and admins build, edit, override, ready, cancel, correct and send on paper
 * (claim.write / claim.submit); everyone who reads claims sees the lists and the claim page.
 */
export const claimsRouter = router({
  batches: batchesRouter,
  acknowledgments: acknowledgmentsRouter,

  list: permissionProcedure("claim.read")
    .input(ZClaimListParams)
    .output(ZClaimListPage)
    .query(({ ctx, input }) => listClaimsPage(ctx.db, ctx.actor, input, ctx.now())),

  filterOptions: permissionProcedure("claim.read")
    .output(ZClaimFilterOptions)
    .query(({ ctx }) => claimFilterOptions(ctx.db, ctx.actor.practiceId)),

  get: phiProcedure("claim.read", { entity: "claim", idKey: "claimId", patientIdOf: (d: { patient: { id: string } }) => d.patient.id })
    .input(ZClaimId)
    .output(ZClaimDetail)
    .query(({ ctx, input }) => getClaimDetail(ctx.db, ctx.actor, input.claimId, ctx.now())),

  /** The claims of one infusion (the infusion page and the episode timeline), newest first. */
  forInfusion: permissionProcedure("claim.read")
    .input(ZInfusionClaimsInput)
    .output(ZInfusionClaims)
    .query(({ ctx, input }) => infusionClaims(ctx.db, ctx.actor, input.administrationId)),

  /** Ready infusions no claim holds yet, with their age and days left to file. */
  unbilled: permissionProcedure("claim.read")
    .input(ZUnbilledParams)
    .output(ZUnbilledPage)
    .query(({ ctx, input }) => unbilledPage(ctx.db, ctx.actor, input, ctx.now())),

  /** Unsent claims and unbilled infusions, closest to the payer's filing limit first. */
  deadlines: permissionProcedure("claim.read")
    .input(ZPageOnly)
    .output(ZDeadlinePage)
    .query(({ ctx, input }) => filingDeadlinePage(ctx.db, ctx.actor, input, ctx.now())),

  /** Every warning overridden on a claim, with who and why. */
  overrides: permissionProcedure("claim.read")
    .input(ZPageOnly)
    .output(ZOverridePage)
    .query(({ ctx, input }) => overridesPage(ctx.db, ctx.actor, input)),

  build: permissionProcedure("claim.write")
    .input(ZBuildClaim)
    .output(ZBuildResult)
    .mutation(({ ctx, input }) => buildClaim(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("claim.write")
    .input(ZUpdateClaim)
    .output(ZEditResult)
    .mutation(({ ctx, input }) => editClaim(ctx.db, ctx.actor, input, ctx.now())),

  refresh: permissionProcedure("claim.write")
    .input(ZClaimId)
    .output(ZEditResult)
    .mutation(({ ctx, input }) => refreshClaim(ctx.db, ctx.actor, input, ctx.now())),

  overrideWarning: permissionProcedure("claim.write")
    .input(ZOverrideWarning)
    .output(z.object({ id: z.string(), rule: z.string(), fingerprint: z.string(), reason: z.string() }))
    .mutation(({ ctx, input }) => overrideWarning(ctx.db, ctx.actor, input, ctx.now())),

  markReady: permissionProcedure("claim.write")
    .input(ZClaimId)
    .output(ZMarkReadyResult)
    .mutation(({ ctx, input }) => markClaimReady(ctx.db, ctx.actor, input, ctx.now())),

  reopen: permissionProcedure("claim.write")
    .input(ZClaimId)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => reopenClaim(ctx.db, ctx.actor, input, ctx.now())),

  cancel: permissionProcedure("claim.write")
    .input(ZReasonInput)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => cancelClaim(ctx.db, ctx.actor, input, ctx.now())),

  close: permissionProcedure("claim.write")
    .input(ZReasonInput)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => closeClaim(ctx.db, ctx.actor, input, ctx.now())),

  submitOnPaper: permissionProcedure("claim.submit")
    .input(ZClaimId)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => submitClaimOnPaper(ctx.db, ctx.actor, input, ctx.now())),

  replace: permissionProcedure("claim.write")
    .input(ZCorrectionInput)
    .output(ZCorrectionResult)
    .mutation(({ ctx, input }) => createReplacement(ctx.db, ctx.actor, input, ctx.now())),

  billSecondary: permissionProcedure("claim.write")
    .input(ZClaimId)
    .output(ZBillSecondaryResult)
    .mutation(({ ctx, input }) => billSecondaryClaim(ctx.db, ctx.actor, input, ctx.now())),

  void: permissionProcedure("claim.write")
    .input(ZCorrectionInput)
    .output(ZCorrectionResult)
    .mutation(({ ctx, input }) => createVoid(ctx.db, ctx.actor, input, ctx.now())),

  /** The practice's 837 submission settings (submitter, clearinghouse, ISA usage): admins set them. */
  settings: permissionProcedure("claim.read")
    .output(ZSubmissionSettingsOut)
    .query(({ ctx }) => getSubmissionSettings(ctx.db, ctx.actor.practiceId)),

  saveSettings: permissionProcedure("practice.manage")
    .input(ZSubmissionSettings)
    .output(ZSubmissionSettingsOut)
    .mutation(({ ctx, input }) => saveSubmissionSettings(ctx.db, ctx.actor, input, ctx.now())),
});
