import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { currentUser } from "@/server/auth/auth";
import type { Context } from "./trpc";

export async function createRequestContext(req: Request): Promise<Context> {
  const requestId = req.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
  return { db: await getDb(), session: await currentUser(), requestId, now: () => new Date() };
}
