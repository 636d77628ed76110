import "server-only";
import { TRPCError } from "@trpc/server";
import { getDb } from "@/db/client";
import { currentIdentity } from "@/server/auth/auth";
import { recordExport } from "@/server/services/exports";
import { recordPhiAccess, type PhiAccess } from "@/server/services/phi-access";
import type { Actor } from "@/server/services/context";
import { lagTolerantReads, requestCookieHeader } from "./read-your-writes";
import { createCaller } from "./root";

/**
 * What a route handler needs: the signed-in user (checked against the session table), the tRPC
 * caller with the same permission and practice checks as the screens, and the server-side request id.
 */
export async function routeContext(requestId: string) {
  const db = await getDb();
  const { user: session, operator } = await currentIdentity();
  const now = () => new Date();
  // Exports page through the list procedures: they read from the replica when one is set.
  const caller = createCaller({ db, session, operator, requestId, now, readDb: lagTolerantReads(await requestCookieHeader()) });
  const actor: (Actor & { userId: string }) | null = session
    ? { userId: session.userId, practiceId: session.practiceId, role: session.role, requestId }
    : null;
  return {
    db,
    session,
    caller,
    requestId,
    now,
    /** The signed-in practice user, or a 401 for the route to answer. */
    requireActor(): Actor & { userId: string } {
      if (!actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
      return actor;
    },
  };
}
export type RouteContext = Awaited<ReturnType<typeof routeContext>>;

/**
 * The audit row of a download, written by the export itself on the server (what, which filters, how
 * many rows; never taken from the client), plus one access-log row per patient the file holds.
 */
export async function auditExport(
  ctx: RouteContext,
  input: { kind: string; filters: Record<string, string | number | boolean | null>; rows: number },
): Promise<{ exportId: string }> {
  return recordExport(ctx.db, ctx.requireActor(), input);
}

/** Records that the rows of an export page (their patients) left the system in a file. */
export async function recordExportAccess(ctx: RouteContext, kind: string, exportId: string, patientIds: readonly string[]): Promise<void> {
  const actor = ctx.requireActor();
  const entries: PhiAccess[] = patientIds.map((patientId) => ({ patientId, entityType: `export:${kind}`, entityId: exportId }));
  await recordPhiAccess(ctx.db, { userId: actor.userId, practiceId: actor.practiceId, requestId: ctx.requestId }, entries, ctx.now(), "export");
}
