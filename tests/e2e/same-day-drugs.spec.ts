import { expect, test, login } from "./fixtures";

/**
 * Issue 14 in the app: a biller adds the chemotherapy given the same day to a documented infusion
 * (its HCPCS, units and times) and the claim preview bills it with its own line, next to durvalumab's.
 */
test("a biller adds a same-day chemotherapy drug to a documented infusion and the claim preview bills it", async ({ page }) => {
  test.slow();
  await login(page, "biller");
  await page.goto("/worklists/not-ready");
  const open = page.locator('a[href^="/administrations/"]').first();
  await expect(open).toBeVisible({ timeout: 30_000 });
  await page.goto((await open.getAttribute("href"))!.split("?")[0]!.replace(/\/episode$/, ""));
  await expect(page).toHaveURL(/\/administrations\/[0-9a-f-]{36}$/);

  const others = page.getByTestId("other-drugs");
  await others.getByRole("button", { name: "Add another drug" }).click();
  await page.getByLabel("HCPCS (drug 1)").fill("J9045");
  await page.getByLabel("Drug name (drug 1)").fill("carboplatin");
  await page.getByLabel("Units (drug 1)").fill("12");
  await expect(page.getByLabel("How given (drug 1)")).toHaveValue("chemotherapy");
  await page.getByLabel("Start (drug 1)").fill("15:00");
  await page.getByLabel("Stop (drug 1)").fill("15:30");
  await page.getByRole("button", { name: /^Save/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Documentation saved" })).toBeVisible();

  await expect(page.getByTestId("claim-lines").locator('[data-line="J9045"]')).toContainText("12");
  await expect(page.getByTestId("claim-arithmetic")).toContainText("J9045");
  await page.setViewportSize({ width: 1440, height: 900 });
  await others.screenshot({ path: test.info().outputPath("other-drugs.png") });
  // after a reload the drug is still there: it was saved with the documentation, not only shown
  await page.reload();
  await expect(page.getByLabel("HCPCS (drug 1)")).toHaveValue("J9045");
});
