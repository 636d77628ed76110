import { write835 } from "../../db/seed/remit-835";
import { pdfText } from "../helpers/pdf-text";
import { expect as baseExpect, test, login } from "./fixtures";

// The journeys post files and render PDFs on a machine shared with other work: give them room.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 45_000 });

/**
 * Issue 11's journeys on the demo data: a biller uploads an 835 and watches it post; works a CO-197
 * (authorization) denial into a retro-authorization and then a corrected claim; and a CO-50
 * (medical necessity) denial into an appeal letter PDF.
 */

function remittanceFor(claimNumber: string): Buffer {
  const today = new Date().toISOString().slice(0, 10);
  const text = write835(
    [
      {
        payer: { name: "MEDICARE PART B WPS", id: "05299" },
        payee: { name: "LAKESIDE ONCOLOGY", npi: "1234567893", tin: "391234567" },
        traceNumber: `E2E${Date.now()}`,
        paymentDate: today,
        method: "ACH",
        claims: [
          {
            claimNumber,
            status: "1",
            payerClaimNumber: "E2E0001",
            patient: { lastName: "UNKNOWN", firstName: "PERSON", memberId: "1EG4TE5MK00" },
            lines: [{ code: "96413", chargeCents: 30_000, paidCents: 12_000, allowedCents: 15_000, units: 1, serviceDate: today, adjustments: [{ group: "CO", carc: "45", amountCents: 15_000 }, { group: "PR", carc: "2", amountCents: 3_000 }] }],
          },
        ],
      },
    ],
    4242,
    new Date(),
  );
  return Buffer.from(text, "latin1");
}

test("a biller uploads an 835 and watches it post; the claim that is not ours waits in the queue with the reason", async ({ page }) => {
  await login(page, "biller");
  await page.goto("/remittances");
  await expect(page.getByRole("heading", { name: "Remittances", level: 1 })).toBeVisible();
  await page.getByLabel("835 files").setInputFiles({ name: "e2e-upload.835", mimeType: "text/plain", buffer: remittanceFor("C9900001") });
  await page.getByRole("button", { name: "Upload and post" }).click();
  await expect(page.getByTestId("upload-result")).toContainText("Queued for posting", { timeout: 60_000 });
  const row = page.getByTestId("file-row-e2e-upload.835");
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row.getByTestId("file-status")).toHaveText("Posted", { timeout: 60_000 });
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "1 of 1 claims");
  // the progress lives on the file: a reload shows the same
  await page.reload();
  await expect(page.getByTestId("file-row-e2e-upload.835").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1", { timeout: 60_000 });

  await page.getByRole("link", { name: /Unmatched and held/ }).click();
  const queued = page.getByTestId("queue-row-C9900001");
  await expect(queued).toContainText("No claim of the practice has claim number C9900001");
  await queued.getByRole("link", { name: "Match C9900001" }).click();
  await expect(page.getByTestId("queue-reason")).toContainText("C9900001");
  const lines = page.getByRole("table", { name: "Service lines" });
  await expect(lines).toContainText("CO-45");
  await expect(lines).toContainText("Charge exceeds fee schedule");
  await expect(lines).toContainText("PR-2");
  await expect(page.getByTestId("match-panel")).toBeVisible();
});

