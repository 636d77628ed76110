import { expect, test, login } from "./fixtures";

/**
 * A biller enters a 10 mg/kg stage III NSCLC order for a demo patient, sees the inline checks while
 * entering it, signs it and sees the treatment calendar; a manager sees the same order read-only.
 */
// A long journey on a loaded two-core machine: room to finish (no speed is asserted).
test.describe.configure({ timeout: 300_000 });

test("biller enters, checks and signs a 10 mg/kg stage III NSCLC order; a manager sees it read-only", async ({ browser }) => {
  const billerCtx = await browser.newContext();
  const page = await billerCtx.newPage();
  await login(page, "biller");
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New order" }).first().click();
  await expect(page).toHaveURL(/\/orders\/new$/);

  // Patient (a demo patient with stage III NSCLC)
  await page.getByLabel("Find patient").fill("Schmidt");
  const patientSelect = page.getByLabel("Patient", { exact: true });
  const option = patientSelect.locator("option", { hasText: "Schmidt, Gerald" });
  await expect(option).toHaveCount(1);
  await patientSelect.selectOption((await option.getAttribute("value"))!);

  // Weight first, then the indication: the label regimen for the weight becomes the default.
  await page.getByLabel("Weight at order (kg)").fill("67.3");
  await page.getByLabel("Indication", { exact: true }).selectOption("nsclc-stage3-consolidation");
  await expect(page.getByLabel("Dose type").first()).toHaveValue("per_kg");
  await expect(page.getByLabel("Dose (mg/kg)")).toHaveValue("10");
  await expect(page.getByLabel("Frequency").first()).toHaveValue("q2w");
  await expect(page.getByLabel("Duration (months)")).toHaveValue("12");
  await expect(page.getByTestId("phase-0-dose")).toHaveText("673 mg per infusion");

  const checks = page.getByTestId("order-checks");
  // A diagnosis that is only a category is flagged at once…
  await page.getByLabel("Diagnoses (ICD-10-CM)").fill("C34");
  await expect(checks).toContainText("not billable");
  await page.getByLabel("Diagnoses (ICD-10-CM)").fill("C34.11");
  // …and so is a plan beyond the label's 12 months.
  await page.getByLabel("Duration (months)").fill("13");
  await expect(checks).toContainText("12 months");
  await page.getByLabel("Duration (months)").fill("12");
  await expect(checks).toContainText("No findings so far.");
  await expect(page.getByTestId("calendar-summary")).toContainText("27 infusions");

  await page.getByLabel("Ordering provider").selectOption({ index: 1 });
  await page.getByLabel("Location", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();
  await expect(page.getByTestId("order-status")).toHaveText("Draft");
  await expect(page.getByTestId("regimen-phase-0")).toContainText("10 mg/kg × 67.3 kg = 673 mg every 2 weeks (q2w)");

  // The draft opens for editing with its values, and the change is saved.
  await page.getByRole("link", { name: "Edit draft" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByRole("heading", { name: "Edit draft order", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Edit order · Schmidt, Gerald · Durvalumab Billing");
  await expect(page.getByLabel("Weight at order (kg)")).toHaveValue("67.3");
  await expect(page.getByLabel("Diagnoses (ICD-10-CM)")).toHaveValue("C34.11");
  await page.getByLabel("Notes").fill("Confirmed with Dr. Lee before signing");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft order updated" })).toBeVisible();
  await expect(page).toHaveURL(orderUrl);
  await expect(page.getByText("Confirmed with Dr. Lee before signing")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Draft");

  await page.getByRole("button", { name: "Sign order" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign order" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Order signed" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Signed");
  const calendar = page.getByTestId("order-calendar");
  await expect(calendar.getByRole("row")).toHaveCount(28); // header + 27 infusions
  await expect(page.getByTestId("administration-1")).toContainText("C1D1");
  await expect(page.getByTestId("administration-1")).toContainText("Scheduled");

  // Reschedule the second infusion by two days.
  const second = page.getByTestId("administration-2");
  const secondDate = (await second.getByRole("cell").nth(3).innerText()).trim().slice(0, 10);
  // The calendar shows MM/DD/YYYY; the date field takes YYYY-MM-DD.
  const [mm, dd, yyyy] = secondDate.split("/");
  const moved = new Date(Date.parse(`${yyyy}-${mm}-${dd}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  await second.getByRole("button", { name: "Reschedule infusion 2" }).click();
  const dialog = page.getByRole("dialog", { name: "Reschedule infusion 2" });
  await dialog.getByLabel("New date").fill(moved);
  await dialog.getByLabel("Reason").fill("Patient travelling");
  await dialog.getByRole("button", { name: "Reschedule" }).click();
  await expect(page.getByTestId("administration-2")).toContainText(`was ${secondDate}`);

  // A manager sees the same order, read-only.
  const managerCtx = await browser.newContext();
  const manager = await managerCtx.newPage();
  await login(manager, "manager");
  await manager.goto(orderUrl);
  await expect(manager.getByTestId("order-status")).toHaveText("Signed");
  await expect(manager.getByTestId("order-calendar").getByRole("row")).toHaveCount(28);
  await expect(manager.getByRole("button", { name: /Sign order|Discontinue|Reschedule|Complete/ })).toHaveCount(0);
  await expect(manager.getByRole("link", { name: "Edit draft" })).toHaveCount(0);
  await manager.goto("/orders");
  await expect(manager.getByRole("link", { name: "New order" })).toHaveCount(0);
  await manager.goto("/orders/new");
  await expect(manager).toHaveURL(/\/forbidden/);

  await billerCtx.close();
  await managerCtx.close();
});
