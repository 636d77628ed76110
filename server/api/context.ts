import "server-only";
import { getDb } from "@/db/client";
import { currentIdentity } from "@/server/auth/auth";
import { requestIdOf } from "./route-guard";
import type { Context } from "./trpc";

/** The request id is the server's own (proxy.ts replaces whatever a client sent). */
export async function createRequestContext(req: Request): Promise<Context> {
  const { user, operator } = await currentIdentity();
  return { db: await getDb(), session: user, operator, requestId: requestIdOf(req), now: () => new Date() };
}
