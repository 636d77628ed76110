import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { serverCaller } from "@/server/api/server-caller";

/** The claim page's data through the same procedure the browser calls; a missing, foreign or malformed id is a 404. */
export async function loadClaimOr404(claimId: string) {
  try {
    return await (await serverCaller()).claims.get({ claimId });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}
