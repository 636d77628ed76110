import { expect, type Page } from "@playwright/test";
import { DEMO_LOGINS } from "../../db/seed/demo-logins";
import type { Role } from "../../server/domain/auth/roles";

export function demoLogin(role: Role) {
  const l = DEMO_LOGINS.find((x) => x.role === role);
  if (!l) throw new Error(`no demo login for ${role}`);
  return l;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as the demo user of a role and waits for the dashboard. */
export async function login(page: Page, role: Role) {
  const l = demoLogin(role);
  await signIn(page, l.email, l.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  return l;
}

export async function navLabels(page: Page): Promise<string[]> {
  const links = page.getByRole("navigation", { name: "Main" }).first().getByRole("link");
  return (await links.allInnerTexts()).map((t) => t.trim());
}
