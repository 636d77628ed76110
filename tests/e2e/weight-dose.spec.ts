import { expect, test, login } from "./fixtures";

/**
 * A fixed 1500 mg order for a 27 kg patient (R-WEIGHT): the order page shows the error with the
 * weight-based dose and signing is blocked; the biller records the clinician's documented reason
 * right at the finding (the reason is required), the finding becomes a warning quoting it, and the
 * order can be signed.
 */
// A long journey on a loaded two-core machine: room to finish (no speed is asserted).
test.describe.configure({ timeout: 300_000 });

test("a fixed dose under 30 kg blocks signing until the clinician's documented reason is recorded at the finding", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, "biller");
  await page.goto("/orders/new");
  await page.getByLabel("Find patient").fill("Schmidt");
  const patientSelect = page.getByLabel("Patient", { exact: true });
  const option = patientSelect.locator("option", { hasText: "Schmidt, Gerald" });
  await expect(option).toHaveCount(1);
  await patientSelect.selectOption((await option.getAttribute("value"))!);

  await page.getByLabel("Weight at order (kg)").fill("27");
  await page.getByLabel("Indication", { exact: true }).selectOption("nsclc-stage3-consolidation");
  await expect(page.getByLabel("Dose (mg/kg)")).toHaveValue("10");
  await page.getByLabel("Dose type").first().selectOption("fixed");
  await page.getByLabel("Dose (mg)").fill("1500");
  await page.getByLabel("Frequency").first().selectOption("q4w");
  await page.getByLabel("Diagnoses (ICD-10-CM)").fill("C34.11");
  const checks = page.getByTestId("order-checks");
  await expect(checks).toContainText("10 mg/kg × 27 kg = 270 mg; the order is a fixed 1500 mg, 5.6 times that dose");
  await page.getByLabel("Ordering provider").selectOption({ index: 1 });
  await page.getByLabel("Location", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);

  // The order page: an error naming the weight-based dose, signing blocked.
  const finding = page.getByTestId("order-checks").locator('[data-rule="R-WEIGHT"]');
  await expect(finding).toHaveAttribute("data-severity", "error");
  await expect(finding).toContainText("270 mg");
  await expect(page.getByRole("button", { name: "Sign order" })).toBeDisabled();

  // The fix is offered where the finding is shown; the reason is required.
  await finding.getByRole("button", { name: "Record clinician's reason" }).click();
  const dialog = page.getByRole("dialog", { name: "Clinician's reason for the fixed dose" });
  await expect(dialog).toContainText("270 mg");
  await dialog.getByRole("button", { name: "Record reason" }).click();
  await expect(dialog.getByText("Use at least 10 characters for the clinician's reason.")).toBeVisible();
  await dialog.getByLabel("Clinician's documented reason").fill("Tumour board: fixed 1500 mg per trial protocol");
  await page.screenshot({ path: test.info().outputPath("weight-dose-override-dialog.png") });
  await dialog.getByRole("button", { name: "Record reason" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Clinician's reason recorded" })).toBeVisible();
  await expect(dialog).toBeHidden();

  // Now a warning quoting the reason, kept on the order with who recorded it; signing goes through.
  await expect(finding).toHaveAttribute("data-severity", "warning");
  await expect(finding).toContainText("“Tumour board: fixed 1500 mg per trial protocol”");
  await expect(page.getByTestId("weight-dose-override")).toContainText("Tumour board: fixed 1500 mg per trial protocol");
  await page.screenshot({ path: test.info().outputPath("weight-dose-override-warning.png"), fullPage: true });
  await page.getByRole("button", { name: "Sign order" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign order" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Order signed" })).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Signed");
});
