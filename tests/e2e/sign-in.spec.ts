import { expect, test, demoLogin, login, navLabels, signIn } from "./fixtures";

test("the app boots on a fresh database: migrated and seeded by the server itself", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body).toMatchObject({ ok: true, database: process.env.E2E_ENGINE });
  expect(body.migrations).toBeGreaterThanOrEqual(2);
});

test("signed-out visitors are sent to sign-in and, once signed in, land on the page they asked for", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);
  // A deep link opened while signed out survives the sign-in (and only a path of this site is kept).
  await page.goto("/admin/users?q=biller");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers%3Fq%3Dbiller$/);
  const admin = demoLogin("admin");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=biller$/);
});

test("a wrong password shows a clear message and reveals nothing else", async ({ page }) => {
  await signIn(page, demoLogin("biller").email, "definitely-not-it");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is not correct.");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(page.url()).not.toContain("definitely");
  await signIn(page, "nobody@nowhere.example", "definitely-not-it");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is not correct.");
});

const EXPECTED_NAV = {
  admin: ["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials", "Audit log", "Admin"],
  biller: ["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials"],
  pa_coordinator: ["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials"],
  manager: ["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials", "Audit log"],
} as const;

for (const role of Object.keys(EXPECTED_NAV) as (keyof typeof EXPECTED_NAV)[]) {
  test(`${role} signs in and sees the navigation of the role`, async ({ page }) => {
    const l = await login(page, role);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    expect(await navLabels(page)).toEqual(EXPECTED_NAV[role]);
    await expect(page.getByTestId("user-menu")).toContainText(l.name);
    // Every role can open the claims area: the demo practice's claims, with their status tabs.
    await page.getByRole("link", { name: "Claims" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Claims" })).toBeVisible();
    await expect(page.getByTestId("status-tabs")).toBeVisible();
    await expect(page.getByTestId("claim-link").first()).toBeVisible({ timeout: 30_000 });
  });
}

test("a manager cannot open admin pages, even by typing the address", async ({ page }) => {
  await login(page, "manager");
  for (const path of ["/admin", "/admin/users", "/admin/practice"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
  }
  // The audit log is open to managers.
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
});

test("a biller cannot open the audit log; the API refuses too", async ({ page }) => {
  await login(page, "biller");
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/forbidden/);
  const res = await page.request.get("/api/trpc/users.list");
  expect(res.status()).toBe(403);
});

test("sign out ends the session", async ({ page }) => {
  await login(page, "pa_coordinator");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);
});
