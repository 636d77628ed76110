import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { currentIdentity } from "@/server/auth/auth";
import { lagTolerantReads } from "./read-your-writes";
import { createCaller } from "./root";
import { requestIdOf } from "./route-guard";

/**
 * The tRPC router called directly from server components: same procedures, same permission and
 * practice checks as the HTTP endpoint, no network hop.
 */
export async function serverCaller() {
  const h = await headers();
  const requestId = requestIdOf(h);
  const { user, operator } = await currentIdentity();
  return createCaller({ db: await getDb(), session: user, operator, requestId, now: () => new Date(), readDb: lagTolerantReads(h.get("cookie")) });
}
