import { expect, test, demoLogin, login, navLabels } from "./fixtures";

/**
 * A biller opens the "due" worklist (next 7 days, the default), narrows it to one payer through the
 * URL, exports the same filter as CSV, then opens an infusion's episode and sees the order's
 * signature on its timeline. Runs on the demo data (active orders have infusions every 2–4 weeks).
 */
test("biller filters the due worklist by payer via the URL, exports it as CSV and opens an episode", async ({ page }) => {
  await login(page, "biller");
  expect(await navLabels(page)).toContain("Worklists");
  await page.goto("/worklists");
  await expect(page).toHaveURL(/\/worklists\/due$/);
  await expect(page.getByRole("heading", { name: "Worklists", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Due \d+$/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Dates")).toHaveValue("week");

  const rows = page.locator('[data-testid^="worklist-row-"]');
  await expect(rows.first()).toBeVisible();
  // Take the payer of the first row that has one, and filter by it through the URL.
  const payerCells = rows.locator('[data-column="payer"]');
  const payerTexts = (await payerCells.allInnerTexts()).map((t) => t.trim());
  const payerName = payerTexts.find((t) => t !== "None in force");
  expect(payerName, "a due infusion with a primary payer in the demo data").toBeTruthy();
  const payerSelect = page.getByLabel("Payer");
  const payerId = await payerSelect.locator("option", { hasText: payerName! }).first().getAttribute("value");
  expect(payerId).toMatch(/^[0-9a-f-]{36}$/);

  await page.goto(`/worklists/due?payer=${payerId}`);
  await expect(payerSelect).toHaveValue(payerId!);
  await expect(rows.first()).toBeVisible();
  for (const text of await payerCells.allInnerTexts()) expect(text.trim()).toBe(payerName);
  const shown = await rows.count();
  await expect(page.getByTestId("data-table-range")).toContainText(`of ${shown}`);

  // The export carries the same filter and starts with the header row.
  const exportLink = page.getByTestId("csv-export");
  const href = await exportLink.getAttribute("href");
  expect(href).toContain(`/api/export/worklists/due?`);
  expect(href).toContain(`payer=${payerId}`);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const csv = (await res.text()).replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n").filter((l) => l.length > 0);
  expect(lines[0]).toBe(
    "MRN,Patient,Planned date,Originally planned,Date given,Cycle,Indication,Primary payer,Status,Charge,Filing deadline,Days left to file,Reason,Assigned to,Age (days),Location,Ordering provider,Administration id",
  );
  expect(lines).toHaveLength(shown + 1);
  for (const l of lines.slice(1)) expect(l).toContain(payerName!);

  // The episode of the first infusion: its order was signed before the infusion was planned.
  const first = rows.first();
  const adminId = (await first.getAttribute("data-testid"))!.replace("worklist-row-", "");
  await page.goto(`/administrations/${adminId}/episode`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Episode");
  const timeline = page.getByTestId("episode-timeline");
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Order signed" })).toHaveCount(1);
  await expect(timeline).toContainText("planned for");
  await expect(page.getByTestId("episode-claim")).toContainText("No claim yet");
});

test("a manager sees the worklists read-only and another URL filter narrows them", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/worklists/ready?sort=patient&dir=desc");
  await expect(page.getByRole("link", { name: /^Ready for billing \d+$/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("columnheader", { name: /Patient/ })).toHaveAttribute("aria-sort", "descending");
  await page.goto("/worklists/not-ready");
  await expect(page.getByRole("heading", { name: "Worklists", level: 1 })).toBeVisible();
  // Infusions closed without billing are findable on their own tab.
  await page.getByRole("link", { name: /^Closed, not billed \d+$/ }).click();
  await expect(page).toHaveURL(/\/worklists\/closed$/);
  await expect(page.getByRole("link", { name: /^Closed, not billed \d+$/ })).toHaveAttribute("aria-current", "page");
  // A manager reads the queue but assigns nothing.
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByLabel("Dates")).toHaveCount(0);
  await expect(page.getByLabel("From")).toBeVisible();
});

/**
 * A biller works the not-ready list at 1440 × 900: the tab counts match the list, nothing scrolls
 * sideways, the list sorts by days left to file, two items are assigned to her in one go, and from
 * the first infusion "Next in worklist" opens the second one of the same sorted list.
 */
test("a biller sorts the not-ready list by days left, assigns items in bulk and goes to the next item", async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1440, height: 900 });
  const me = await login(page, "biller");
  await page.goto("/worklists/not-ready");
  const rows = page.locator('[data-testid^="worklist-row-"]');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });

  // Counts on the tabs: the not-ready tab says how many items the list holds.
  const tab = page.getByTestId("worklist-tab-not-ready");
  const count = Number((await tab.getByTestId("worklist-tab-count").innerText()).trim());
  expect(count).toBeGreaterThan(2);
  await expect(page.getByTestId("data-table-range")).toContainText(`of ${count}`);
  for (const slug of ["due", "ready", "closed"]) await expect(page.getByTestId(`worklist-tab-${slug}`).getByTestId("worklist-tab-count")).toHaveText(/^\d+$/);

  // No horizontal scrolling at 1440 wide; the reason is there in full.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  await expect(rows.first().getByTestId("worklist-reason")).not.toHaveText("");
  await page.screenshot({ path: test.info().outputPath("not-ready-1440.png") });

  // Sort by days left to file: fewest first, the URL keeps it.
  await page.getByRole("button", { name: /^Days left/ }).click();
  await expect(page).toHaveURL(/sort=daysLeft/);
  await expect(page.getByRole("columnheader", { name: /Days left/ })).toHaveAttribute("aria-sort", "ascending");
  // The previous rows stay, dimmed and busy, until the sorted page arrives.
  await expect(page.locator("table[aria-busy]")).toHaveCount(0);
  await expect(rows.first()).toBeVisible();
  const days = (await rows.getByTestId("worklist-days-left").allInnerTexts()).map((t) => Number(t.trim()));
  expect(days.length).toBeGreaterThan(2);
  expect(days).toEqual([...days].sort((a, b) => a - b));
  const firstId = (await rows.nth(0).getAttribute("data-testid"))!.replace("worklist-row-", "");
  const secondId = (await rows.nth(1).getAttribute("data-testid"))!.replace("worklist-row-", "");

  // Bulk assign the first two to me.
  await rows.nth(0).getByRole("checkbox").click();
  await rows.nth(1).getByRole("checkbox").click();
  const bulk = page.getByTestId("bulk-assign");
  await expect(bulk).toContainText("2 items chosen");
  await bulk.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByRole("status").filter({ hasText: `2 items assigned to ${me.name}` })).toBeVisible();
  await expect(rows.nth(0).locator('[data-column="assignee"]')).toHaveText(me.name);
  await expect(rows.nth(1).locator('[data-column="assignee"]')).toHaveText(me.name);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  await page.screenshot({ path: test.info().outputPath("not-ready-assigned-1440.png") });

  // The whole line opens the infusion; "Next in worklist" follows the list's sort.
  await rows.nth(0).locator('[data-column="reason"]').click();
  await expect(page).toHaveURL(new RegExp(`/administrations/${firstId}\\?wl=not-ready`));
  const next = page.getByTestId("worklist-next");
  await expect(next).toBeVisible({ timeout: 30_000 });
  await next.click();
  await expect(page).toHaveURL(new RegExp(`/administrations/${secondId}\\?`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Durvalumab infusion");
  // Back to the list with its sort.
  await page.getByTestId("worklist-nav").getByRole("link", { name: /Documented, not ready/ }).click();
  await expect(page).toHaveURL(/\/worklists\/not-ready\?.*sort=daysLeft/);
  // The filter "assigned to me" finds both.
  await page.goto("/worklists/not-ready?assignee=me");
  await expect(rows).toHaveCount(2);
  expect(demoLogin("biller").name).toBe(me.name);
});
