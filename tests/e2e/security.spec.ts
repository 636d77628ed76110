import { expect, request as playwrightRequest, test, type BrowserContext, type Page } from "@playwright/test";
import { login } from "./fixtures";

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
  const before = await replayMe(test.info().project.use.baseURL!, cookies);
  expect(before.trpcStatus).toBe(200);
  expect(before.pageStatus).toBe(200);
  return cookies;
}

async function expectDead(cookies: Cookie[]) {
  const after = await replayMe(test.info().project.use.baseURL!, cookies);
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
