import { isValidNpi } from "../../server/domain/identifiers";
import { expect, test, login } from "./fixtures";

/** A valid NPI that no earlier run used: 9 digits from the clock + the Luhn check digit. */
function freshNpi(): string {
  const base = `1${String(Date.now()).slice(-8)}`;
  for (let d = 0; d < 10; d++) if (isValidNpi(base + d)) return base + d;
  throw new Error("unreachable");
}
const withWrongCheckDigit = (npi: string) => npi.slice(0, 9) + String((Number(npi[9]) + 1) % 10);

test("admin adds a commercial payer from the COMM-NOJZ template and changes a setting", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/admin/payers");
  await expect(page.getByRole("link", { name: "Payers" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Add payer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a payer" });
  await dialog.getByLabel("Template").selectOption("COMM-NOJZ");
  // The template fills in every billing setting; each stays editable.
  await expect(dialog.getByLabel("Kind")).toHaveValue("commercial");
  await expect(dialog.getByLabel("Waste modifiers")).toHaveValue("jw_only");
  await expect(dialog.getByLabel("NDC reporting")).toHaveValue("ML");
  await expect(dialog.getByLabel("Claim filing indicator")).toHaveValue("CI");
  await expect(dialog.getByLabel("Timely filing (days)")).toHaveValue("180");
  await expect(dialog.getByLabel("Prior authorization required for J9173")).toBeChecked();
  await expect(dialog.getByText("JZ is added when nothing is discarded")).toBeVisible();

  const edi = `E2E${Date.now().toString(36).toUpperCase()}`;
  await dialog.getByLabel("Name", { exact: true }).fill("Prairie Mutual Health E2E");
  await dialog.getByLabel("EDI payer id").fill("X");
  await dialog.getByRole("button", { name: "Create payer" }).click();
  await expect(dialog.getByText("The EDI payer id is 2–80 letters and digits")).toBeVisible();

  await dialog.getByLabel("EDI payer id").fill(edi);
  await dialog.getByLabel("Appeal limit (days)").fill("90");
  await dialog.getByRole("button", { name: "Create payer" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Payer added" })).toBeVisible();

  const row = page.getByTestId(`payer-row-${edi}`);
  await expect(row).toContainText("Prairie Mutual Health E2E");
  await expect(row).toContainText("JW only (rejects JZ)");
  await expect(row).toContainText("180 days / 90 days");

  // Edit shows what was saved.
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Prairie Mutual Health E2E" });
  await expect(edit.getByLabel("Waste modifiers")).toHaveValue("jw_only");
  await expect(edit.getByLabel("Appeal limit (days)")).toHaveValue("90");
  await edit.getByRole("button", { name: "Cancel" }).click();
});

test("a provider with an NPI whose check digit is wrong gets the error on the NPI field", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/admin/providers");
  await page.getByRole("button", { name: "Add provider" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a provider" });
  const npi = freshNpi();
  await dialog.getByLabel("First name").fill("Elena");
  await dialog.getByLabel("Last name").fill("Vasquez");
  await dialog.getByLabel("Credential").fill("MD");
  await dialog.getByLabel("NPI", { exact: true }).fill(withWrongCheckDigit(npi));
  await dialog.getByRole("button", { name: "Create provider" }).click();
  await expect(dialog.getByText("This NPI's check digit is wrong")).toBeVisible();
  await expect(dialog.getByLabel("NPI", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("NPI", { exact: true }).fill(npi);
  await dialog.getByRole("button", { name: "Create provider" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`provider-row-${npi}`)).toContainText("Vasquez, Elena MD");
});

test("a biller cannot open the payer, provider or location set-up", async ({ page }) => {
  await login(page, "biller");
  for (const path of ["/admin/payers", "/admin/providers", "/admin/locations"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden/);
  }
});

test("admin adds a payer's prior-auth rule with its limits; an end date before the start is refused on the field", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/admin/prior-auth-rules");
  await page.getByRole("button", { name: /Add rule/ }).click();
  const dialog = page.getByRole("dialog", { name: "Add a prior-auth rule" });
  await dialog.getByLabel("Payer", { exact: true }).selectOption({ index: 1 });
  const payerName = (await dialog.getByLabel("Payer", { exact: true }).locator("option:checked").innerText()).trim();
  await dialog.getByLabel("Applies to").selectOption("renewal");
  await dialog.getByLabel("Most units per authorization").fill("240");
  await dialog.getByLabel("In force from").fill("2027-01-01");
  await dialog.getByLabel("Until").fill("2026-06-30");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByText("The end date is before the effective date.")).toBeVisible();
  await dialog.getByLabel("Until").fill("");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: payerName }).filter({ hasText: "renewals only" });
  await expect(row).toContainText("240 units");
  await expect(row).toContainText("from 01/01/2027");
});
