import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { Db } from "@/db/client";
import { can, type Permission } from "@/server/auth/permissions";
import { DomainError } from "@/server/domain/errors";
import type { SessionUser } from "@/server/services/auth";
import type { OperatorSession, PlatformActor } from "@/server/services/operators";
import type { Actor } from "@/server/services/context";
import { describeForLog, log, markLogged } from "@/server/log";
import { formatError, toTRPCError } from "./errors";
import { rawInputProblem } from "./input-guard";
import { serverTransformer } from "./transformer";
import { LAG_TOLERANT_QUERIES } from "./lag-tolerant";

export interface Context {
  db: Db;
  session: SessionUser | null;
  /** A platform operator's session (operators belong to no practice; `session` is then null). */
  operator?: OperatorSession | null;
  /** The server's own id for this request (proxy.ts), in audit rows, logs and error messages. */
  requestId: string;
  /** The client's own x-request-id, sanitised; logged next to ours for correlation, never trusted as ours. */
  clientRequestId?: string | null;
  /** Injected so tests can move time; production passes () => new Date(). */
  now: () => Date;
  /**
   * The database for lag-tolerant reads (LAG_TOLERANT_QUERIES): the read replica when the request may
   * use it (./read-your-writes.ts), else the primary. Absent (tests, scripts): `db` answers everything.
   */
  readDb?: () => Promise<Db>;
}

const t = initTRPC.context<Context>().create({
  transformer: serverTransformer,
  errorFormatter({ shape, error, ctx }) {
    const f = formatError(error, ctx?.requestId ?? null, ctx?.clientRequestId ?? null);
    return { ...shape, message: f.message, data: { ...shape.data, ...f.data, stack: undefined } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure passes through here: domain errors become typed tRPC errors in one place, and every
 * string of the raw input meets the shared text rules before any schema or procedure sees it.
 */
const base = t.procedure
  .use(async ({ ctx, path, type, next }) => {
    const started = performance.now();
    const result = await next();
    if (result.ok) {
      logProcedure(ctx, path, type, performance.now() - started, null);
      return result;
    }
    const cause = result.error.cause;
    const error = cause instanceof DomainError ? toTRPCError(cause) : result.error;
    logProcedure(ctx, path, type, performance.now() - started, error);
    if (error !== result.error) throw error;
    return result;
  })
  .use(async ({ path, getRawInput, next }) => {
    const problem = rawInputProblem(await getRawInput(), path);
    if (problem) throw new DomainError("VALIDATION", problem.message, { field: problem.field });
    return next();
  })
  .use(async ({ ctx, path, type, next }) => {
    // Lists and dashboards may read from the replica; everything else (and every write) uses the primary.
    if (type === "query" && ctx.readDb && LAG_TOLERANT_QUERIES.has(path)) return next({ ctx: { db: await ctx.readDb() } });
    return next();
  });

/**
 * The request line of one procedure call: who (user, practice or operator), what (the procedure's
 * path, never its input), how long and how it ended. Refusals (bad input, conflicts, forbidden) are
 * `warn`, failures `error` with their cause (described by `describeForLog`: no values).
 */
function logProcedure(ctx: Context, route: string, kind: string, ms: number, error: TRPCError | null): void {
  const fields = {
    reqId: ctx.requestId,
    userId: ctx.session?.userId,
    practiceId: ctx.session?.practiceId,
    operatorId: ctx.operator?.operatorId,
    route,
    kind,
    durationMs: Math.round(ms * 10) / 10,
    outcome: error ? error.code : "OK",
  };
  if (!error) log.info(fields, "procedure");
  else if (error.code === "INTERNAL_SERVER_ERROR") {
    // The cause, PHI-free, on the same line; the error formatter (HTTP) then does not repeat it.
    log.error({ ...fields, err: describeForLog(error.cause ?? error) }, "procedure");
    markLogged(error);
  } else log.warn(fields, "procedure");
}

export const publicProcedure = base;

/** Signed in, with a live session. */
const signedIn = base.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Signed in but still on a temporary password: only the password change is allowed. */
export const passwordChangeProcedure = signedIn;

export const protectedProcedure = signedIn.use(({ ctx, next }) => {
  if (ctx.session.mustChangePassword) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Change your temporary password before continuing.",
      cause: new DomainError("PASSWORD_CHANGE_REQUIRED", "Change your temporary password before continuing."),
    });
  }
  return next();
});

/** Adds the acting user and their practice; every practice-data query filters by actor.practiceId. */
export const practiceProcedure = protectedProcedure.use(({ ctx, next }) => {
  const actor: Actor & { userId: string } = {
    userId: ctx.session.userId,
    practiceId: ctx.session.practiceId,
    role: ctx.session.role,
    requestId: ctx.requestId,
  };
  return next({ ctx: { ...ctx, actor } });
});

export function permissionProcedure(permission: Permission) {
  return practiceProcedure.use(({ ctx, next }) => {
    if (!can(ctx.session.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow this (${permission}).` });
    }
    return next();
  });
}

/** Platform operators only (shared reference data): practice users, even administrators, are refused. */
export const operatorProcedure = base.use(({ ctx, next }) => {
  if (ctx.operator) {
    const platformActor: PlatformActor = { operatorId: ctx.operator.operatorId, requestId: ctx.requestId };
    return next({ ctx: { ...ctx, operator: ctx.operator, platformActor } });
  }
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  throw new TRPCError({
    code: "FORBIDDEN",
    message: "Only the platform operator loads new versions of the shared reference data; practices view, download and compare them.",
  });
});

/**
 * Platform data (reference tables, the platform audit trail) read by a practice user whose role has
 * `permission`, or by a platform operator.
 */
export function platformReadProcedure(permission: Permission) {
  return base.use(({ ctx, next }) => {
    if (ctx.operator) return next();
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
    if (ctx.session.mustChangePassword) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Change your temporary password before continuing.", cause: new DomainError("PASSWORD_CHANGE_REQUIRED", "Change your temporary password before continuing.") });
    }
    if (!can(ctx.session.role, permission)) throw new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow this (${permission}).` });
    return next();
  });
}
