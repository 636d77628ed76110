import "server-only";
import { z } from "zod";
import { listLocations } from "@/server/queries/practice-setup";
import { createLocation, getLocation, setLocationActive, updateLocation } from "@/server/services/locations";
import { sendReadinessRecheck } from "@/server/jobs/send";
import { permissionProcedure, router } from "../../trpc";
import { ZLocation, ZLocationCreate, ZLocationId, ZLocationList, ZLocationUpdate } from "./schemas";

/** Locations are practice set-up: everyone reads (practice.read), admins manage (practice.manage). */
export const locationsRouter = router({
  list: permissionProcedure("practice.read")
    .input(ZLocationList)
    .output(z.array(ZLocation))
    .query(({ ctx, input }) => listLocations(ctx.db, ctx.actor.practiceId, input ?? {})),

  get: permissionProcedure("practice.read")
    .input(ZLocationId)
    .output(ZLocation)
    .query(({ ctx, input }) => getLocation(ctx.db, ctx.actor, input.locationId)),

  create: permissionProcedure("practice.manage")
    .input(ZLocationCreate)
    .output(ZLocation)
    .mutation(({ ctx, input }) => createLocation(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("practice.manage")
    .input(ZLocationUpdate)
    .output(ZLocation)
    .mutation(({ ctx, input }) => updateLocation(ctx.db, ctx.actor, input, ctx.now(), sendReadinessRecheck)),

  deactivate: permissionProcedure("practice.manage")
    .input(ZLocationId)
    .output(ZLocation)
    .mutation(({ ctx, input }) => setLocationActive(ctx.db, ctx.actor, { locationId: input.locationId, active: false }, ctx.now())),

  reactivate: permissionProcedure("practice.manage")
    .input(ZLocationId)
    .output(ZLocation)
    .mutation(({ ctx, input }) => setLocationActive(ctx.db, ctx.actor, { locationId: input.locationId, active: true }, ctx.now())),
});
