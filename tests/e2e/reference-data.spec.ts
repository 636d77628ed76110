import { DEMO_OPERATOR } from "../../db/seed/demo-logins";
import { expect, test, login, signIn } from "./fixtures";

test("the platform operator reviews a reference file before loading it: bad rows block, a good quarterly update loads", async ({ page }) => {
  await signIn(page, DEMO_OPERATOR.email, DEMO_OPERATOR.password);
  await expect(page).toHaveURL(/\/platform\/reference$/);
  await expect(page.getByText("Platform operator (all practices)")).toBeVisible();
  // Outside every practice: practice pages send the operator back to the platform pages.
  await page.goto("/patients");
  await expect(page).toHaveURL(/\/platform\/reference$/);
  await page.goto("/platform/reference?table=ndcPackages");
  await expect(page.getByRole("cell", { name: "00310461150" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "61434000210" })).toBeVisible(); // the bulk NDC is listed, as not billable

  // The ASP table as downloaded, plus next quarter.
  await page.getByRole("link", { name: /ASP payment limits/ }).click();
  await expect(page).toHaveURL(/table=aspPrices/);
  const csv = await (await page.request.get("/api/export/reference/aspPrices")).text();
  const q1 = csv.split("\r\n").find((l) => l.startsWith("J9173,2026Q1"))!;
  const q2 = q1.replace("2026Q1", "2026Q2").replace("3Q25", "4Q25").replace("86.27", "87.31").replace("2026-01-01", "2026-04-01").replace("2026-03-31", "2026-06-30");

  await page.getByLabel("CSV file").setInputFiles({ name: "asp.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv}${q2.replace("J9173", "J91")}\r\n`) });
  await page.getByRole("button", { name: "Check file" }).click();
  const preview = page.getByTestId("upload-preview");
  await expect(preview.getByText(/problem\(s\): nothing can be loaded/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm and load" })).toBeDisabled();

  await page.getByLabel("CSV file").setInputFiles({ name: "asp.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv}${q2}\r\n`) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(preview.getByText("1 added")).toBeVisible();
  await expect(preview.getByRole("cell", { name: "J9173 | 2026Q2" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm and load" }).click();
  await expect(page.getByRole("status").filter({ hasText: "ASP payment limits updated" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "87.31" })).toBeVisible();
  await page.goto("/platform/audit");
  await expect(page.getByTestId("platform-audit").getByText(/ASP payment limits: version 2 \(1 added/)).toBeVisible();
});

test("a practice administrator views, compares and downloads versions but cannot load one; the platform audit trail shows the load", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/admin/reference?table=aspPrices");
  await expect(page.getByTestId("reference-shared-notice")).toBeVisible();
  await expect(page.getByRole("button", { name: "Check file" })).toHaveCount(0);
  const versions = page.getByTestId("reference-versions");
  await expect(versions.getByRole("cell", { name: "As installed" })).toBeVisible();
  await versions.getByRole("button", { name: "Compare with version 1" }).click();
  await expect(page.getByTestId("version-comparison").getByRole("cell", { name: "J9173 | 2026Q2" })).toBeVisible();
  const v1 = await page.request.get("/api/export/reference/aspPrices?version=1");
  expect(v1.status()).toBe(200);
  expect(await v1.text()).not.toContain("2026Q2");
  // The API refuses a practice admin's load outright.
  const refused = await page.request.post("/api/trpc/referenceData.applyUpload", {
    data: { json: { table: "aspPrices", csv: "x", baseFingerprint: "x" } },
  });
  expect(refused.status()).toBe(403);
  await page.goto("/audit/platform");
  await expect(page.getByTestId("platform-audit").getByText("Reference version loaded")).toBeVisible();
  await expect(page.getByTestId("platform-audit").getByText(DEMO_OPERATOR.name).first()).toBeVisible();
});

test("a biller cannot open reference-data administration nor the platform pages", async ({ page }) => {
  await login(page, "biller");
  await page.goto("/admin/reference");
  await expect(page).toHaveURL(/\/forbidden/);
  await page.goto("/platform/reference");
  await expect(page).toHaveURL(/\/forbidden/);
});
