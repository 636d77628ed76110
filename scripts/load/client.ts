import { trpcGetPath } from "./stats";

/**
 * The app over HTTP, as its pages use it: Auth.js's credentials sign-in (the sign-in page's
 * server action calls the same provider), tRPC GET queries and POST mutations in httpBatchLink's
 * wire format with superjson (plain JSON values need no superjson meta), the 835 upload route.
 */

export interface Answer<T = unknown> {
  status: number;
  ms: number;
  data?: T;
  error?: string;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in; returns the Cookie header of the session (throws when refused). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<{ cookie: string; status: number; ms: number }> {
  const t = performance.now();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrf.ok) return { cookie: "", status: csrf.status, ms: performance.now() - t };
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: baseUrl },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/worklists` }).toString(),
  });
  await res.arrayBuffer();
  const session = cookiesOf(res).find((c) => c.startsWith("authjs.session-token="));
  const ms = performance.now() - t;
  if (!session) {
    if (res.status >= 500) return { cookie: "", status: res.status, ms };
    throw new Error(`sign-in as ${email} refused (HTTP ${res.status}, ${res.headers.get("location") ?? "no redirect"})`);
  }
  return { cookie: session, status: res.status, ms };
}

interface TrpcEnvelope {
  result?: { data?: { json?: unknown } };
  error?: { json?: { message?: string } };
}

async function readTrpc<T>(res: Response, t: number): Promise<Answer<T>> {
  const text = await res.text();
  const ms = performance.now() - t;
  let env: TrpcEnvelope | undefined;
  try {
    env = (JSON.parse(text) as TrpcEnvelope[])[0];
  } catch {
    return { status: res.status, ms, error: text.slice(0, 200) };
  }
  if (env?.error || !res.ok) return { status: res.status, ms, error: env?.error?.json?.message ?? text.slice(0, 200) };
  return { status: res.status, ms, data: env?.result?.data?.json as T };
}

export async function trpcQuery<T>(baseUrl: string, cookie: string, procedure: string, input: unknown): Promise<Answer<T>> {
  const t = performance.now();
  const res = await fetch(baseUrl + trpcGetPath(procedure, input), { headers: { cookie } });
  return readTrpc<T>(res, t);
}

export async function trpcMutation<T>(baseUrl: string, cookie: string, procedure: string, input: unknown): Promise<Answer<T>> {
  const t = performance.now();
  const res = await fetch(`${baseUrl}/api/trpc/${procedure}?batch=1`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ 0: { json: input } }),
  });
  return readTrpc<T>(res, t);
}

/** POST /api/remittances/upload (multipart "file"), as the remittances page does. */
export async function upload835<T>(baseUrl: string, cookie: string, name: string, text: string): Promise<Answer<T>> {
  const t = performance.now();
  const form = new FormData();
  form.set("file", new File([text], name, { type: "application/edi-x12" }));
  const res = await fetch(`${baseUrl}/api/remittances/upload`, { method: "POST", headers: { cookie, origin: baseUrl }, body: form });
  const body = await res.text();
  const ms = performance.now() - t;
  try {
    const json = JSON.parse(body) as T & { message?: string; error?: string };
    return res.ok ? { status: res.status, ms, data: json } : { status: res.status, ms, error: json.message ?? json.error ?? body.slice(0, 200) };
  } catch {
    return { status: res.status, ms, error: body.slice(0, 200) };
  }
}
