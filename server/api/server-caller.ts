import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { currentUser } from "@/server/auth/auth";
import { createCaller } from "./root";

/**
 * The tRPC router called directly from server components: same procedures, same permission and
 * practice checks as the HTTP endpoint, no network hop.
 */
export async function serverCaller() {
  const h = await headers();
  const requestId = h.get("x-request-id")?.slice(0, 64) || randomUUID();
  return createCaller({ db: await getDb(), session: await currentUser(), requestId, now: () => new Date() });
}
