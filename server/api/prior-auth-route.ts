import "server-only";
import { z } from "zod";
import { can } from "@/server/auth/permissions";
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
  return { ctx, actor, ids: parsed, now: ctx.now() };
}

/** Headers of every prior-authorization download: a file to save, never cached, never sniffed. */
export function downloadHeaders(contentType: string, disposition: string, extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": contentType, "content-disposition": disposition, "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra };
}
