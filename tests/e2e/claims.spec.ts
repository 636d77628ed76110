import { readFile } from "node:fs/promises";
import { type Download, type Page } from "@playwright/test";
import { make277ca } from "../../db/seed/x12-acks";
import { expect, test, login } from "./fixtures";

/**
 * A biller's claim, from a ready infusion to a resubmission: the demo's infusion closest to its filing
 * limit (Stanley Jablonski's cycle 15, left unbilled by the demo) becomes a claim with the scrubber's
 * timely-filing warning, overridden with a reason; the claim is batched, its 837 and CMS-1500
 * downloaded, the payer's 277CA (written here from the 837 the way a payer answers) rejects the
 * diagnosis, and the biller fixes the claim and sends it again as a new original (frequency 1).
 */
test.use({ viewport: { width: 1440, height: 900 } });

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ d: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return { d, bytes: await readFile((await d.path())!) };
}

async function claimNumberOf(page: Page): Promise<string> {
  const h1 = await page.getByRole("heading", { level: 1 }).innerText();
  return /^Claim (\S+) —/.exec(h1)![1]!;
}

async function batchClaim(page: Page, claimNumber: string) {
  await page.goto("/claims/batches");
  await page.getByRole("checkbox", { name: `Choose claim ${claimNumber}` }).check();
  await page.getByRole("button", { name: "Create batch" }).click();
  await expect(page.getByText("Batch created", { exact: false }).first()).toBeVisible();
  await page.goBack();
}

