import "server-only";
import { z } from "zod";
import {
  completeOrder,
  createOrder,
  discontinueOrder,
  getOrderDetail,
  listOrderPage,
  orderReference,
  recordWeightDoseOverride,
  rescheduleAdministration,
  runOrderChecks,
  signOrder,
  updateOrder,
} from "@/server/services/orders";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import {
  ZAdministrationRow,
  ZCheckOrder,
  ZCheckResult,
  ZCreateOrder,
  ZDiscontinueOrder,
  ZOrder,
  ZOrderDetail,
  ZOrderId,
  ZOrderListParams,
  ZOrderPage,
  ZOrderReference,
  ZRescheduleAdministration,
  ZSignOrder,
  ZUpdateOrder,
  ZWeightDoseOverride,
} from "./schemas";

/** Durvalumab orders: billers and admins write (order.write); PA coordinators and managers read. */
export const ordersRouter = router({
  list: permissionProcedure("order.read")
    .input(ZOrderListParams)
    .output(ZOrderPage)
    .query(({ ctx, input }) => listOrderPage(ctx.db, ctx.actor, input)),

  get: phiProcedure("order.read", { entity: "order", idKey: "orderId", patientIdOf: (d: { patient: { id: string } }) => d.patient.id })
    .input(ZOrderId)
    .output(ZOrderDetail)
    .query(({ ctx, input }) => getOrderDetail(ctx.db, ctx.actor, input.orderId, ctx.now())),

  /** Indications (label names, regimens, limits), billable ICD-10-CM codes, providers and locations for the form. */
  reference: permissionProcedure("order.read")
    .output(ZOrderReference)
    .query(({ ctx }) => orderReference(ctx.db, ctx.actor, ctx.now())),

  /** The inline checks of the order form (30 kg rule, label duration, withdrawn indication, diagnoses). */
  check: permissionProcedure("order.read")
    .input(ZCheckOrder)
    .output(ZCheckResult)
    .query(({ ctx, input }) => runOrderChecks(ctx.db, input, ctx.now())),

  create: permissionProcedure("order.write")
    .input(ZCreateOrder)
    .output(ZOrder)
    .mutation(({ ctx, input }) => createOrder(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("order.write")
    .input(ZUpdateOrder)
    .output(ZOrder)
    .mutation(({ ctx, input }) => updateOrder(ctx.db, ctx.actor, input, ctx.now())),

  sign: permissionProcedure("order.write")
    .input(ZSignOrder)
    .output(ZOrder)
    .mutation(({ ctx, input }) => signOrder(ctx.db, ctx.actor, input, ctx.now())),

  complete: permissionProcedure("order.write")
    .input(ZOrderId)
    .output(ZOrder)
    .mutation(({ ctx, input }) => completeOrder(ctx.db, ctx.actor, input, ctx.now())),

  discontinue: permissionProcedure("order.write")
    .input(ZDiscontinueOrder)
    .output(ZOrder)
    .mutation(({ ctx, input }) => discontinueOrder(ctx.db, ctx.actor, input, ctx.now())),

  /** The clinician's documented reason for a fixed dose under 30 kg: the R-WEIGHT error becomes a warning (audited). */
  recordWeightDoseOverride: permissionProcedure("order.doseOverride")
    .input(ZWeightDoseOverride)
    .output(ZOrder)
    .mutation(({ ctx, input }) => recordWeightDoseOverride(ctx.db, ctx.actor, input, ctx.now())),

  reschedule: permissionProcedure("order.write")
    .input(ZRescheduleAdministration)
    .output(ZAdministrationRow.extend({ orderId: z.string() }))
    .mutation(({ ctx, input }) => rescheduleAdministration(ctx.db, ctx.actor, input, ctx.now())),
});
