import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { unstable_rethrow } from "next/navigation";
import { DomainError } from "@/server/domain/errors";
import { describeForLog, log } from "@/server/log";
import { GENERIC_MESSAGE, toTRPCError } from "./errors";
import { withWriteMark } from "./read-your-writes";

/*
 * Building blocks for Next route handlers (file downloads, uploads of 835/999/277CA/CSV/attachments,
 * the tRPC endpoint itself). Route handlers get none of tRPC's protections for free, so:
 *
 *   export const POST = guardRoute("upload-835", { stateChanging: true, maxBodyBytes: BODY_LIMITS.x12 },
 *     async (req, { requestId }) => { const form = await readFormData(req, BODY_LIMITS.x12); ... });
 *
 * - one PHI-free error path (the request id in the answer, the error's class and SQLSTATE in the log,
 *   never query parameters, rows or messages a database built from user data);
 * - state-changing requests refused unless they come from the app's own pages (Origin, Sec-Fetch-Site);
 * - bodies over a cap refused with 413 before anything parses them.
 */

/** Documented request-size limits, in bytes. */
export const BODY_LIMITS = {
  /** Any tRPC request (JSON). */
  trpc: 1024 * 1024,
  /** tRPC requests that carry a reference-data CSV (the file is limited to 5 MB; JSON escaping adds some). */
  trpcReferenceUpload: 6 * 1024 * 1024,
  /** tRPC: one prior-auth attachment (10 MB file) as base64 (4 characters per 3 bytes) plus its fields. */
  trpcAttachment: Math.ceil((10 * 1024 * 1024) / 3) * 4 + 64 * 1024,
  /** tRPC: a batch of 999/277CA files as base64 (such files are kilobytes; a bigger batch is split). */
  trpcAcknowledgments: 20 * 1024 * 1024,
  /** One X12 file (835, 999, 277CA) uploaded through a route handler. */
  x12: 10 * 1024 * 1024,
  /** One CSV file uploaded through a route handler. */
  csv: 5 * 1024 * 1024,
  /** One attachment (PDF, image) uploaded through a route handler. */
  attachment: 10 * 1024 * 1024,
} as const;

/** An answer a route handler chooses on purpose (400, 404, 409, 413 …); its message is shown as is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const TRPC_STATUS: Partial<Record<TRPCError["code"], number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export function plainResponse(status: number, message: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...extraHeaders },
  });
}

/**
 * The request id of this request: assigned by proxy.ts on every HTTP request (a client's own
 * x-request-id is moved to x-client-request-id there, so it can never be forged into an audit row),
 * or a new one when no proxy ran (server-side callers in tests and scripts).
 */
export function requestIdOf(req: Request | Headers): string {
  const h = req instanceof Headers ? req : req.headers;
  const v = h.get("x-request-id");
  return v && /^[0-9a-f-]{36}$/i.test(v) ? v : randomUUID();
}

/** The client's own request id (sanitised by proxy.ts), for correlation in logs only. */
export function clientRequestIdOf(req: Request | Headers): string | null {
  const h = req instanceof Headers ? req : req.headers;
  return h.get("x-client-request-id");
}

/**
 * The answer to an error thrown while handling a route: refusals (signed out, forbidden, bad input,
 * not found, too large) keep their message; anything else is logged without PHI and answered with a
 * generic 500 carrying the request id.
 */
export function errorResponse(e: unknown, route: string, requestId: string, clientRequestId: string | null = null): Response {
  if (e instanceof HttpError) return plainResponse(e.status, e.message);
  const t = e instanceof DomainError ? toTRPCError(e) : e;
  if (t instanceof TRPCError && TRPC_STATUS[t.code]) return plainResponse(TRPC_STATUS[t.code]!, t.message);
  logRouteFailure(route, requestId, e, clientRequestId);
  return plainResponse(500, `${GENERIC_MESSAGE} (reference ${requestId})`, { "x-request-id": requestId });
}

/** The PHI-free log line of an unexpected route failure (also used for errors while streaming). */
export function logRouteFailure(route: string, requestId: string, e: unknown, clientRequestId: string | null = null): void {
  log.error({ reqId: requestId, clientReqId: clientRequestId ?? undefined, route, err: describeForLog(e) }, "route failed");
}

