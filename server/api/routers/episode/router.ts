import "server-only";
import { episodeOf } from "@/server/services/worklists";
import { permissionProcedure, router } from "../../trpc";
import { ZEpisode, ZEpisodeInput } from "./schemas";

/** One administration's whole life as a timeline. */
export const episodeRouter = router({
  get: permissionProcedure("administration.read")
    .input(ZEpisodeInput)
    .output(ZEpisode)
    .query(({ ctx, input }) => episodeOf(ctx.db, ctx.actor, input.administrationId, ctx.now())),
});