test("a biller builds a claim, overrides a warning, batches it, reads the 277CA rejection and resubmits the fixed claim", async ({ page }) => {
  test.setTimeout(150_000);
  await login(page, "biller");

  // Build: the filing-deadlines worklist shows the unbilled infusion close to its limit.
  await page.goto("/claims/deadlines");
  await expect(page.locator("[data-testid^=deadline-row-]").filter({ hasText: "C15D1" }).first()).toContainText("Jablonski");
  await page.goto("/claims/unbilled?q=Jablonski");
  const pick = page.getByRole("checkbox", { name: /^Choose .*Jablonski.* C15D1 / });
  await pick.check();
  await page.screenshot({ path: test.info().outputPath("unbilled.png") });
  await page.getByRole("button", { name: "Build claim" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  const claimUrl = page.url();
  const claimNumber = await claimNumberOf(page);

  // The scrubber's warning needs a reason; the claim cannot be made ready before.
  const warning = page.locator('[data-testid="claim-finding"][data-severity="warning"][data-rule="R-TIMELY"]');
  await expect(warning).toContainText(/days? left to file/);
  await expect(page.getByTestId("claim-blockers")).toBeVisible();
  await warning.getByRole("button", { name: "Override…" }).click();
  const reason = "Sent electronically today, before the last day to file; the clearinghouse date counts.";
  await page.getByLabel("Why the claim is right as it is").fill(reason);
  await page.getByRole("button", { name: "Override the warning" }).click();
  await expect(warning.getByTestId("override-reason")).toContainText(reason);
  await page.getByRole("button", { name: "Mark ready to send" }).click();
  await expect(page.getByTestId("claim-actions")).toContainText("Ready to send");
  await page.screenshot({ path: test.info().outputPath("claim.png"), fullPage: true });

  // The print view (the practice's paper copy) and the CMS-1500 PDF.
  await page.getByTestId("claim-print-link").click();
  await expect(page).toHaveURL(/\/print$/);
  await expect(page.getByTestId("print-lines")).toContainText("J9173 JZ");
  await expect(page.getByTestId("claim-print")).toContainText(reason);
  await page.screenshot({ path: test.info().outputPath("print.png"), fullPage: true });
  await page.goBack();
  const pdf = await downloaded(page, () => page.getByTestId("cms1500-download").click());
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.d.suggestedFilename()).toBe(`cms1500-${claimNumber}.pdf`);

  // Batch it, download the 837, record the submission.
  await batchClaim(page, claimNumber);
  await expect(page).toHaveURL(claimUrl);
  const batches = page.getByTestId("claim-batches");
  const x12 = (await downloaded(page, () => batches.getByRole("link", { name: /\.(x12|837|txt|edi)$/ }).first().click())).bytes.toString("latin1");
  const clm = new RegExp(`~CLM\\*${claimNumber}\\*([\\d.]+)\\*\\*\\*11:B:1\\*`).exec(x12);
  expect(clm, "the 837 carries the claim as an original").not.toBeNull();
  await batches.getByRole("link", { name: /^ICN / }).click();
  await page.getByRole("button", { name: "Record as submitted…" }).click();
  await page.getByRole("button", { name: "Submitted", exact: true }).click();
  await page.goto(claimUrl);
  await expect(page.getByTestId("claim-actions")).toContainText("Submitted");

  // The payer's 277CA rejects the diagnosis on this claim (matched by CLM01).
  const payer = /~NM1\*PR\*2\*([^*~]+)\*{5}PI\*([^*~]+)/.exec(x12)!;
  const insured = /~NM1\*IL\*1\*([^*~]+)\*([^*~]+)\*{4}MI\*([^*~]+)/.exec(x12)!;
  const dos = /~DTP\*472\*D8\*(\d{8})/.exec(x12)![1]!;
  const ack = make277ca(
    [{ claimNumber, status: "A7:255:IL", amount: clm![1]!, dateOfService: dos, lastName: insured[1]!, firstName: insured[2]!, memberId: insured[3]! }],
    { icn: 970001, payerName: payer[1]!, payerId: payer[2]!, trace: `E2E${claimNumber}` },
  );
  await page.goto("/claims/acknowledgments");
  await page.getByLabel("999 or 277CA files").setInputFiles({ name: "payer-277ca.txt", mimeType: "text/plain", buffer: Buffer.from(ack, "latin1") });
  await page.getByRole("button", { name: "Import" }).click();
  const result = page.getByTestId("ack-result");
  await expect(result).toHaveAttribute("data-outcome", "imported");
  await expect(result).toContainText(`Claim ${claimNumber}`);

  await page.goto(claimUrl);
  const rejection = page.getByTestId("claim-rejection");
  await expect(rejection).toContainText("277CA");
  await expect(rejection).toContainText("Diagnosis code");
  await expect(page.getByTestId("claim-actions")).toContainText("Rejected");
  await expect(page.getByRole("button", { name: "Replacement claim…" })).toHaveCount(0);

  // Fix and resubmit: a new original (frequency 1) with the corrected diagnosis.
  await page.getByRole("button", { name: "Fix and resubmit…" }).click();
  await page.getByLabel("Reason").fill("Diagnosis corrected to the lower lobe per the pathology report.");
  await page.getByRole("button", { name: "Create the resubmission" }).click();
  await expect(page).not.toHaveURL(claimUrl);
  await expect(page.getByTestId("claim-frequency")).toHaveText("Resubmission (1)");
  const fixedNumber = await claimNumberOf(page);
  await page.getByRole("button", { name: "Edit claim" }).click();
  await page.getByLabel("Diagnoses (ICD-10-CM, in pointer order)").fill("C34.31");
  await page.getByRole("button", { name: "Save and re-scrub" }).click();
  await expect(page.getByText("C34.31")).toBeVisible();
  await page.getByRole("button", { name: "Mark ready to send" }).click();
  await expect(page.getByTestId("claim-actions")).toContainText("Ready to send");
  await batchClaim(page, fixedNumber);
  const again = (await downloaded(page, () => page.getByTestId("claim-batches").getByRole("link", { name: /\.(x12|837|txt|edi)$/ }).first().click())).bytes.toString("latin1");
  expect(again).toMatch(new RegExp(`~CLM\\*${fixedNumber}\\*[\\d.]+\\*\\*\\*11:B:1\\*`));
  expect(again).toContain("HI*ABK:C3431");
  expect(again).not.toContain("REF*F8");

  // The worklist shows both: the rejected claim and its resubmission.
  await page.goto("/claims?q=Jablonski");
  await expect(page.getByTestId("claim-link").filter({ hasText: fixedNumber })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("worklist.png") });
});
