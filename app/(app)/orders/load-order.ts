import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { serverCaller } from "@/server/api/server-caller";

/** The order through the same procedure the browser uses; a missing, foreign or malformed id is a 404. */
export async function loadOrder(id: string) {
  try {
    return await (await serverCaller()).orders.get({ orderId: id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}
