import { expect, test, login } from "./fixtures";

/**
 * Billers work at 1440 × 900: no list or admin page may scroll sideways. Each page is opened as the
 * administrator (who sees every column and action) once its table has loaded: the document must be no
 * wider than the window, and no table may scroll sideways inside its box. A page that fails is named with its widths and kept as a screenshot.
 */
const LIST_PAGES = [
  "/dashboard",
  "/patients",
  "/orders",
  "/prior-auths",
  "/claims",
  "/claims/unbilled",
  "/claims/deadlines",
  "/claims/rejected",
  "/claims/batches",
  "/claims/acknowledgments",
  "/remittances",
  "/remittances/queue",
  "/denials",
  "/admin/users",
  "/admin/practice",
  "/admin/payers",
  "/admin/locations",
  "/admin/providers",
  "/admin/fee-schedule",
  "/admin/prior-auth-rules",
  "/audit",
  "/audit/access",
];

test.describe.configure({ timeout: 300_000 });

test("every list and admin page fits a 1440 × 900 screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "admin");
  const tooWide: string[] = [];
  for (const path of LIST_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // the page's table (if any) has rows, or the page says it is empty
    await page.waitForLoadState("networkidle");
    const { scroll, client, tables } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      // a table that scrolls inside its own box hides columns just the same
      tables: [...document.querySelectorAll<HTMLElement>("[data-slot=table-container]")]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.scrollWidth} px table in a ${el.clientWidth} px box`),
    }));
    if (scroll > client || tables.length > 0) {
      tooWide.push(`${path}: ${scroll > client ? `${scroll} px wide in a ${client} px window` : tables.join("; ")}`);
      await page.screenshot({ path: test.info().outputPath(`too-wide${path.replace(/\//g, "-")}.png`), fullPage: true });
    }
  }
  expect(tooWide).toEqual([]);
});

test("the reference-data viewer, the one raw data table wider than the screen, scrolls in a region reachable by keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "admin");
  await page.goto("/admin/reference");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const region = page.getByRole("region", { name: /scrolls sideways/ }).first();
  await expect(region).toBeVisible();
  await expect(region).toHaveAttribute("tabindex", "0");
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});