test("a biller works a CO-197 denial into a retro-authorization, then a corrected claim", async ({ page }) => {
  await login(page, "biller");
  await page.goto("/denials?category=authorization");
  const row = page.locator('[data-testid^="denial-row-"]').filter({ hasText: "CO-197" }).filter({ hasText: "New" }).first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  const claimNumber = (await row.getAttribute("data-claim"))!;
  await row.getByRole("link", { name: new RegExp(`Work item for claim ${claimNumber}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Authorization denial — claim ${claimNumber}`);
  await expect(page.getByTestId("denial-cause")).not.toBeEmpty();
  await expect(page.getByText("Recommended action: Retro-authorization")).toBeVisible();

  await page.getByRole("button", { name: "Request retro-authorization" }).click();
  await page.getByLabel("Note for the prior-authorization team (optional)").fill("Payer portal: retro request allowed within 30 days.");
  await page.getByRole("dialog").getByRole("button", { name: "Request retro-authorization" }).click();
  await expect(page.getByTestId("denial-status")).toHaveText("Retro-auth requested");

  await page.getByRole("button", { name: "Corrected claim" }).click();
  await page.getByLabel("What was corrected").fill("Retro-authorization approved");
  await page.getByLabel("Authorization number", { exact: true }).fill("RA-E2E-0001");
  await page.getByRole("dialog").getByRole("button", { name: "Create corrected claim" }).click();
  await expect(page.getByTestId("denial-status")).toHaveText("Corrected claim");
  await expect(page.getByText("Corrected claim", { exact: true }).first()).toBeVisible();
  const history = page.getByRole("list", { name: "History" });
  await expect(history).toContainText("Retro-authorization requested");
  await expect(history).toContainText("Corrected claim created");
  await expect(page.getByText("Payer portal: retro request allowed within 30 days.", { exact: true })).toBeVisible();
  await expect(history).toContainText("Payer portal: retro request allowed within 30 days.");
});

test("a biller works a CO-50 denial into an appeal letter PDF and records the appeal", async ({ page }) => {
  await login(page, "biller");
  await page.goto("/denials?category=medical-necessity");
  const row = page.locator('[data-testid^="denial-row-"]').filter({ hasText: "CO-50" }).first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  const claimNumber = (await row.getAttribute("data-claim"))!;
  await row.getByRole("link", { name: new RegExp(`Work item for claim ${claimNumber}`) }).click();
  await expect(page.getByText("Recommended action: Appeal")).toBeVisible();
  await expect(page.getByRole("list", { name: "Denial reasons" })).toContainText("CO-50");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("appeal-letter").click()]);
  expect(download.suggestedFilename()).toBe(`appeal-${claimNumber}.pdf`);
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  const bytes = readFileSync(path!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

  await page.getByRole("button", { name: "Record appeal sent" }).click();
  await page.getByLabel("Argument (optional)").fill("On-label consolidation after chemoradiation for stage III NSCLC.");
  await page.getByRole("dialog").getByRole("button", { name: "Record appeal sent" }).click();
  await expect(page.getByTestId("denial-status")).toHaveText("Appeal sent");
  await expect(page.getByRole("list", { name: "History" })).toContainText("Appeal letter downloaded");
});

test("where the primary's payment is read, a biller bills the secondary claim, and prints it with the primary's EOB", async ({ page }) => {
  await login(page, "biller");
  // the demo's third WPS payment reversed the first paid claim and paid it again; after that the seed
  // billed the patient's supplemental plan with the corrected payment as the primary's
  await page.goto("/remittances");
  await page.locator('[data-testid^="payment-row-EFT"][data-testid$="WPS3"]').getByRole("link").first().click();
  await page.locator('a[href^="/remittances/claims/"]').last().click();
  await expect(page.getByRole("heading", { name: /^Claim payment/ })).toBeVisible();
  const paymentUrl = page.url();
  const secondary = page.getByRole("link", { name: /^C\d+ \(Draft\)$/ });
  await expect(secondary).toBeVisible();
  // the plan was wrong: the biller cancels that secondary claim…
  await secondary.click();
  await expect(page.getByTestId("claim-secondary")).toContainText("Secondary claim: carries the primary's payment from claim");
  await page.getByRole("button", { name: "Cancel claim…" }).click();
  await page.getByRole("dialog").getByLabel("Reason").fill("Billed to the wrong supplemental plan; rebuilding it.");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel the claim" }).click();
  await expect(page.getByTestId("claim-actions")).toContainText("Cancelled");
  // …and bills it again from the remittance, where the primary's payment is shown
  await page.goto(paymentUrl);
  const bill = page.getByRole("button", { name: /^Bill secondary/ });
  await expect(bill).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: test.info().outputPath("claim-payment-bill-secondary.png") });
  await bill.click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("claim-secondary")).toContainText("Secondary claim: carries the primary's payment from claim");
  await page.screenshot({ path: test.info().outputPath("secondary-claim.png"), fullPage: true });
  // on paper it carries the primary's payment (item 29) and the primary's EOB as an attachment page
  const res = await page.request.get(`${new URL(page.url()).pathname.replace("/claims/", "/api/claims/")}/cms1500`);
  expect(res.status()).toBe(200);
  const text = pdfText(new Uint8Array(await res.body())).join("\n");
  expect(text).toContain("PRIMARY PAYER'S EXPLANATION OF BENEFITS");
  expect(text).toContain("Payer: MEDICARE PART B");
});
