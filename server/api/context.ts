import "server-only";
import { getDb } from "@/db/client";
import { currentIdentity } from "@/server/auth/auth";
import { lagTolerantReads } from "./read-your-writes";
import { clientRequestIdOf, requestIdOf } from "./route-guard";
import type { Context } from "./trpc";

/**
 * The request id is the server's own (proxy.ts assigns it, or the caller passes the one it made when no
 * proxy ran); a client's id is kept apart.
 */
export async function createRequestContext(req: Request, ids?: { requestId: string; clientRequestId: string | null }): Promise<Context> {
  const { user, operator } = await currentIdentity();
  return {
    db: await getDb(),
    session: user,
    operator,
    requestId: ids?.requestId ?? requestIdOf(req),
    clientRequestId: ids ? ids.clientRequestId : clientRequestIdOf(req),
    now: () => new Date(),
    readDb: lagTolerantReads(req.headers.get("cookie")),
  };
}
