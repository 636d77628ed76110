/*
 * The security headers every answer carries, and the request id the server assigns. Pure (no Next,
 * no Node-only modules) so proxy.ts can use it and unit tests can read it.
 */

export interface HeaderContext {
  /** The per-request CSP nonce (base64). Next puts it on its own inline scripts; our ThemeScript reads it. */
  nonce: string;
  /** Served over HTTPS (directly or behind a proxy that says so): adds Strict-Transport-Security. */
  https: boolean;
  /** `next dev` needs eval for fast refresh; production never allows it. */
  development: boolean;
}

/**
 * Content-Security-Policy. Scripts run only from this origin or with this request's nonce
 * ('strict-dynamic' lets Next's nonce'd loader add its chunks); no plugins, no <base> hijack, forms
 * post only here, and no page can be framed (frame-ancestors 'none'). Styles allow inline attributes
 * because Radix positions popovers with style attributes; style injection cannot run script.
 */
export function contentSecurityPolicy({ nonce, development }: Pick<HeaderContext, "nonce" | "development">): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

/** Headers for every response, pages and API alike. */
export function securityHeaders(ctx: HeaderContext): Record<string, string> {
  const h: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(ctx),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    // URLs carry patient and claim ids: never send them to another origin.
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
  };
  if (ctx.https) h["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return h;
}

/** What an API answer's Content-Security-Policy allows: nothing (JSON is never rendered as a page). */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const apiHeaderSets = new Map<boolean, Readonly<Record<string, string>>>();

/**
 * The headers of an API answer that proxy.ts does not see (the tRPC endpoint): the same security
 * headers as a page with a CSP that allows nothing, and `Cache-Control: no-store`. Built once per scheme.
 */
export function apiSecurityHeaders(https: boolean): Readonly<Record<string, string>> {
  let h = apiHeaderSets.get(https);
  if (!h) {
    h = Object.freeze({
      ...securityHeaders({ nonce: "", https, development: false }),
      "content-security-policy": API_CONTENT_SECURITY_POLICY,
      "cache-control": "no-store",
    });
    apiHeaderSets.set(https, h);
  }
  return h;
}

/**
 * Paths whose answers must never be stored by a browser or a shared cache: every API answer (tRPC,
 * exports, documents, uploads, Auth.js). Pages are rendered per request and Next already marks them
 * `no-store`.
 */
export function mustNotBeStored(pathname: string): boolean {
  return pathname.startsWith("/api/");
}

/**
 * A client's own x-request-id, kept only as a labelled extra (x-client-request-id) after this
 * sanitising: printable token characters, at most 64. Never used as the server's request id.
 */
export function clientRequestId(raw: string | null): string | null {
  if (!raw) return null;
  const v = raw.trim().slice(0, 64);
  return /^[A-Za-z0-9._:-]+$/.test(v) ? v : null;
}
