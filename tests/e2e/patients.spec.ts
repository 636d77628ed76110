import { readFile } from "node:fs/promises";
import { expect, test, login } from "./fixtures";

/**
 * Patients and coverage: a biller registers a patient with Medicare primary and a supplemental
 * commercial secondary, finds them by MRN; a manager sees the page read-only; the CSV export downloads.
 * Relies on the demo payers (seedPracticeSetup): "Medicare Part B — WPS" and "Northwoods Health PPO".
 */
const mrn = `E2E${Date.now().toString().slice(-7)}`;

test.describe.configure({ mode: "serial" });

test("a biller registers a patient with Medicare + a secondary plan and finds them by MRN", async ({
  page,
}) => {
  await login(page, "biller");
  await page
    .getByRole("navigation", { name: "Main" })
    .first()
    .getByRole("link", { name: "Patients" })
    .click();
  await expect(page).toHaveURL(/\/patients$/);
  await page.getByRole("link", { name: "New patient" }).first().click();
  await expect(page).toHaveURL(/\/patients\/new$/);

  const form = page.getByRole("form", { name: "New patient" });
  await form.getByLabel("Last name").fill("Playwright");
  await form.getByLabel("First name").fill("Marion");
  await form.getByLabel("MRN").fill(mrn);
  await form.getByLabel("Date of birth").fill("1952-06-14");
  await form.getByLabel("Sex").selectOption("female");
  await form.getByLabel("Address", { exact: true }).fill("77 Lake Mendota Dr");
  await form.getByLabel("City").fill("Madison");
  await form.getByLabel("State").fill("WI");
  await form.getByLabel("ZIP code").fill("5370");
  await form.getByLabel("Phone").fill("608 555 0177");
  await form.getByRole("button", { name: "Register patient" }).click();
  // Field-level validation before anything is saved.
  await expect(form.getByText("Use a 5- or 9-digit ZIP code")).toBeVisible();
  await form.getByLabel("ZIP code").fill("53703-1234");
  await form.getByRole("button", { name: "Register patient" }).click();

  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Playwright, Marion");
  await expect(page.getByTestId("patient-demographics")).toContainText("(608) 555-0177");
  await expect(page.getByTestId("patient-demographics")).toContainText("53703-1234");
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Administrations", exact: true })).toBeVisible();

  // Medicare primary.
  await page.getByRole("button", { name: "Add coverage" }).click();
  let dialog = page.getByRole("dialog", { name: "Add coverage" });
  await dialog.getByLabel("Payer").selectOption({ label: "Medicare Part B — WPS" });
  await dialog.getByLabel("Member id").fill("1EG4TE5MK73");
  await dialog.getByLabel("Priority").selectOption("primary");
  await dialog.getByLabel("Effective date").fill("2017-06-01");
  await dialog.getByRole("button", { name: "Add coverage" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("coverage-row-primary")).toContainText("Medicare Part B — WPS");

  // A second primary on the same dates is refused, on the field.
  await page.getByRole("button", { name: "Add coverage" }).click();
  dialog = page.getByRole("dialog", { name: "Add coverage" });
  await dialog.getByLabel("Payer").selectOption({ label: "Northwoods Health PPO" });
  await dialog.getByLabel("Member id").fill("NWS000123");
  await dialog.getByLabel("Priority").selectOption("primary");
  await dialog.getByLabel("Effective date").fill("2020-01-01");
  await dialog.getByRole("button", { name: "Add coverage" }).click();
  await expect(dialog.getByText(/overlap the patient's primary coverage/)).toBeVisible();

  // As the secondary (a supplement held by the spouse) it is accepted.
  await dialog.getByLabel("Priority").selectOption("secondary");
  await dialog.getByLabel("Plan name").fill("Medicare Supplement Plan G");
  await dialog.getByLabel("Patient's relationship to the subscriber").selectOption("spouse");
  await dialog.getByRole("button", { name: "Add coverage" }).click();
  await expect(dialog.getByText("Enter the subscriber's first name.")).toBeVisible();
  await dialog.getByLabel("Subscriber first name").fill("Howard");
  await dialog.getByLabel("Subscriber last name").fill("Playwright");
  await dialog.getByLabel("Subscriber date of birth").fill("1950-02-02");
  await dialog.getByRole("button", { name: "Add coverage" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("coverage-row-secondary")).toContainText("Northwoods Health PPO");
  await expect(page.getByTestId("coverage-row-secondary")).toContainText("Playwright, Howard");
  await expect(
    page.getByText("Claims for today's services would go to Medicare Part B — WPS."),
  ).toBeVisible();

  // Found by MRN (lower case works too); the search lives in the URL.
  await page.goto("/patients");
  await page.getByRole("searchbox", { name: "Search patients" }).fill(mrn.toLowerCase());
  await page.getByRole("searchbox", { name: "Search patients" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${mrn.toLowerCase()}`));
  const row = page.getByTestId(`patient-row-${mrn}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("Medicare Part B — WPS");
  await expect(page.getByTestId("data-table-range")).toHaveText("1–1 of 1");
  await row.getByRole("link", { name: "Playwright, Marion" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Playwright, Marion");
});

test("a manager sees the patient read-only", async ({ page }) => {
  await login(page, "manager");
  await page.goto(`/patients?q=${mrn}`);
  await expect(page.getByRole("link", { name: "New patient" })).toHaveCount(0);
  await page.getByTestId(`patient-row-${mrn}`).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Playwright, Marion");
  await expect(page.getByTestId("coverage-row-primary")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit patient" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add coverage" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Edit|End) / })).toHaveCount(0);
  await page.goto("/patients/new");
  await expect(page).toHaveURL(/\/forbidden/);
});

test("the list pages and sorts on the server, and the CSV export downloads with a header row", async ({
  page,
}) => {
  await login(page, "biller");
  await page.goto("/patients");
  await expect(page.getByTestId("data-table-range")).toHaveText(/^1–25 of \d+$/);
  await page.getByLabel("Rows per page").selectOption("10");
  await expect(page).toHaveURL(/pageSize=10/);
  await expect(page.getByTestId("data-table-range")).toHaveText(/^1–10 of \d+$/);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("data-table-range")).toHaveText(/^11–20 of \d+$/);
  await page.getByRole("button", { name: /^Date of birth/ }).click();
  await expect(page).toHaveURL(/sort=dob&dir=asc/);
  await expect(page).not.toHaveURL(/page=2/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("csv-export").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^patients-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe(
    "MRN,Last name,First name,Date of birth,Sex,City,State,Phone,Primary payer today,Registered",
  );
  expect(lines.length).toBeGreaterThan(2);
  // Oldest patient first, as sorted on screen.
  expect(lines[1]).toContain("1940-");

  // Signed out, the export refuses.
  const anon = await page.context().browser()!.newContext();
  const res = await anon.request.get("/api/export/patients");
  expect(res.status()).toBe(401);
  await anon.close();
});
