import "server-only";
import { z } from "zod";
import { listRules, requestCounts } from "@/server/queries/prior-auths";
import {
  addAttachment,
  assignRequests,
  decideRequest,
  getRequestDetail,
  listRequestCandidates,
  listRequestPage,
  openRequestForOrder,
  orderAuthorizations,
  paAssignees,
  patientAuthorizations,
  saveRule,
  transitionRequest,
  updateRequest,
  worklistAlerts,
} from "@/server/services/prior-auths";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import {
  ZActionResult,
  ZAssignee,
  ZAssignInput,
  ZAttachmentInput,
  ZCandidatesInput,
  ZDecisionInput,
  ZOpenInput,
  ZOrderAuthorizations,
  ZPaListParams,
  ZPatientAuthorizations,
  ZRequestCandidate,
  ZRequestCounts,
  ZRequestDetail,
  ZRequestPage,
  ZRuleInput,
  ZTransitionInput,
  ZUpdateRequestInput,
  ZWorklistAlert,
  type TRequestDetail,
} from "./schemas";

const today = (d: Date) => d.toISOString().slice(0, 10);

const ZRule = z.object({
  id: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  hcpcs: z.string(),
  indicationId: z.string().nullable(),
  requestKind: z.enum(["any", "initial", "renewal"]),
  required: z.boolean(),
  maxDays: z.number().nullable(),
  maxUnits: z.number().nullable(),
  maxDoses: z.number().nullable(),
  leadTimeDays: z.number(),
  turnaroundDays: z.number(),
  effectiveDate: z.string(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
  isActive: z.boolean(),
});

/**
 * Prior authorization. Coordinators and admins create, submit and decide (priorAuth.write,
 * priorAuth.decide); billers and managers read. Payer rules are kept by whoever manages payers.
 */
export const priorAuthsRouter = router({
  list: permissionProcedure("priorAuth.read")
    .input(ZPaListParams)
    .output(ZRequestPage)
    .query(({ ctx, input }) => listRequestPage(ctx.db, ctx.actor, input, ctx.now())),

  counts: permissionProcedure("priorAuth.read")
    .output(ZRequestCounts)
    .query(({ ctx }) => requestCounts(ctx.db, ctx.actor.practiceId, ctx.actor.userId ?? "", today(ctx.now()))),

  /** Authorization alerts of the practice (the queue's panel): expiring, running out, infusions outside, renewals due. */
  alerts: permissionProcedure("priorAuth.read")
    .output(z.array(ZWorklistAlert))
    .query(({ ctx }) => worklistAlerts(ctx.db, ctx.actor, ctx.now())),

  /** Who requests can be assigned to (bulk assign). */
  assignees: permissionProcedure("priorAuth.read")
    .output(z.array(ZAssignee))
    .query(({ ctx }) => paAssignees(ctx.db, ctx.actor)),

  /** Signed or active orders to open a request for ("New request"), by patient name or MRN. */
  candidates: permissionProcedure("priorAuth.write")
    .input(ZCandidatesInput)
    .output(z.array(ZRequestCandidate))
    .query(({ ctx, input }) => listRequestCandidates(ctx.db, ctx.actor, input ?? {}, ctx.now())),

  get: phiProcedure("priorAuth.read", { entity: "prior_auth", idKey: "id", patientIdOf: (d: TRequestDetail) => d.patient.id })
    .input(z.object({ id: z.uuid("Not a valid request id.") }))
    .output(ZRequestDetail)
    .query(({ ctx, input }) => getRequestDetail(ctx.db, ctx.actor, input.id, ctx.now())),

  openForOrder: permissionProcedure("priorAuth.write")
    .input(ZOpenInput)
    .output(z.object({ id: z.string().nullable(), requestNumber: z.string().nullable(), created: z.boolean(), reasons: z.array(z.string()) }))
    .mutation(({ ctx, input }) => openRequestForOrder(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("priorAuth.write")
    .input(ZUpdateRequestInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => updateRequest(ctx.db, ctx.actor, input, ctx.now())),

  transition: permissionProcedure("priorAuth.write")
    .input(ZTransitionInput)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => transitionRequest(ctx.db, ctx.actor, input, ctx.now())),

  decide: permissionProcedure("priorAuth.decide")
    .input(ZDecisionInput)
    .output(ZActionResult.extend({ authorizationIds: z.array(z.string()) }))
    .mutation(({ ctx, input }) => decideRequest(ctx.db, ctx.actor, input, ctx.now())),

  assign: permissionProcedure("priorAuth.write")
    .input(ZAssignInput)
    .output(z.array(ZActionResult))
    .mutation(({ ctx, input }) => assignRequests(ctx.db, ctx.actor, input, ctx.now())),

  addAttachment: permissionProcedure("priorAuth.write")
    .input(ZAttachmentInput)
    .output(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string() }))
    .mutation(({ ctx, input }) =>
      addAttachment(ctx.db, ctx.actor, { requestId: input.requestId, fileName: input.fileName, bytes: new Uint8Array(Buffer.from(input.contentBase64, "base64")), description: input.description }, ctx.now()),
    ),

  forOrder: phiProcedure("priorAuth.read", { entity: "order_authorizations", idKey: "orderId", patientIdOf: () => null })
    .input(z.object({ orderId: z.uuid("Not a valid order id.") }))
    .output(ZOrderAuthorizations)
    .query(({ ctx, input }) => orderAuthorizations(ctx.db, ctx.actor, input.orderId, ctx.now())),

  forPatient: phiProcedure("priorAuth.read", { entity: "patient_authorizations", idKey: "patientId", patientIdOf: () => null })
    .input(z.object({ patientId: z.uuid("Not a valid patient id.") }))
    .output(ZPatientAuthorizations)
    .query(({ ctx, input }) => patientAuthorizations(ctx.db, ctx.actor, input.patientId, ctx.now())),

  rules: permissionProcedure("priorAuth.read")
    .output(z.array(ZRule))
    .query(async ({ ctx }) => (await listRules(ctx.db, ctx.actor.practiceId)).map((r) => ({ ...r.rule, payerName: r.payerName }))),

  saveRule: permissionProcedure("payer.manage")
    .input(ZRuleInput)
    .output(ZRule.omit({ payerName: true }))
    .mutation(({ ctx, input }) => saveRule(ctx.db, ctx.actor, input, ctx.now())),
});
