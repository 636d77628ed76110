import { expect, test, login } from "./fixtures";

/**
 * A wide change rechecked in the background: the administrator sets a new J9173 price for the whole
 * practice (the demo's 200-odd documented and ready infusions are above the e2e servers'
 * READINESS_INLINE_LIMIT of 100, and their walk is slowed by READINESS_TEST_STEP_PAUSE_MS so it can be
 * watched). The save answers at once; the worklists show one line with the reason and the progress
 * until the walk ends, then the ready tab shows the new charges. The price is then set back, and the
 * test waits for that recheck too, so the specs after it see the demo's prices.
 */
test.describe.configure({ timeout: 240_000 });

const money = (s: string) => Number(s.replace(/[^0-9.]/g, ""));

async function setJ9173(page: import("@playwright/test").Page, price: string, from: string) {
  await page.goto("/admin/fee-schedule");
  await page.getByLabel("Code").fill("J9173");
  await page.getByLabel("Price per unit ($)").fill(price);
  await page.getByLabel("Effective from").fill(from);
  await page.getByRole("button", { name: "Set price" }).click();
  const [y, m, d] = from.split("-");
  await expect(page.getByRole("status").filter({ hasText: "Price set" })).toContainText(`J9173: $${price}.00 from ${m}/${d}/${y}.`);
  await expect(page.getByRole("row").filter({ hasText: `${m}/${d}/${y}` }).filter({ hasText: "in force" })).toBeVisible();
}

test("a practice-wide price is saved at once, the worklists show the readiness recheck until it ends, then the new charges", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "admin");
  await page.goto("/worklists/ready?sort=date&dir=asc");
  const first = page.locator('[data-testid^="worklist-row-"]').first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  const rowId = await first.getAttribute("data-testid");
  const charge = () => page.getByTestId(rowId!).locator('[data-column="charge"]').innerText();
  const before = money(await charge());
  expect(before).toBeGreaterThan(0);
  await expect(page.getByTestId("readiness-recheck")).toHaveCount(0);

  // $150.00 → $160.00 per 10 mg from the day after the demo's price starts: every infusion's charge.
  await setJ9173(page, "160", "2020-01-02");
  await page.goto("/worklists/ready?sort=date&dir=asc");
  const notice = page.getByTestId("readiness-recheck");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/Rechecking readiness after “Fee schedule: J9173 price from 01\/02\/2020”: \d+ of \d{3} infusions done/);
  await page.screenshot({ path: test.info().outputPath("recheck-notice.png") });
  // The notice follows the walk and goes when it ends; the list is read again by itself.
  await expect(notice).toBeHidden({ timeout: 180_000 });
  await expect.poll(async () => money(await charge()), { timeout: 30_000 }).toBeGreaterThan(before);

  // Back to the demo's price: rechecked the same way.
  await setJ9173(page, "150", "2020-01-03");
  await page.goto("/worklists/not-ready");
  await expect(page.getByTestId("readiness-recheck")).toBeVisible();
  await expect(page.getByTestId("readiness-recheck")).toBeHidden({ timeout: 180_000 });
  await page.goto("/worklists/ready?sort=date&dir=asc");
  await expect.poll(async () => money(await charge()), { timeout: 30_000 }).toBe(before);
});
