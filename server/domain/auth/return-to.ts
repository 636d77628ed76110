/**
 * Where to send a user after signing in: the page they had asked for (a deep link opened while signed
 * out, or the page they were on when an idle time-out ended their session).
 *
 * Only a path on this site is accepted, never another origin: "/claims/1?x=2" passes, while
 * "//evil.example", "/\\evil.example", "https://…", control characters and the sign-in, password-change
 * and API paths (which would loop or answer JSON) fall back to the dashboard.
 */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

const NOT_A_DESTINATION = /^\/(sign-in|change-password|api)(\/|\?|$)/;

export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 1000) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw, "http://x.invalid");
  } catch {
    return null;
  }
  if (parsed.origin !== "http://x.invalid") return null;
  parsed.searchParams.delete("_rsc"); // Next's client-navigation marker, not part of the page's address
  const path = parsed.pathname + parsed.search;
  if (NOT_A_DESTINATION.test(path)) return null;
  return path;
}

/** The sign-in address that returns to `path` afterwards (plain sign-in when there is nothing to return to). */
export function signInPath(path: string | null | undefined, reason?: "expired"): string {
  const params = new URLSearchParams();
  if (reason) params.set("reason", reason);
  const next = safeReturnPath(path);
  if (next && next !== DEFAULT_AFTER_SIGN_IN) params.set("next", next);
  const q = params.toString();
  return q ? `/sign-in?${q}` : "/sign-in";
}
