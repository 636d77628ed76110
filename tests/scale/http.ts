/**
 * A browser for the scale tests: one cookie jar (session, write mark), any of the set-up's URLs (the
 * load balancer or one app process directly), tRPC as the pages call it, and which process answered
 * (HAProxy's `x-served-by`).
 */
export interface Answer<T> {
  status: number;
  data?: T;
  error?: string;
  servedBy: string | null;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private absorb(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.absorb(res);
    return res;
  }

  /** Auth.js credentials sign-in, as the sign-in page does it. */
  async signIn(base: string, email: string, password: string): Promise<void> {
    const csrf = await this.fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await this.fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/worklists` }).toString(),
    });
    await res.arrayBuffer();
    if (![...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"))) throw new Error(`sign-in as ${email} through ${base} refused (HTTP ${res.status})`);
  }

  async signOut(base: string): Promise<number> {
    const csrf = await this.fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await this.fetch(`${base}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/sign-in` }).toString(),
    });
    await res.arrayBuffer();
    return res.status;
  }

  private async trpc<T>(res: Response): Promise<Answer<T>> {
    const text = await res.text();
    const servedBy = res.headers.get("x-served-by");
    try {
      const env = (JSON.parse(text) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } }[])[0];
      if (env?.error || !res.ok) return { status: res.status, error: env?.error?.json?.message ?? text.slice(0, 300), servedBy };
      return { status: res.status, data: env?.result?.data?.json, servedBy };
    } catch {
      return { status: res.status, error: text.slice(0, 300), servedBy };
    }
  }

  async query<T>(base: string, procedure: string, input?: unknown): Promise<Answer<T>> {
    const q = input === undefined ? "" : `&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`;
    return this.trpc<T>(await this.fetch(`${base}/api/trpc/${procedure}?batch=1${q}`));
  }

  async mutate<T>(base: string, procedure: string, input: unknown): Promise<Answer<T>> {
    const res = await this.fetch(`${base}/api/trpc/${procedure}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ 0: { json: input } }),
    });
    return this.trpc<T>(res);
  }

  async upload835<T>(base: string, name: string, text: string): Promise<Answer<T>> {
    const form = new FormData();
    form.set("file", new File([text], name, { type: "application/edi-x12" }));
    const res = await this.fetch(`${base}/api/remittances/upload`, { method: "POST", headers: { origin: base }, body: form });
    const body = await res.text();
    const servedBy = res.headers.get("x-served-by");
    try {
      return res.ok ? { status: res.status, data: JSON.parse(body) as T, servedBy } : { status: res.status, error: body.slice(0, 300), servedBy };
    } catch {
      return { status: res.status, error: body.slice(0, 300), servedBy };
    }
  }
}
