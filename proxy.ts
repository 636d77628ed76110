import { NextResponse, type NextRequest } from "next/server";
import { clientRequestId, mustNotBeStored, securityHeaders } from "@/server/http/security-headers";

/*
 * Runs before every request (Next 16's proxy, formerly middleware):
 * - assigns the server's own request id (x-request-id). A client's x-request-id is never trusted as
 *   ours: it is moved to x-client-request-id, sanitised, for correlation only;
 * - creates the CSP nonce. Next reads it from the request's Content-Security-Policy header and puts it
 *   on its inline scripts; the root layout reads x-nonce for ours. Pages are rendered per request, so
 *   each page gets a fresh nonce;
 * - sets the security headers on every answer and `Cache-Control: no-store` on every API answer.
 */
export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const forwardedProto = request.headers.get("x-forwarded-proto");
  const headers = securityHeaders({
    nonce,
    https: request.nextUrl.protocol === "https:" || forwardedProto === "https",
    development: process.env.NODE_ENV === "development",
  });

  const requestHeaders = new Headers(request.headers);
  const fromClient = clientRequestId(request.headers.get("x-request-id"));
  requestHeaders.delete("x-client-request-id");
  if (fromClient) requestHeaders.set("x-client-request-id", fromClient);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-nonce", nonce);
  // The page asked for, so that a page that sends a signed-out user to sign in can bring them back.
  requestHeaders.set("x-return-to", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  response.headers.set("x-request-id", requestId);
  if (mustNotBeStored(request.nextUrl.pathname)) response.headers.set("cache-control", "no-store");
  return response;
}

export const config = {
  // Everything except Next's fingerprinted static files (no PHI, cached for a year by design) and the
  // tRPC endpoint. The proxy is a second pass through Next's request pipeline: a quarter of the CPU an
  // API call costs (measured on a list page). The tRPC handler does the proxy's work for its own answers
  // (server/api/trpc-http.ts: its own request id, the client's id kept apart, the security headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/trpc).*)"],
};
