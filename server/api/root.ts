import "server-only";
import { auditRouter } from "./routers/audit/router";
import { authRouter } from "./routers/auth/router";
import { billingRouter } from "./routers/billing/router";
import { practiceRouter } from "./routers/practice/router";
import { usersRouter } from "./routers/users/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  practice: practiceRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
