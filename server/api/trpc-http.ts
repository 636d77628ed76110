import "server-only";
import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { apiSecurityHeaders, clientRequestId } from "@/server/http/security-headers";
import { createRequestContext } from "./context";
import { FILE_PROCEDURE_BODY_LIMITS } from "./input-guard";
import { withWriteMark } from "./read-your-writes";
import { appRouter } from "./root";
import { assertSameOrigin, BODY_LIMITS, errorResponse, HttpError, readBody } from "./route-guard";

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
 * proxy.ts does not run for this endpoint (it would cost a second pass through Next's pipeline), so the
 * handler does its part: the request id is always a new one of ours (a client's x-request-id is kept,
 * sanitised, as the client's id for the logs, never as ours), and every answer carries the security
 * headers, `Cache-Control: no-store` and the request id.
 */
export async function handleTrpcRequest(req: Request): Promise<Response> {
  const ids = { requestId: randomUUID(), clientRequestId: clientRequestId(req.headers.get("x-request-id")) };
  const res = await answer(req, ids);
  const https = req.url.startsWith("https:") || req.headers.get("x-forwarded-proto") === "https";
  const extra: Record<string, string> = { ...apiSecurityHeaders(https), "x-request-id": ids.requestId };
  try {
    for (const [k, v] of Object.entries(extra)) res.headers.set(k, v);
    return res;
  } catch {
    // immutable headers (an answer this handler did not build): copy it
    const headers = new Headers(res.headers);
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

async function answer(req: Request, ids: { requestId: string; clientRequestId: string | null }): Promise<Response> {
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
      return errorResponse(e, "trpc", ids.requestId, ids.clientRequestId);
    }
  }
  const res = await fetchRequestHandler({
    endpoint: ENDPOINT,
    req: forwarded,
    router: appRouter,
    createContext: () => createRequestContext(forwarded, ids),
  });
  // A mutation's answer carries the primary's WAL position, so this browser's reads never go stale.
  return req.method === "GET" || req.method === "HEAD" ? res : withWriteMark(req, res);
}
