import "server-only";
import { administrationsRouter } from "./routers/administrations/router";
import { auditRouter } from "./routers/audit/router";
import { authRouter } from "./routers/auth/router";
import { billingRouter } from "./routers/billing/router";
import { locationsRouter } from "./routers/locations/router";
import { ordersRouter } from "./routers/orders/router";
import { patientsRouter } from "./routers/patients/router";
import { payersRouter } from "./routers/payers/router";
import { feeScheduleRouter } from "./routers/fee-schedule/router";
import { practiceRouter } from "./routers/practice/router";
import { referenceDataRouter } from "./routers/reference-data/router";
import { providersRouter } from "./routers/providers/router";
import { usersRouter } from "./routers/users/router";
import { worklistsRouter } from "./routers/worklists/router";
import { episodeRouter } from "./routers/episode/router";
import { claimsRouter } from "./routers/claims/router";
import { denialsRouter } from "./routers/denials/router";
import { remittancesRouter } from "./routers/remittances/router";
import { dashboardsRouter } from "./routers/dashboards/router";
import { priorAuthsRouter } from "./routers/prior-auths/router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  practice: practiceRouter,
  billing: billingRouter,
  referenceData: referenceDataRouter,
  feeSchedule: feeScheduleRouter,
  payers: payersRouter,
  providers: providersRouter,
  locations: locationsRouter,
  patients: patientsRouter,
  orders: ordersRouter,
  administrations: administrationsRouter,
  worklists: worklistsRouter,
  episode: episodeRouter,
  remittances: remittancesRouter,
  denials: denialsRouter,
  claims: claimsRouter,
  dashboards: dashboardsRouter,
  priorAuths: priorAuthsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
