import "server-only";
import { getPractice, updatePractice } from "@/server/services/practice";
import { permissionProcedure, router } from "../../trpc";
import { ZPractice, ZPracticeUpdate } from "./schemas";

export const practiceRouter = router({
  get: permissionProcedure("practice.read")
    .output(ZPractice)
    .query(({ ctx }) => getPractice(ctx.db, ctx.actor.practiceId)),
  update: permissionProcedure("practice.manage")
    .input(ZPracticeUpdate)
    .output(ZPractice)
    .mutation(({ ctx, input }) => updatePractice(ctx.db, ctx.actor, input, ctx.now())),
});
