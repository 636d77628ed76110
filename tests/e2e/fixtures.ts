import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
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
  // password hashing is deliberately slow, and slower still on a busy machine
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  return l;
}

export async function navLabels(page: Page): Promise<string[]> {
  const links = page.getByRole("navigation", { name: "Main" }).first().getByRole("link");
  return (await links.allInnerTexts()).map((t) => t.trim());
}

/**
 * Accessibility on every page the suite visits: each spec imports `test` from here, whose automatic
 * fixture runs axe-core (WCAG 2.x A/AA rules) once per kind of page (the path with its ids replaced,
 * so /claims/<id> is scanned once, not once per claim) when the page has settled, and fails the test
 * that first opened a page with a serious or critical violation, naming the rule, the element and
 * the page. Scans run in the page itself (legacy mode: no extra tab that a test could mistake for its
 * own popup) and a scan interrupted by the test navigating on is simply retried on the next visit.
 */
const scannedKinds = new Set<string>();

export function pageKind(url: string, appOrigin: string): string | null {
  const u = new URL(url);
  // Only the app's own pages (not API answers, nor a test's stand-in for another site).
  if (u.origin !== appOrigin || u.pathname.startsWith("/api/")) return null;
  const path = u.pathname
    .split("/")
    .map((s) => (/^[0-9a-f-]{16,}$/i.test(s) || /^\d+$/.test(s) || /^[A-Z0-9-]{6,}$/.test(s) ? ":id" : s))
    .join("/");
  return path;
}

