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
  "/worklists/due",
  "/worklists/not-ready",
  "/worklists/ready",
  "/worklists/closed",
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

/** Record pages, each reached through the first link of its kind on a list (the demo has them all). */
const ID = "[0-9a-f-]{36}";
const DETAIL_PAGES: [list: string, link: RegExp][] = [
  ["/patients", new RegExp(`^/patients/${ID}$`)],
  ["/orders", new RegExp(`^/orders/${ID}$`)],
  ["/worklists/not-ready", new RegExp(`^/administrations/${ID}(\\?|$)`)],
  ["/prior-auths", new RegExp(`^/prior-auths/${ID}$`)],
  ["/claims", new RegExp(`^/claims/${ID}$`)],
  ["/claims/batches", new RegExp(`^/claims/batches/${ID}$`)],
  ["/remittances", new RegExp(`^/remittances/(files|payments)/${ID}$`)],
  ["/denials", new RegExp(`^/denials/${ID}$`)],
];

/** How a page is wider than the window, or null when it fits. */
async function overflow(page: import("@playwright/test").Page): Promise<string | null> {
  // measured once the page's lists have their rows (a loading list is a narrow skeleton)
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0, { timeout: 30_000 });
  const { scroll, client, tables } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    // a table that scrolls inside its own box hides columns just the same
    tables: [...document.querySelectorAll<HTMLElement>("[data-slot=table-container]")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.scrollWidth} px table in a ${el.clientWidth} px box`),
  }));
  if (scroll > client) return `${scroll} px wide in a ${client} px window`;
  return tables.length > 0 ? tables.join("; ") : null;
}

test.describe.configure({ timeout: 300_000 });

test("every list and admin page fits a 1440 × 900 screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "admin");
  const tooWide: string[] = [];
  for (const path of LIST_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // the page's table (if any) has rows, or the page says it is empty: overflow() waits until no list is
    // busy (a list without its rows renders a busy skeleton from the first paint). Not "networkidle": the
    // production build prefetches every visible link, which kept it waiting seconds per page for nothing.
    const wide = await overflow(page);
    if (wide) {
      tooWide.push(`${path}: ${wide}`);
      await page.screenshot({ path: test.info().outputPath(`too-wide${path.replace(/\//g, "-")}.png`), fullPage: true });
    }
  }
  expect(tooWide).toEqual([]);
});

test("every kind of record page fits a 1440 × 900 screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "admin");
  const tooWide: string[] = [];
  for (const [list, link] of DETAIL_PAGES) {
    await page.goto(list);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // the list's rows (and their links) arrive after the page
    let href: string | undefined;
    await expect
      .poll(
        async () => {
          const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
          href = hrefs.find((h) => link.test(h));
          return href ?? null;
        },
        { message: `a record link on ${list}`, timeout: 30_000 },
      )
      .not.toBeNull();
    await page.goto(href!);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const wide = await overflow(page);
    if (wide) {
      tooWide.push(`${href} (from ${list}): ${wide}`);
      await page.screenshot({ path: test.info().outputPath(`too-wide${list.replace(/\//g, "-")}-record.png`), fullPage: true });
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
