import "server-only";
import { z } from "zod";
import { can } from "@/server/auth/permissions";
import { sendJob } from "@/server/jobs/send";
import { candidateClaims, listFiles, listPayments, listQueue } from "@/server/queries/remittances";
import { dismissClaimPayment, matchClaimPayment, requeueRemittanceFile } from "@/server/services/remittance-posting";
import {
  addContractRate,
  claimPaymentDetail,
  claimPaymentRowView,
  fileDetail,
  fileView,
  payerTerms,
  paymentDetail,
  paymentRowView,
  saveContractTerms,
  saveRemitSettings,
  writeOffApprovalCents,
} from "@/server/services/remittance-views";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import {
  ZCandidate,
  ZCandidateParams,
  ZClaimPaymentDetail,
  ZClaimPaymentId,
  ZContractRateInput,
  ZContractTerms,
  ZDismissInput,
  ZFileDetail,
  ZFileId,
  ZFileList,
  ZFilePage,
  ZMatchInput,
  ZPaymentDetail,
  ZPaymentId,
  ZPaymentPage,
  ZPaymentParams,
  ZPayerTermsView,
  ZQueuePage,
  ZQueueParams,
  ZRemitSettings,
  type TClaimPaymentDetail,
  type TPaymentDetail,
} from "./schemas";

const enqueue = (fileId: string) => sendJob("remittance-posting", { fileId });

/** Billers and admins post (remittance.post); everyone with remittance.read reads. Uploads go through /api/remittances/upload. */
export const remittancesRouter = router({
  files: permissionProcedure("remittance.read")
    .input(ZFileList)
    .output(ZFilePage)
    .query(async ({ ctx, input }) => {
      const p = await listFiles(ctx.db, ctx.actor.practiceId, input);
      const now = ctx.now();
      return { ...p, items: p.items.map((f) => fileView(f, now)) };
    }),

  file: permissionProcedure("remittance.read")
    .input(ZFileId)
    .output(ZFileDetail)
    .query(({ ctx, input }) => fileDetail(ctx.db, ctx.actor.practiceId, input.fileId, ctx.now())),

  requeue: permissionProcedure("remittance.post")
    .input(ZFileId)
    .output(z.object({ id: z.string(), status: z.literal("queued") }))
    .mutation(({ ctx, input }) => requeueRemittanceFile(ctx.db, ctx.actor, input.fileId, ctx.now(), enqueue)),

  payments: permissionProcedure("remittance.read")
    .input(ZPaymentParams)
    .output(ZPaymentPage)
    .query(async ({ ctx, input }) => {
      const p = await listPayments(ctx.db, ctx.actor.practiceId, input);
      return { ...p, items: p.items.map((r) => paymentRowView(r as Parameters<typeof paymentRowView>[0])) };
    }),

  payment: phiProcedure("remittance.read", { entity: "remittance_payment", idKey: "paymentId", patientIdOf: () => null })
    .input(ZPaymentId)
    .output(ZPaymentDetail)
    .query(({ ctx, input }): Promise<TPaymentDetail> => paymentDetail(ctx.db, ctx.actor.practiceId, input.paymentId)),

  claimPayment: phiProcedure("remittance.read", { entity: "claim_payment", idKey: "claimPaymentId", patientIdOf: (d: TClaimPaymentDetail) => d.patientId })
    .input(ZClaimPaymentId)
    .output(ZClaimPaymentDetail)
    .query(({ ctx, input }) => claimPaymentDetail(ctx.db, ctx.actor, input.claimPaymentId, can(ctx.session.role, "remittance.post"))),

  queue: permissionProcedure("remittance.read")
    .input(ZQueueParams)
    .output(ZQueuePage)
    .query(async ({ ctx, input }) => {
      const p = await listQueue(ctx.db, ctx.actor.practiceId, input);
      return { ...p, items: p.items.map((r) => ({ ...claimPaymentRowView(r), paymentId: r.paymentId, paymentDate: r.paymentDate, payerName: r.payerName, traceNumber: r.traceNumber, createdAt: r.createdAt })) };
    }),

  candidates: permissionProcedure("remittance.post")
    .input(ZCandidateParams)
    .output(z.array(ZCandidate))
    .query(({ ctx, input }) => (input.q && input.q.length >= 2 ? candidateClaims(ctx.db, ctx.actor.practiceId, input.q) : Promise.resolve([]))),

  match: permissionProcedure("remittance.post")
    .input(ZMatchInput)
    .output(z.object({ id: z.string(), status: z.literal("posted"), claimId: z.string(), denials: z.number() }))
    .mutation(({ ctx, input }) => matchClaimPayment(ctx.db, ctx.actor, input, ctx.now())),

  dismiss: permissionProcedure("remittance.post")
    .input(ZDismissInput)
    .output(z.object({ id: z.string(), status: z.literal("dismissed") }))
    .mutation(({ ctx, input }) => dismissClaimPayment(ctx.db, ctx.actor, input, ctx.now())),

  terms: permissionProcedure("payer.read")
    .output(z.array(ZPayerTermsView))
    .query(({ ctx }) => payerTerms(ctx.db, ctx.actor.practiceId)),

  saveTerms: permissionProcedure("payer.manage")
    .input(ZContractTerms)
    .output(z.object({ payerId: z.string() }))
    .mutation(({ ctx, input }) => saveContractTerms(ctx.db, ctx.actor, input, ctx.now())),

  addRate: permissionProcedure("payer.manage")
    .input(ZContractRateInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addContractRate(ctx.db, ctx.actor, input, ctx.now())),

  settings: permissionProcedure("remittance.read")
    .output(ZRemitSettings)
    .query(async ({ ctx }) => ({ writeOffApprovalCents: await writeOffApprovalCents(ctx.db, ctx.actor.practiceId) })),

  saveSettings: permissionProcedure("practice.manage")
    .input(ZRemitSettings)
    .output(ZRemitSettings)
    .mutation(({ ctx, input }) => saveRemitSettings(ctx.db, ctx.actor, input, ctx.now())),
});
