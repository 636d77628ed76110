import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { serverCaller } from "@/server/api/server-caller";

/** Calls a remittance procedure from a page; a missing, foreign or malformed id is a 404. */
export async function loadOr404<T>(fn: (caller: Awaited<ReturnType<typeof serverCaller>>) => Promise<T>): Promise<T> {
  try {
    return await fn(await serverCaller());
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}

/** How many claim payments wait in the unmatched/held queue (for the tab badge). */
export async function queuedCount(): Promise<number> {
  return (await (await serverCaller()).remittances.queue({ pageSize: 10 })).total;
}
