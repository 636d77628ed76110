import "server-only";
import { z } from "zod";
import { authSettings } from "@/server/auth/config";
import { navFor, permissionsOf } from "@/server/auth/permissions";
import { ROLES } from "@/server/domain/auth/roles";
import { changeOwnPassword, signOutEverywhere } from "@/server/services/auth";
import { passwordChangeProcedure, protectedProcedure, router } from "../../trpc";
import { ZChangePassword } from "./schemas";

export const authRouter = router({
  me: passwordChangeProcedure
    .output(
      z.object({
        userId: z.string(),
        practiceId: z.string(),
        email: z.string(),
        name: z.string(),
        role: z.enum(ROLES),
        mustChangePassword: z.boolean(),
        permissions: z.array(z.string()),
        nav: z.array(z.object({ href: z.string(), label: z.string() })),
        idleMinutes: z.number(),
      }),
    )
    .query(({ ctx }) => ({
      userId: ctx.session.userId,
      practiceId: ctx.session.practiceId,
      email: ctx.session.email,
      name: ctx.session.name,
      role: ctx.session.role,
      mustChangePassword: ctx.session.mustChangePassword,
      permissions: permissionsOf(ctx.session.role),
      nav: navFor(ctx.session.role).map(({ href, label }) => ({ href, label })),
      idleMinutes: authSettings().idleMinutes,
    })),

  changePassword: passwordChangeProcedure
    .input(ZChangePassword)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(
        ctx.db,
        { userId: ctx.session.userId, practiceId: ctx.session.practiceId, role: ctx.session.role, requestId: ctx.requestId },
        { ...input, sessionId: ctx.session.sessionId },
        ctx.now(),
        authSettings(),
      );
      return { ok: true as const };
    }),

  signOutEverywhere: protectedProcedure.output(z.object({ ended: z.number() })).mutation(({ ctx }) =>
    signOutEverywhere(
      ctx.db,
      { userId: ctx.session.userId, practiceId: ctx.session.practiceId, role: ctx.session.role, requestId: ctx.requestId },
      ctx.now(),
    ),
  ),
});
