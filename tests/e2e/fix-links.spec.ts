import { expect, test, login } from "./fixtures";

/**
 * Issue 8, "fixes that act": a finding's suggested fix opens the place where it is fixed — the field
 * of the documentation form (focused and highlighted, also when the link is opened as an address) or
 * the order form's field — and the claim preview shows each finding next to the claim line it concerns.
 */
test.describe.configure({ timeout: 240_000 });

// FIXME (found in session 6's final run, not yet diagnosed): on today's demo the vial expiry typed into
// the first not-ready infusion's form does not stay (the field shows the saved 2027-06-30 again at once),
// with this session's fixtures and with the earlier ones alike; the form's code did not change. Open in
// issue 11/13's closing note; re-enable once the cause (data, or the form re-mounting) is found.
test("an expired lot's fix link focuses the vial's expiry field; findings sit under their claim line", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "biller");
  await page.goto("/worklists/not-ready");
  const open = page.locator('a[href^="/administrations/"]').first();
  await expect(open).toBeVisible({ timeout: 30_000 });
  const url = (await open.getAttribute("href"))!.replace(/\/episode$/, "").replace(/[#?].*$/, "");
  await page.goto(url);
  await expect(page).toHaveURL(/\/administrations\/[0-9a-f-]{36}$/);

  const expiry = page.getByLabel("Expiry (vial 1)");
  const was = await expiry.inputValue();
  await expiry.fill("2020-01-31");
  await page.getByRole("button", { name: /^Save/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Documentation saved" })).toBeVisible();

  const finding = page.getByTestId("findings").locator('[data-rule="DOC-LOT-EXPIRY"]');
  const fix = finding.getByRole("link", { name: "Correct the expiry of vial 1" });
  await expect(fix).toBeVisible();
  await page.getByRole("heading", { name: "Claim preview" }).scrollIntoViewIfNeeded();
  await fix.click();
  await expect(expiry).toBeFocused();
  await expect(page.locator("[data-fix-target]")).toContainText("Expiry (vial 1)");
  await expect(page).toHaveURL(/#field-vials\.0\.expiryDate$/);
  await page.screenshot({ path: test.info().outputPath("fix-link-focused.png") });

  // Every finding about a claim line is shown under that line; the others above the lines.
  const misplaced = await page.evaluate(() => {
    const lines = document.querySelectorAll('[data-testid="claim-lines"] [data-line]').length;
    return [...document.querySelectorAll<HTMLElement>("[data-finding-line]")]
      .filter((el) => {
        const n = Number(el.dataset.findingLine);
        const row = el.closest("tr")?.getAttribute("data-testid") ?? null;
        return n <= lines ? row !== `claim-line-${n}-findings` : row !== null;
      })
      .map((el) => el.dataset.rule);
  });
  expect(misplaced).toEqual([]);
  if ((await page.getByTestId("claim-lines").count()) > 0) {
    await expect(page.getByTestId("claim-level-findings").locator('[data-rule="DOC-LOT-EXPIRY"]')).toBeVisible();
  }

  // The same place opened as an address (a link from the claim or a work list).
  await page.goto(`${url}#field-vials.0.expiryDate`);
  await expect(expiry).toBeFocused();

  // Put the expiry back as it was.
  await expiry.fill(was);
  await page.getByRole("button", { name: /^Save/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Documentation saved" }).first()).toBeVisible();
  await expect(page.getByTestId("findings").locator('[data-rule="DOC-LOT-EXPIRY"]')).toHaveCount(0);
});

test("an order's check links to its field in the draft's edit form", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "biller");
  await page.goto("/orders/new");
  await page.getByLabel("Find patient").fill("Schmidt");
  const patientSelect = page.getByLabel("Patient", { exact: true });
  const option = patientSelect.locator("option", { hasText: "Schmidt, Gerald" });
  await expect(option).toHaveCount(1);
  await patientSelect.selectOption((await option.getAttribute("value"))!);
  await page.getByLabel("Weight at order (kg)").fill("67.3");
  await page.getByLabel("Indication", { exact: true }).selectOption("nsclc-stage3-consolidation");
  await page.getByLabel("Diagnoses (ICD-10-CM)").fill("C34.11");
  await page.getByLabel("Duration (months)").fill("13");
  await expect(page.getByTestId("order-checks")).toContainText("12 months");
  await page.getByLabel("Ordering provider").selectOption({ index: 1 });
  await page.getByLabel("Location", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);

  const check = page.getByTestId("order-checks").locator('[data-rule="R-DURATION"]').first();
  await check.getByRole("link", { name: "Edit the order's treatment duration" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit#field-durationMonths$/);
  const duration = page.getByLabel("Duration (months)");
  await expect(duration).toBeFocused();
  await expect(page.locator("[data-fix-target]")).toContainText("Duration (months)");
  await page.screenshot({ path: test.info().outputPath("order-fix-focused.png") });
});
