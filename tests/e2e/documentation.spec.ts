import { type Page } from "@playwright/test";
import { expect, test, login } from "./fixtures";

/**
 * Issue 4's main journey, end to end: a biller registers a patient with Medicare and a secondary
 * plan, enters a 10 mg/kg stage III NSCLC order, signs it, documents the first infusion with two
 * vial sizes and some waste, sees the JW line, the vial-choice warning and 96413/96415 in the claim
 * preview, acknowledges the warning and marks the infusion ready for billing. A manager then sees
 * the same pages read-only. The preview is kept as a screenshot artifact.
 */
const LAST = `Journey${Date.now().toString(36).slice(-5).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;
const PATIENT = `${LAST}, Ada`;

async function registerPatient(page: Page): Promise<string> {
  await page.goto("/patients/new");
  const form = page.getByRole("form", { name: "New patient" });
  await form.getByLabel("Last name").fill(LAST);
  await form.getByLabel("First name").fill("Ada");
  await form.getByLabel("MRN").fill(`J${Date.now().toString().slice(-8)}`);
  await form.getByLabel("Date of birth").fill("1951-03-08");
  await form.getByLabel("Sex").selectOption("female");
  await form.getByLabel("Address", { exact: true }).fill("12 Monona Ave");
  await form.getByLabel("City").fill("Madison");
  await form.getByLabel("State").fill("WI");
  await form.getByLabel("ZIP code").fill("53703");
  await form.getByRole("button", { name: "Register patient" }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  const patientUrl = page.url();
  const addCoverage = async (payer: string, member: string, priority: "primary" | "secondary") => {
    await page.getByRole("button", { name: "Add coverage" }).click();
    const dialog = page.getByRole("dialog", { name: "Add coverage" });
    await dialog.getByLabel("Payer").selectOption({ label: payer });
    await dialog.getByLabel("Member id").fill(member);
    await dialog.getByLabel("Priority").selectOption(priority);
    await dialog.getByLabel("Effective date").fill("2016-04-01");
    await dialog.getByRole("button", { name: "Add coverage" }).click();
    await expect(dialog).toBeHidden();
  };
  await addCoverage("Medicare Part B — WPS", "1EG4TE5MK74", "primary");
  await addCoverage("Northwoods Health PPO", "NWS000987", "secondary");
  await expect(page.getByTestId("coverage-row-primary")).toContainText("Medicare Part B — WPS");
  await expect(page.getByTestId("coverage-row-secondary")).toContainText("Northwoods Health PPO");
  return patientUrl;
}

async function enterAndSignOrder(page: Page): Promise<string> {
  await page.goto("/orders/new");
  await page.getByLabel("Find patient").fill(LAST);
  const patientSelect = page.getByLabel("Patient", { exact: true });
  const option = patientSelect.locator("option", { hasText: PATIENT });
  await expect(option).toHaveCount(1);
  await patientSelect.selectOption((await option.getAttribute("value"))!);
  await page.getByLabel("Weight at order (kg)").fill("67.3");
  await page.getByLabel("Indication", { exact: true }).selectOption("nsclc-stage3-consolidation");
  await expect(page.getByLabel("Dose (mg/kg)")).toHaveValue("10");
  await page.getByLabel("Diagnoses (ICD-10-CM)").fill("C34.11");
  await expect(page.getByTestId("order-checks")).toContainText("No findings so far.");
  await page.getByLabel("Ordering provider").selectOption({ index: 1 });
  // The office (POS 11): a physician claim may carry the drug there (POS 22 would not).
  await page.getByLabel("Location", { exact: true }).selectOption({ label: "Lakeside Infusion Suite (POS 11)" });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Sign order" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign order" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Signed");
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The calendar row links to the documentation page; without that link, ask the same API the page uses. */
async function openFirstAdministration(page: Page, orderId: string): Promise<string> {
  const link = page.getByTestId("administration-1").getByRole("link");
  if ((await link.count()) > 0) {
    await link.first().click();
  } else {
    const res = await page.request.get(`/api/trpc/orders.get?input=${encodeURIComponent(JSON.stringify({ json: { orderId } }))}`);
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { result: { data: { json: { administrations: { id: string; sequence: number }[] } } } };
    const first = body.result.data.json.administrations.find((a) => a.sequence === 1)!;
    await page.goto(`/administrations/${first.id}`);
  }
  await expect(page).toHaveURL(/\/administrations\/[0-9a-f-]{36}$/);
  return page.url();
}

// A long journey on a loaded two-core machine: room to finish (no speed is asserted).
test.describe.configure({ timeout: 300_000 });

test("biller registers a Medicare + secondary patient, orders and signs 10 mg/kg, documents the first infusion, acknowledges the vial warning and marks it ready; a manager sees it all read-only", async ({ browser }) => {
  const billerCtx = await browser.newContext();
  const page = await billerCtx.newPage();
  await login(page, "biller");
  const patientUrl = await registerPatient(page);
  const orderId = await enterAndSignOrder(page);
  const url = await openFirstAdministration(page, orderId);

  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Durvalumab infusion 1 — ${PATIENT}`);
  await expect(page.getByTestId("administration-status")).toHaveText("Scheduled");
  await expect(page.getByTestId("dose-today")).toHaveText("10 mg/kg × 67.3 kg = 673 mg");
  await expect(page.getByTestId("suggested-vials")).toContainText("6 × 120 mg");
  await expect(page.getByTestId("documentation-checklist")).toContainText("Infusion stop time");

  // The infusion as documented: one 500 mg and two 120 mg vials (740 mg) for 673 mg, 67 mg discarded.
  await page.getByLabel("Weight today (kg)").fill("67.3");
  await page.getByLabel("Administering nurse").fill("Rita Alvarez, RN");
  await page.getByLabel("Infusion start").fill("10:00");
  await page.getByLabel("Infusion stop").fill("11:40");
  await page.getByRole("button", { name: "Add vial" }).click();
  await page.getByLabel("NDC (vial 1)").fill("0310-4611-50");
  await expect(page.getByTestId("vial-0-package")).toContainText("00310-4611-50 · Imfinzi 500 mg/10 mL single-dose vial");
  await page.getByLabel("Lot (vial 1)").fill("FA2417");
  // An expired lot is caught as the expiry is typed, against the date given.
  await expect(page.getByLabel("Date given")).toHaveValue(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Expiry (vial 1)").fill("2024-06-30");
  await expect(page.getByTestId("vial-0-expired")).toContainText("Expired on 2024-06-30, before the date given");
  await page.getByRole("button", { name: "Add vial" }).click();
  // A scanned 11-digit code works as well as the label format.
  await page.getByLabel("NDC (vial 2)").fill("00310450012");
  await expect(page.getByTestId("vial-1-package")).toContainText("Imfinzi 120 mg/2.4 mL single-dose vial");
  await page.getByLabel("Lot (vial 2)").fill("FB2203");
  await page.getByLabel("Expiry (vial 2)").fill("2030-03-31");
  await page.getByLabel("Count (vial 2)").fill("2");
  await page.getByLabel("mg administered").fill("673");
  await page.getByLabel("mg discarded").fill("67");
  await page.getByLabel("Time discarded").fill("11:45");
  await page.getByLabel("Waste witness").fill("Sam Porter, PharmD");

  // Leaving the unsaved form asks first; declining keeps everything typed.
  page.once("dialog", (d) => {
    expect(d.message()).toContain("unsaved changes");
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Order", exact: true }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByLabel("Waste witness")).toHaveValue("Sam Porter, PharmD");

  // A draft keeps the infusion scheduled, even with the expired lot on it.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Documentation saved" })).toBeVisible();
  await expect(page.getByTestId("administration-status")).toHaveText("Scheduled");
  await page.getByLabel("Expiry (vial 1)").fill("2030-06-30");
  await expect(page.getByTestId("vial-0-expired")).toHaveCount(0);
  await page.getByRole("button", { name: "Save and mark documented" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Infusion documented" })).toBeVisible();
  await expect(page.getByTestId("administration-status")).toHaveText("Documented");

  // The claim preview: administered line, the JW waste line, 96413 + 96415 for 100 minutes.
  const lines = page.getByTestId("claim-lines");
  await expect(lines.locator('[data-line="J9173"]')).toContainText("68");
  // 6 discarded, but the least-waste vials (6 × 120 mg) would have left 4: only those are billable
  await expect(lines.locator('[data-line="J9173-JW"]')).toContainText("4");
  await expect(lines.locator('[data-line="96413"]')).toBeVisible();
  await expect(lines.locator('[data-line="96415"]')).toBeVisible();
  await expect(page.getByTestId("claim-total")).toHaveText("$11,175.00");
  const arithmetic = page.getByTestId("claim-arithmetic");
  await expect(arithmetic).toContainText("673 mg administered ÷ 10 mg per J9173 unit = 67.3 → 68 units");
  await expect(arithmetic).toContainText("74 units opened − 68 units administered = 6 waste units; the least-waste combination for the dose (6 × 120 mg) leaves 4 units, so J9173-JW ×4 is billable and 2 waste units are not billable");
  await expect(arithmetic).toContainText("ceil((100 − 90) / 60) = 1 → 96415 ×1");
  const vialWarning = page.getByTestId("findings").locator('[data-rule="R-VIAL"]');
  await expect(vialWarning).toContainText("Warning");
  await expect(vialWarning).toContainText("6 × 120 mg");
  await expect(page.getByTestId("vial-choice-warning")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark ready for billing" })).toBeDisabled();
  await expect(page.getByTestId("ready-blockers")).toContainText(/warnings? to acknowledge: .*vial choice/);

  // Acknowledge the warning with a reason, then the infusion can be marked ready.
  await vialWarning.getByRole("button", { name: "Acknowledge the vial choice warning" }).click();
  const dialog = page.getByRole("dialog", { name: "Acknowledge warning" });
  await dialog.getByLabel("Reason").fill("Pharmacy had only two 120 mg vials in stock");
  await dialog.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Warning acknowledged" })).toBeVisible();
  await expect(vialWarning).toContainText("Acknowledged");
  await expect(page.getByRole("button", { name: "Mark ready for billing" })).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath("claim-preview.png"), fullPage: true });
  await page.getByRole("button", { name: "Mark ready for billing" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ready for billing" })).toBeVisible();
  await expect(page.getByTestId("administration-status")).toHaveText("Ready for billing");
  await expect(page.getByRole("button", { name: "Amend" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Save documentation|Save draft/ })).toHaveCount(0);
  await page.getByTestId("claim-preview").screenshot({ path: test.info().outputPath("claim-preview-ready.png") });

  // The episode's timeline shows the corrected expiry, old → new.
  await page.goto(`${url}/episode`);
  await expect(page).toHaveTitle(`Episode · ${PATIENT} · C1D1 · Durvalumab Billing`);
  await expect(page.getByTestId("episode-timeline")).toContainText("vial 1 expiry 06/30/2024 → 06/30/2030");

  // A manager sees the same page, read-only.
  const managerCtx = await browser.newContext();
  const manager = await managerCtx.newPage();
  await login(manager, "manager");
  await manager.goto(url);
  await expect(manager.getByTestId("administration-status")).toHaveText("Ready for billing");
  await expect(manager.getByTestId("claim-lines").locator('[data-line="J9173-JW"]')).toBeVisible();
  await expect(manager.getByTestId("documentation-summary").first()).toContainText("673 mg");
  await expect(manager.getByTestId("findings").locator('[data-rule="R-VIAL"]')).toContainText("Acknowledged");
  await expect(manager.getByRole("button", { name: /Save documentation|Acknowledge|Mark ready|Amend|Start infusion|Mark not given/ })).toHaveCount(0);
  // … and the patient and the order, read-only too.
  await manager.goto(patientUrl);
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(PATIENT);
  await expect(manager.getByRole("button", { name: "Add coverage" })).toHaveCount(0);
  await manager.goto(`/orders/${orderId}`);
  await expect(manager.getByTestId("order-status")).toHaveText("Active");
  await expect(manager.getByRole("button", { name: /Sign order|Discontinue|Complete|Reschedule/ })).toHaveCount(0);

  await billerCtx.close();
  await managerCtx.close();
});
