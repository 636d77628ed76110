import { expect, test, login, navLabels } from "./fixtures";

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
  await expect(page.getByRole("link", { name: "Due", exact: true })).toHaveAttribute("aria-current", "page");
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
  expect(lines[0]).toBe("MRN,Patient,Planned date,Originally planned,Date given,Cycle,Indication,Primary payer,Status,Reason,Location,Ordering provider,Administration id");
  expect(lines).toHaveLength(shown + 1);
  for (const l of lines.slice(1)) expect(l).toContain(payerName!);

  // The episode of the first infusion: its order was signed before the infusion was planned.
  const first = rows.first();
  const adminId = (await first.getAttribute("data-testid"))!.replace("worklist-row-", "");
  await first.getByRole("link", { name: /^Episode of / }).click();
  await expect(page).toHaveURL(new RegExp(`/administrations/${adminId}/episode$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Episode");
  const timeline = page.getByTestId("episode-timeline");
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Order signed" })).toHaveCount(1);
  await expect(timeline).toContainText("planned for");
  await expect(page.getByTestId("episode-claim")).toContainText("No claim yet");
});

test("a manager sees the worklists read-only and another URL filter narrows them", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/worklists/ready?sort=patient&dir=desc");
  await expect(page.getByRole("link", { name: "Ready for billing" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("columnheader", { name: /Patient/ })).toHaveAttribute("aria-sort", "descending");
  await page.goto("/worklists/not-ready");
  await expect(page.getByRole("heading", { name: "Worklists", level: 1 })).toBeVisible();
  // Infusions closed without billing are findable on their own tab.
  await page.getByRole("link", { name: "Closed, not billed" }).click();
  await expect(page).toHaveURL(/\/worklists\/closed$/);
  await expect(page.getByRole("link", { name: "Closed, not billed" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Dates")).toHaveCount(0);
  await expect(page.getByLabel("From")).toBeVisible();
});
