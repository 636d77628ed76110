import "server-only";
import { z } from "zod";
import { listUsers } from "@/server/queries/users";
import { changeUserRole, createUser, resetUserPassword, setUserActive, unlockUser } from "@/server/services/users";
import { permissionProcedure, router } from "../../trpc";
import { ZChangeRole, ZCreateUser, ZPublicUser, ZSetActive, ZUserId, ZUserListItem } from "./schemas";

export const usersRouter = router({
  list: permissionProcedure("user.read")
    .output(z.array(ZUserListItem))
    .query(({ ctx }) => listUsers(ctx.db, ctx.actor.practiceId)),

  create: permissionProcedure("user.manage")
    .input(ZCreateUser)
    .output(z.object({ user: ZPublicUser, temporaryPassword: z.string() }))
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input, ctx.now())),

  changeRole: permissionProcedure("user.manage")
    .input(ZChangeRole)
    .output(ZPublicUser)
    .mutation(({ ctx, input }) => changeUserRole(ctx.db, ctx.actor, input, ctx.now())),

  setActive: permissionProcedure("user.manage")
    .input(ZSetActive)
    .output(ZPublicUser)
    .mutation(({ ctx, input }) => setUserActive(ctx.db, ctx.actor, input, ctx.now())),

  resetPassword: permissionProcedure("user.manage")
    .input(ZUserId)
    .output(z.object({ temporaryPassword: z.string() }))
    .mutation(({ ctx, input }) => resetUserPassword(ctx.db, ctx.actor, input, ctx.now())),

  /** Lifts a lockout after too many wrong passwords (audited); the password stays as it is. */
  unlock: permissionProcedure("user.manage")
    .input(ZUserId)
    .output(ZPublicUser)
    .mutation(({ ctx, input }) => unlockUser(ctx.db, ctx.actor, input, ctx.now())),
});
