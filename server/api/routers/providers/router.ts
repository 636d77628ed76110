import "server-only";
import { z } from "zod";
import { listProviders } from "@/server/queries/practice-setup";
import { createProvider, getProvider, setProviderActive, updateProvider } from "@/server/services/providers";
import { permissionProcedure, router } from "../../trpc";
import { ZProvider, ZProviderCreate, ZProviderId, ZProviderList, ZProviderUpdate } from "./schemas";

/** Providers are practice set-up: everyone reads (practice.read), admins manage (practice.manage). */
export const providersRouter = router({
  list: permissionProcedure("practice.read")
    .input(ZProviderList)
    .output(z.array(ZProvider))
    .query(({ ctx, input }) => listProviders(ctx.db, ctx.actor.practiceId, input ?? {})),

  get: permissionProcedure("practice.read")
    .input(ZProviderId)
    .output(ZProvider)
    .query(({ ctx, input }) => getProvider(ctx.db, ctx.actor, input.providerId)),

  create: permissionProcedure("practice.manage")
    .input(ZProviderCreate)
    .output(ZProvider)
    .mutation(({ ctx, input }) => createProvider(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("practice.manage")
    .input(ZProviderUpdate)
    .output(ZProvider)
    .mutation(({ ctx, input }) => updateProvider(ctx.db, ctx.actor, input, ctx.now())),

  deactivate: permissionProcedure("practice.manage")
    .input(ZProviderId)
    .output(ZProvider)
    .mutation(({ ctx, input }) => setProviderActive(ctx.db, ctx.actor, { providerId: input.providerId, active: false }, ctx.now())),

  reactivate: permissionProcedure("practice.manage")
    .input(ZProviderId)
    .output(ZProvider)
    .mutation(({ ctx, input }) => setProviderActive(ctx.db, ctx.actor, { providerId: input.providerId, active: true }, ctx.now())),
});
