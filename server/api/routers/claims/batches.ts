import "server-only";
import { cancelBatch, createBatches, getBatch, listBatches, submitBatch } from "@/server/services/batches";
import { permissionProcedure, router } from "../../trpc";
import { ZBatchCreated, ZBatchDetail, ZBatchId, ZBatchListPage, ZBatchListParams, ZBatchTransition, ZCancelBatch, ZCreateBatches, ZSubmitBatch } from "./schemas";

/** 837 batches: billers and admins create, cancel and submit them (claim.submit); readers see them. */
export const batchesRouter = router({
  list: permissionProcedure("claim.read")
    .input(ZBatchListParams)
    .output(ZBatchListPage)
    .query(({ ctx, input }) => listBatches(ctx.db, ctx.actor, input)),

  get: permissionProcedure("claim.read")
    .input(ZBatchId)
    .output(ZBatchDetail)
    .query(({ ctx, input }) => getBatch(ctx.db, ctx.actor, input.batchId)),

  create: permissionProcedure("claim.submit")
    .input(ZCreateBatches)
    .output(ZBatchCreated)
    .mutation(({ ctx, input }) => createBatches(ctx.db, ctx.actor, input, ctx.now())),

  cancel: permissionProcedure("claim.submit")
    .input(ZCancelBatch)
    .output(ZBatchTransition)
    .mutation(({ ctx, input }) => cancelBatch(ctx.db, ctx.actor, input, ctx.now())),

  submit: permissionProcedure("claim.submit")
    .input(ZSubmitBatch)
    .output(ZBatchTransition)
    .mutation(({ ctx, input }) => submitBatch(ctx.db, ctx.actor, input, ctx.now())),
});
