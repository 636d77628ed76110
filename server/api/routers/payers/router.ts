import "server-only";
import { z } from "zod";
import { listPayers, listPayerTemplates } from "@/server/queries/practice-setup";
import { createPayer, getPayer, setPayerActive, updatePayer } from "@/server/services/payers";
import { sendReadinessRecheck } from "@/server/jobs/send";
import { permissionProcedure, router } from "../../trpc";
import { ZPayer, ZPayerCreate, ZPayerId, ZPayerList, ZPayerTemplate, ZPayerUpdate } from "./schemas";

/** Everyone with payer.read sees payers (pickers, claim previews); only admins (payer.manage) change them. */
export const payersRouter = router({
  list: permissionProcedure("payer.read")
    .input(ZPayerList)
    .output(z.array(ZPayer))
    .query(({ ctx, input }) => listPayers(ctx.db, ctx.actor.practiceId, input ?? {})),

  get: permissionProcedure("payer.read")
    .input(ZPayerId)
    .output(ZPayer)
    .query(({ ctx, input }) => getPayer(ctx.db, ctx.actor, input.payerId)),

  templates: permissionProcedure("payer.read")
    .output(z.array(ZPayerTemplate))
    .query(({ ctx }) => listPayerTemplates(ctx.db, ctx.now().toISOString().slice(0, 10))),

  create: permissionProcedure("payer.manage")
    .input(ZPayerCreate)
    .output(ZPayer)
    .mutation(({ ctx, input }) => createPayer(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("payer.manage")
    .input(ZPayerUpdate)
    .output(ZPayer)
    .mutation(({ ctx, input }) => updatePayer(ctx.db, ctx.actor, input, ctx.now(), sendReadinessRecheck)),

  deactivate: permissionProcedure("payer.manage")
    .input(ZPayerId)
    .output(ZPayer)
    .mutation(({ ctx, input }) => setPayerActive(ctx.db, ctx.actor, { payerId: input.payerId, active: false }, ctx.now())),

  reactivate: permissionProcedure("payer.manage")
    .input(ZPayerId)
    .output(ZPayer)
    .mutation(({ ctx, input }) => setPayerActive(ctx.db, ctx.actor, { payerId: input.payerId, active: true }, ctx.now())),
});
