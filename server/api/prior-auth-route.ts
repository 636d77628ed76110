import "server-only";
import { z } from "zod";
import { can } from "@/server/auth/permissions";
import { DomainError } from "@/server/domain/errors";
import { recordPhiRefusal } from "@/server/services/phi-access";
import { routeContext } from "./route-context";
import { HttpError } from "./route-guard";

/**
 * The shared start of the prior-authorization download routes (packet PDF, PAS bundle, attachment):
 * ids that are not UUIDs are "not found", the user must be signed in (401) with a role that reads
 * prior authorizations (403). Another practice's request is refused later by the service as not found.
 */
export async function priorAuthReader(ids: Record<string, string>, requestId: string, notFound: string) {
  const parsed: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids)) {
    const r = z.uuid().safeParse(v);
    if (!r.success) throw new HttpError(404, notFound);
    parsed[k] = r.data;
  }
  const ctx = await routeContext(requestId);
  const actor = ctx.requireActor();
  if (!can(actor.role!, "priorAuth.read")) throw new HttpError(403, "Your role does not allow reading prior authorizations.");
  const now = ctx.now();
  /**
   * Runs the download; a record that is not in the user's practice (or not there at all) is logged
   * as a refused attempt in the PHI access log, like the screens' detail reads, then answered 404.
   */
  async function refusingUnknown<T>(entityType: string, entityId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const notFound = (e instanceof DomainError && e.code === "NOT_FOUND") || (e instanceof HttpError && e.status === 404);
      if (notFound) await recordPhiRefusal(ctx.db, { userId: actor.userId, practiceId: actor.practiceId, requestId }, { entityType, entityId, reason: "not_found" }, now);
      throw e;
    }
  }
  return { ctx, actor, ids: parsed, now, refusingUnknown };
}

/** Headers of every prior-authorization download: a file to save, never cached, never sniffed. */
export function downloadHeaders(contentType: string, disposition: string, extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": contentType, "content-disposition": disposition, "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra };
}