/** The origins this app is served from (the request's own, the forwarded host, AUTH_URL). */
function ownOrigins(req: Request): Set<string> {
  const out = new Set<string>();
  const url = new URL(req.url);
  out.add(url.origin);
  const fwdHost = req.headers.get("x-forwarded-host");
  const fwdProto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  if (fwdHost) out.add(`${fwdProto}://${fwdHost}`);
  const host = req.headers.get("host");
  if (host) out.add(`${url.protocol}//${host}`);
  const configured = process.env.AUTH_URL;
  if (configured) {
    try {
      out.add(new URL(configured).origin);
    } catch {
      /* a malformed AUTH_URL adds nothing */
    }
  }
  return out;
}

/**
 * Why a state-changing request must be refused because it does not come from the app's own pages,
 * or null when it may proceed. Browsers send Sec-Fetch-Site and Origin on every cross-site POST;
 * a request with neither is not from a browser and carries no victim's cookie by accident.
 */
export function crossSiteReason(req: Request): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  const origin = req.headers.get("origin");
  if (origin !== null && !ownOrigins(req).has(origin)) return `Origin ${origin.slice(0, 100)} is not this application`;
  return null;
}

export function assertSameOrigin(req: Request): void {
  const reason = crossSiteReason(req);
  if (reason) throw new HttpError(403, `Refused: this request does not come from the application's own pages (${reason}).`);
}

/** 413 before reading when the declared length is over the cap. */
export function assertDeclaredSize(req: Request, maxBytes: number): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `The request is larger than the ${formatBytes(maxBytes)} this endpoint accepts.`);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * Reads the body, refusing (413) as soon as it passes `maxBytes`, whether or not a Content-Length was
 * sent (a chunked body is counted as it arrives, never buffered past the cap).
 */
export async function readBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  assertDeclaredSize(req, maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function readText(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBody(req, maxBytes));
}

/** multipart/form-data or urlencoded, capped before parsing. */
export async function readFormData(req: Request, maxBytes: number): Promise<FormData> {
  const body = await readBody(req, maxBytes);
  const type = req.headers.get("content-type") ?? "";
  return new Response(body as BodyInit, { headers: { "content-type": type } }).formData();
}

export interface RouteOptions {
  /**
   * Refuse the request unless it comes from the app's own pages (Origin / Sec-Fetch-Site). Defaults
   * to true for every method except GET, HEAD and OPTIONS.
   */
  stateChanging?: boolean;
  /** Refuse a larger body with 413 before the handler runs (declared length) or while reading it. */
  maxBodyBytes?: number;
}

export interface RouteInfo {
  requestId: string;
}

/**
 * Wraps a route handler with the checks above and the PHI-free error path. `name` appears in the
 * server log (e.g. "export-patients"), never anything from the request.
 */
export function guardRoute<C>(
  name: string,
  opts: RouteOptions,
  handler: (req: Request, ctx: C, info: RouteInfo) => Promise<Response>,
): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    let res: Response;
    try {
      const stateChanging = opts.stateChanging ?? !["GET", "HEAD", "OPTIONS"].includes(req.method);
      if (stateChanging) assertSameOrigin(req);
      if (opts.maxBodyBytes !== undefined) assertDeclaredSize(req, opts.maxBodyBytes);
      res = await handler(req, ctx, { requestId });
      if (stateChanging) res = await withWriteMark(req, res);
    } catch (e) {
      unstable_rethrow(e); // redirect() and notFound() are Next's control flow, not failures
      res = errorResponse(e, name, requestId, clientRequestIdOf(req));
    }
    // The route's name and method, never its URL (a search parameter may be a patient's name).
    const fields = { reqId: requestId, route: name, method: req.method, status: res.status, durationMs: Math.round((performance.now() - started) * 10) / 10 };
    if (res.status >= 500) log.error(fields, "route");
    else if (res.status >= 400) log.warn(fields, "route");
    else log.info(fields, "route");
    return res;
  };
}
