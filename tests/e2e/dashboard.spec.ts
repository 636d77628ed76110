import { expect, test, login } from "./fixtures";

/**
 * A practice manager reads the dashboard on the demo's two years of history: narrows it to one payer
 * and last quarter (the figures change), opens the rows behind the initial denial rate, exports them
 * as CSV (one line per row), and the URL alone reproduces both views after a reload.
 */
test("a manager filters the dashboard by payer and quarter, opens the rows behind the denial rate and exports them", async ({ page }) => {
  await login(page, "manager");
  const value = (kpi: string) => page.getByTestId(`kpi-${kpi}-value`);
  await expect(value("charges")).not.toHaveText("—", { timeout: 60_000 });
  const allCharges = await value("charges").innerText();
  const allDenial = await value("initialDenialRate").innerText();

  // Last quarter, then one payer: each choice is in the URL and the figures follow it.
  await page.getByLabel("Period", { exact: true }).selectOption("last-quarter");
  await expect(page).toHaveURL(/preset=last-quarter/);
  await expect(value("charges")).not.toHaveText(allCharges, { timeout: 60_000 });
  const payer = page.getByLabel("Payer", { exact: true });
  const medicare = await payer.locator("option", { hasText: /^Medicare Part B/ }).first().getAttribute("value");
  await payer.selectOption(medicare!);
  await expect(page).toHaveURL(new RegExp(`payerId=${medicare}`));
  await expect(page).toHaveURL(/preset=last-quarter/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(/Last quarter: .* · Medicare Part B/)).toBeVisible({ timeout: 60_000 });
  const quarterDenial = await value("initialDenialRate").innerText();
  expect(quarterDenial).toMatch(/%$/);
  expect(`${allDenial}|${allCharges}`).not.toBe(`${quarterDenial}|${await value("charges").innerText()}`);

  // The definition, numerator and denominator are one hover (or focus) away.
  await page.getByRole("button", { name: "How Initial denial rate is computed", exact: true }).hover();
  await expect(page.getByRole("tooltip")).toContainText("Denominator");

  // The rows behind the figure, with the same period and payer.
  const dashboardUrl = page.url();
  await page.getByRole("link", { name: /rows behind Initial denial rate →$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/rows\?.*kpi=initialDenialRate/);
  expect(page.url()).toContain(`payerId=${medicare}`);
  expect(page.url()).toContain("preset=last-quarter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Initial denial rate");
  const rows = page.getByTestId("kpi-row");
  await expect(rows.first()).toBeVisible();
  const total = Number((await page.getByTestId("data-table-range").innerText()).replace(/^.* of /, "").replace(/,/g, ""));
  expect(total).toBeGreaterThan(0);
  for (const t of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(t).toMatch(/^Medicare Part B/);

  // The export holds the same rows (every one, not a page).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^initialDenialRate-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const { readFileSync } = await import("node:fs");
  const lines = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  expect(lines[0]).toMatch(/^Claim,Patient,Payer,Date of service,First remittance,Status,Denied on first remittance \(USD\),Denied,Row id,Denominator basis$/);
  expect(lines).toHaveLength(total + 1);
  for (const l of lines.slice(1)) expect(l).toContain("Medicare Part B");

  // The URLs alone reproduce both views.
  const rowsUrl = page.url();
  await page.reload();
  await expect(page.getByTestId("data-table-range")).toContainText(`of ${total}`);
  expect(page.url()).toBe(rowsUrl);
  await page.goto(dashboardUrl);
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("last-quarter");
  await expect(page.getByLabel("Payer", { exact: true })).toHaveValue(medicare!);
  await expect(value("initialDenialRate")).toHaveText(quarterDenial);
});