async function scanPage(page: Page, kind: string): Promise<string[]> {
  await page.waitForLoadState("load");
  // The title is metadata Next.js may stream after the page's first bytes: judge the page once it has
  // arrived (a page that never gets one is still scanned, and then fails document-title).
  await page.waitForFunction(() => document.title !== "", null, { timeout: 10_000 }).catch(() => {});
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${kind}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`,
    );
}

/**
 * The server of the worker running the current test: playwright.config.ts starts one per worker, on
 * consecutive ports, each with its own database.
 */
export function e2eBaseURL(parallelIndex = base.info().parallelIndex): string {
  return `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + parallelIndex}`;
}

/**
 * A page the server rendered is only usable once React has hydrated it: before that a click does
 * nothing and a value typed into a controlled field is put back to the rendered one when React takes
 * the field over (on a busy machine hydration can take seconds, and a test that types at once loses
 * its input). So after every `goto` and `reload` the suite waits until React has attached to every
 * field and button on the page (it keeps its props on each element it hydrated). Client-side
 * navigation renders with React from the start and needs no wait. A page that never hydrates is
 * left to the test's own assertions after 30 s, with a warning naming the element that never hydrated.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => {
        // Hidden inputs are left out: React writes them into a server-action form for submissions
        // made before hydration and never hydrates them, so they would hold the wait to its limit.
        for (const el of document.querySelectorAll('input:not([type="hidden"]), select, textarea, button')) {
          if (!Object.keys(el).some((k) => k.startsWith("__reactProps$"))) return false;
        }
        return true;
      },
      null,
      { timeout: 30_000, polling: 100 },
    )
    .catch(async () => {
      // Say which element held the wait: a page that never hydrates costs every test 30 s.
      const stuck = await page
        .evaluate(() => {
          for (const el of document.querySelectorAll('input:not([type="hidden"]), select, textarea, button')) {
            if (!Object.keys(el).some((k) => k.startsWith("__reactProps$"))) return el.outerHTML.slice(0, 200);
          }
          return null;
        })
        .catch(() => null);
      console.warn(`hydration wait gave up after 30 s on ${page.url()}${stuck ? `: ${stuck}` : ""}`);
    });
}

const hydrating = new WeakSet<Page>();
function waitForHydrationOnLoad(page: Page): void {
  if (hydrating.has(page)) return;
  hydrating.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    await waitForHydration(page);
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    await waitForHydration(page);
    return response;
  };
}
function hydratingContext(context: BrowserContext): BrowserContext {
  context.on("page", waitForHydrationOnLoad);
  context.pages().forEach(waitForHydrationOnLoad);
  const newPage = context.newPage.bind(context);
  context.newPage = async () => {
    const page = await newPage();
    waitForHydrationOnLoad(page);
    return page;
  };
  return context;
}

export const test = base.extend<{ accessibility: void }, { hydratingBrowser: void }>({
  // Contexts the suite opens itself (a second user's browser) wait for hydration like the default one.
  hydratingBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => hydratingContext(await newContext(...args));
      await use();
    },
    { scope: "worker", auto: true },
  ],
  context: async ({ context }, provide) => provide(hydratingContext(context)),
  baseURL: async ({}, provide, testInfo) => provide(e2eBaseURL(testInfo.parallelIndex)),
  accessibility: [
    async ({ page, baseURL }, use) => {
      const appOrigin = new URL(baseURL ?? "http://127.0.0.1").origin;
      const found: string[] = [];
      let queue = Promise.resolve();
      const consider = (url: string) => {
        const kind = pageKind(url, appOrigin);
        if (!kind || scannedKinds.has(kind)) return;
        scannedKinds.add(kind);
        queue = queue.then(async () => {
          try {
            // Let client-side rendering and the first data arrive before judging the page.
            await page.waitForTimeout(300);
            if (pageKind(page.url(), appOrigin) !== kind) throw new Error("navigated away");
            // A menu or dialog is open (Radix hides the rest of the page from assistive technology
            // meanwhile): judge the page itself on a later visit, not this transient state.
            if (await page.locator('[data-aria-hidden="true"]').count()) throw new Error("overlay open");
            // A list loading its next page keeps its previous rows dimmed and busy: judge the settled page.
            await page
              .locator("[aria-busy=true]")
              .first()
              .waitFor({ state: "detached", timeout: 10_000 })
              .catch(() => {});
            if (await page.locator("[aria-busy=true]").count()) throw new Error("busy");
            // Count every list that goes busy, and every menu or dialog that hides the page, while axe
            // runs (a fetch or a menu that opens and closes during a slow scan changes what axe sees,
            // and the checks before and after would both miss it).
            await page.evaluate(() => {
              const w = window as unknown as { __busySeen?: number; __busyObserver?: MutationObserver };
              w.__busySeen = 0;
              w.__busyObserver?.disconnect();
              w.__busyObserver = new MutationObserver((records) => {
                const busy = (n: Node) => n instanceof Element && (n.getAttribute("aria-busy") === "true" || n.querySelector("[aria-busy=true]") !== null);
                const hidden = (n: Node) => n instanceof Element && (n.getAttribute("data-aria-hidden") === "true" || n.querySelector('[data-aria-hidden="true"]') !== null);
                if (records.some((r) => busy(r.target) || hidden(r.target) || [...r.addedNodes].some((n) => busy(n) || hidden(n)))) w.__busySeen! += 1;
              });
              w.__busyObserver.observe(document.body, { attributes: true, attributeFilter: ["aria-busy", "data-aria-hidden"], childList: true, subtree: true });
            });
            const violations = await scanPage(page, kind);
            const busyDuringScan = await page.evaluate(() => (window as unknown as { __busySeen?: number }).__busySeen ?? 0);
            if (busyDuringScan > 0) throw new Error("busy or overlaid during the scan");
            // A dialog or menu that opened while axe ran (mid-animation, half transparent) is not the
            // page's state: discard and judge the page on a later visit.
            if (pageKind(page.url(), appOrigin) !== kind || (await page.locator('[data-aria-hidden="true"], [aria-busy=true]').count())) throw new Error("changed");
            found.push(...violations);
          } catch {
            scannedKinds.delete(kind); // interrupted (the test moved on): scan it on a later visit
          }
        });
      };
      const onNavigated = (frame: import("@playwright/test").Frame) => {
        if (frame === page.mainFrame()) consider(frame.url());
      };
      page.on("framenavigated", onNavigated);
      await use();
      page.off("framenavigated", onNavigated);
      if (!page.isClosed()) consider(page.url());
      await queue;
      expect(found, `accessibility violations (serious or critical):\n${found.join("\n")}`).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
