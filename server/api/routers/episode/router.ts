import "server-only";
import { episodeOf } from "@/server/services/worklists";
import { phiProcedure } from "../../phi";
import { router } from "../../trpc";
import { ZEpisode, ZEpisodeInput } from "./schemas";

/** One administration's whole life as a timeline. */
export const episodeRouter = router({
  get: phiProcedure("administration.read", { entity: "episode", idKey: "administrationId", patientIdOf: (d: { patient: { id: string } }) => d.patient.id })
    .input(ZEpisodeInput)
    .output(ZEpisode)
    .query(({ ctx, input }) => episodeOf(ctx.db, ctx.actor, input.administrationId, ctx.now())),
});
