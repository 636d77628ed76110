import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "./context";
import { FILE_PROCEDURE_BODY_LIMITS } from "./input-guard";
import { withWriteMark } from "./read-your-writes";
import { appRouter } from "./root";
import { assertSameOrigin, BODY_LIMITS, clientRequestIdOf, errorResponse, HttpError, readBody, requestIdOf } from "./route-guard";

const ENDPOINT = "/api/trpc";


/** The procedure paths a tRPC URL names (`/api/trpc/a.b,c.d?batch=1`). */
export function procedurePaths(url: URL): string[] {
  const rest = url.pathname.startsWith(`${ENDPOINT}/`) ? url.pathname.slice(ENDPOINT.length + 1) : "";
  return decodeURIComponent(rest).split(",").filter(Boolean);
}

/** The body cap for a tRPC request: 1 MB, or the largest limit of the file-carrying procedures it calls. */
export function trpcBodyLimit(url: URL): number {
  return Math.max(BODY_LIMITS.trpc, ...procedurePaths(url).map((p) => FILE_PROCEDURE_BODY_LIMITS[p] ?? 0));
}

/**
 * The tRPC endpoint over HTTP. Before tRPC sees a mutation (POST):
 * - it must come from the app's own pages (Origin / Sec-Fetch-Site), so a same-site or cross-site page
 *   cannot post `auth.signOutEverywhere` or anything else with the user's cookie;
 * - it must be JSON: tRPC would otherwise also parse multipart/form-data and octet streams, which a
 *   plain HTML form can send without a CORS preflight;
 * - its body is capped (413) while it is read, whatever Content-Length says.
 * Every answer is `Cache-Control: no-store`.
 */
export async function handleTrpcRequest(req: Request): Promise<Response> {
  const requestId = requestIdOf(req);
  let forwarded = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    try {
      assertSameOrigin(req);
      const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/json") {
        throw new HttpError(415, "This endpoint accepts JSON only (Content-Type: application/json).");
      }
      const body = await readBody(req, trpcBodyLimit(new URL(req.url)));
      forwarded = new Request(req.url, { method: req.method, headers: req.headers, body: body as BodyInit });
    } catch (e) {
      return errorResponse(e, "trpc", requestId, clientRequestIdOf(req));
    }
  }
  const res = await fetchRequestHandler({
    endpoint: ENDPOINT,
    req: forwarded,
    router: appRouter,
    createContext: () => createRequestContext(forwarded),
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
  });
  // A mutation's answer carries the primary's WAL position, so this browser's reads never go stale.
  return req.method === "GET" || req.method === "HEAD" ? res : withWriteMark(req, res);
}
