import { request as playwrightRequest, type BrowserContext, type Page } from "@playwright/test";
import { e2eBaseURL, expect, test, login } from "./fixtures";

/*
 * Issue 7: what an attacker with a copy of a cookie, a same-site page or a framing page can do.
 */

type Cookie = Awaited<ReturnType<BrowserContext["cookies"]>>[number];

/** Replays saved cookies from a fresh client (no browser state) and asks for the caller's identity. */
async function replayMe(baseURL: string, cookies: Cookie[]) {
  const api = await playwrightRequest.newContext({ baseURL, storageState: { cookies, origins: [] } });
  try {
    const res = await api.get("/api/trpc/auth.me");
    const page = await api.get("/patients", { maxRedirects: 0 });
    return { trpcStatus: res.status(), pageStatus: page.status(), pageLocation: page.headers()["location"] ?? "" };
  } finally {
    await api.dispose();
  }
}

async function signedInCookies(page: Page) {
  await login(page, "biller");
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("authjs.session-token"))).toBe(true);
  // While signed in, the saved copy works (so the checks below can fail).
  const before = await replayMe(e2eBaseURL(), cookies);
  expect(before.trpcStatus).toBe(200);
  expect(before.pageStatus).toBe(200);
  return cookies;
}

async function expectDead(cookies: Cookie[]) {
  const after = await replayMe(e2eBaseURL(), cookies);
  expect(after.trpcStatus).toBe(401);
  expect(after.pageStatus).toBe(307);
  expect(after.pageLocation).toContain("/sign-in");
}

test.describe("every way out ends the server-side session; a saved cookie is worthless afterwards", () => {
  test("the menu's Sign out", async ({ page }) => {
    const cookies = await signedInCookies(page);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expectDead(cookies);
  });

  test("the menu's Sign out everywhere", async ({ page }) => {
    const cookies = await signedInCookies(page);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expectDead(cookies);
  });

  test("Auth.js's own POST /api/auth/signout", async ({ page }) => {
    const cookies = await signedInCookies(page);
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await page.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
    expect([200, 302, 303]).toContain(res.status());
    await expectDead(cookies);
  });
});

test("page JavaScript never sees the session id", async ({ page }) => {
  await login(page, "manager");
  const body = await page.evaluate(async () => (await fetch("/api/auth/session")).text());
  expect(body).not.toMatch(/sid/i);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("pages, tRPC and exports carry the security headers; pages run under a nonce CSP without violations and cannot be framed", async ({ page, baseURL }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const signInPage = await page.goto("/sign-in");
  const csp = signInPage!.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(signInPage!.headers()).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });
  expect(signInPage!.headers()["permissions-policy"]).toContain("camera=()");

  // A fresh nonce per page, and the app still hydrates (the menu opens) and renders PHI pages.
  await login(page, "manager");
  await page.goto("/patients");
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitem", { name: "Sign out", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  expect(violations).toEqual([]);

  const trpc = await page.request.get("/api/trpc/auth.me", { headers: { "x-request-id": "11111111-2222-3333-4444-555555555555" } });
  expect(trpc.headers()["cache-control"]).toBe("no-store");
  expect(trpc.headers()["x-content-type-options"]).toBe("nosniff");
  // The server's own request id, never the client's.
  expect(trpc.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(trpc.headers()["x-request-id"]).not.toBe("11111111-2222-3333-4444-555555555555");
  // proxy.ts skips the tRPC endpoint: the handler sets the same protections itself.
  expect(trpc.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(trpc.headers()["x-frame-options"]).toBe("DENY");
  expect(trpc.headers()["referrer-policy"]).toBe("same-origin");
  const csv = await page.request.get("/api/export/patients");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["cache-control"]).toBe("no-store");
  expect(csv.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  // Another origin framing the app gets an error page, not the app (the sign-in page is what a
  // cross-site frame would show, as SameSite cookies are not sent there).
  await page.route("http://framer.test/", (r) =>
    r.fulfill({ contentType: "text/html", body: `<iframe id="f" src="${baseURL}/sign-in" width="800" height="600"></iframe>` }),
  );
  await page.goto("http://framer.test/");
  await page.waitForLoadState("load");
  const framed = page.frames().find((f) => f !== page.mainFrame());
  expect(framed).toBeDefined();
  await expect.poll(() => framed!.url()).not.toBe("about:blank");
  expect(framed!.url()).not.toContain("/sign-in");
});

test("a mutation from another site, a form post or an oversized body is refused before tRPC runs it", async ({ page }) => {
  const cookies = await signedInCookies(page);
  const mutate = (headers: Record<string, string>, data: string | Buffer = '{"0":{"json":null}}') =>
    page.request.post("/api/trpc/auth.signOutEverywhere?batch=1", { headers: { "content-type": "application/json", ...headers }, data });

  const foreign = await mutate({ origin: "http://attacker.test" });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain("does not come from the application's own pages");
  expect((await mutate({ "sec-fetch-site": "same-site" })).status()).toBe(403);
  const form = await page.request.post("/api/trpc/auth.signOutEverywhere?batch=1", { multipart: { "0": "x" } });
  expect(form.status()).toBe(415);
  expect(form.headers()["x-content-type-options"]).toBe("nosniff");
  expect(form.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const big = await mutate({}, Buffer.alloc(1024 * 1024 + 10, 0x20));
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain("larger than the 1 MB this endpoint accepts");
  // None of those ended the session.
  expect((await replayMe(e2eBaseURL(), cookies)).trpcStatus).toBe(200);
  // The app's own page still may.
  const own = await mutate({ origin: new URL(e2eBaseURL()).origin, "sec-fetch-site": "same-origin" });
  expect(own.status()).toBe(200);
  await expectDead(cookies);
});
