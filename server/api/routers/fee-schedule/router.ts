import "server-only";
import { z } from "zod";
import { listFeeSchedule, setFee } from "@/server/services/fee-schedule";
import { sendReadinessRecheck } from "@/server/jobs/send";
import { permissionProcedure, router } from "../../trpc";
import { ZFeeRow, ZSetFee } from "./schemas";

/** The practice's charges per billing unit, by code, with effective dates. */
export const feeScheduleRouter = router({
  list: permissionProcedure("practice.read")
    .output(z.array(ZFeeRow))
    .query(({ ctx }) => listFeeSchedule(ctx.db, ctx.actor.practiceId)),
  set: permissionProcedure("practice.manage")
    .input(ZSetFee)
    .output(ZFeeRow)
    .mutation(({ ctx, input }) =>
      setFee(ctx.db, ctx.actor, { code: input.code, unitPriceCents: Math.round(input.unitPrice * 100), effectiveFrom: input.effectiveFrom }, ctx.now(), sendReadinessRecheck),
    ),
});
