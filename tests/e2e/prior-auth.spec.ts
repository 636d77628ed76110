import { expect, test, login } from "./fixtures";

/**
 * Issue 9's journey on the demo data: a PA coordinator opens a new request from the queue for the
 * active order the demo leaves without one (Xiong, Prairie Mutual Health, 1500 mg every 3 weeks =
 * 150 units of J9173 per infusion, three infusions documented), fills the clinical summary, downloads
 * the request PDF and the PAS bundle, submits and records a partial approval of 300 units (two
 * infusions). A biller then sees the authorization number and the units left on the first
 * infusion's claim preview, and the third infusion cannot be marked ready for billing, with the reason.
 */
test("a coordinator works a request to a partial approval; the biller sees it on the claim and the infusion beyond it is blocked", async ({ page, browser }) => {
  const today = new Date().toISOString().slice(0, 10);
  const longAgo = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
  await login(page, "pa_coordinator");
  await page.goto("/prior-auths");
  await expect(page.getByRole("heading", { name: "Prior authorizations", level: 1 })).toBeVisible();
  await expect(page.locator('[data-testid^="pa-row-"]').first()).toBeVisible();

  // New request from the queue.
  await page.getByRole("button", { name: "New request" }).click();
  const dialog = page.getByRole("dialog", { name: "New prior-authorization request" });
  await dialog.getByLabel("Patient name or MRN").fill("Xiong");
  const candidate = dialog.getByTestId("pa-candidates").getByRole("listitem").filter({ hasText: "Xiong" }).first();
  await candidate.getByRole("button", { name: "Open request" }).click();
  await expect(page).toHaveURL(/\/prior-auths\/[0-9a-f-]{36}$/);
  const requestUrl = page.url();
  await expect(page.getByTestId("pa-status")).toHaveText("Needed");

  // The clinical summary and the channel.
  const form = page.getByRole("form", { name: "Request form" });
  await form.getByLabel("Stage").fill("IV, unresectable");
  await form.getByLabel("ECOG performance status").selectOption("1");
  await form.getByLabel("Treatment intent").selectOption("palliative");
  await form.getByRole("button", { name: "Add biomarker" }).click();
  await form.getByLabel("Biomarker 1 name").fill("HER2");
  await form.getByLabel("Biomarker 1 result").fill("Negative (IHC 0)");
  await form.getByLabel("Prior therapies").fill("None: first-line with gemcitabine and cisplatin.");
  await form.getByLabel("Channel").selectOption("portal");
  await form.getByRole("button", { name: "Save request" }).click();
  await expect(page.getByTestId("pa-status")).toHaveText("Drafting");

  // The packet: the PDF and the Da Vinci PAS bundle.
  const pdf = await page.request.get((await page.getByTestId("pa-pdf").getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const pas = await page.request.get((await page.getByTestId("pa-pas").getAttribute("href"))!);
  expect(pas.status()).toBe(200);
  const bundle = (await pas.json()) as { resourceType: string; entry: { resource: { resourceType: string; use?: string } }[] };
  expect(bundle.resourceType).toBe("Bundle");
  expect(bundle.entry.find((e) => e.resource.resourceType === "Claim")?.resource.use).toBe("preauthorization");

  // Submit, then the payer's partial approval: two infusions' units over dates that cover the given ones.
  await page.getByRole("button", { name: "Mark submitted to the payer" }).click();
  await page.getByRole("dialog", { name: "Mark submitted to the payer" }).getByRole("button", { name: "Mark submitted" }).click();
  await expect(page.getByTestId("pa-status")).toHaveText("Submitted");
  await page.getByRole("button", { name: "Record decision" }).click();
  const decision = page.getByRole("dialog", { name: /Record the payer's decision/ });
  await decision.getByLabel("Decision").selectOption("approve_partially");
  await decision.getByLabel("Decided on").fill(today);
  await decision.getByLabel("Authorization number").fill("PMH-E2E-300");
  await decision.getByLabel("Authorized from").fill(longAgo);
  await decision.getByLabel("Approved units of J9173").fill("300");
  await decision.getByLabel("Approved doses (if stated)").fill("2");
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("pa-status")).toHaveText("Partially approved");
  const ledger = page.locator('[data-authorization="PMH-E2E-300"]');
  await expect(ledger).toContainText("Approved 300");
  await expect(ledger).toContainText("Used 450");
  await expect(ledger).toContainText("needs 150 units; 0 are left");
  await page.screenshot({ path: test.info().outputPath("prior-auth-request.png"), fullPage: true });
  const patientHref = (await page.getByRole("link", { name: /^Xiong, / }).first().getAttribute("href"))!;
  expect(requestUrl).toContain("/prior-auths/");

  // The biller: the first infusion's claim preview carries the authorization and the units left.
  const billerCtx = await browser.newContext();
  const biller = await billerCtx.newPage();
  await login(biller, "biller");
  await biller.goto(patientHref);
  await expect(biller.getByTestId("patient-authorizations")).toContainText("PMH-E2E-300");
  const documented = biller.getByTestId("patient-administrations").locator('[data-testid^="patient-administration-"]').filter({ hasText: "Documented" });
  await expect(documented).toHaveCount(3);
  const dated = await Promise.all((await documented.all()).map(async (r) => ({ date: (await r.locator("td").first().innerText()).slice(0, 10), id: (await r.getAttribute("data-testid"))!.replace("patient-administration-", "") })));
  const sortable = (d: string) => d.replace(/^(\d\d)\/(\d\d)\/(\d{4})$/, "$3-$1-$2"); // MM/DD/YYYY as shown
  dated.sort((a, b) => (sortable(a.date) < sortable(b.date) ? -1 : 1));
  await biller.goto(`/administrations/${dated[0]!.id}`);
  const auth = biller.getByTestId("preview-authorizations");
  await expect(auth).toContainText("Authorization PMH-E2E-300");
  await expect(auth).toContainText("300 approved, 0 used by earlier infusions, this claim 150, 150 left after it");

  // The third infusion is beyond the approved units: not ready for billing, and it says why.
  await biller.goto(`/administrations/${dated[2]!.id}`);
  await expect(biller.getByTestId("findings").locator('[data-rule="R-AUTH"]')).toContainText("PMH-E2E-300 has 0 left (300 approved, 300 used)");
  await expect(biller.getByTestId("ready-blockers")).toContainText("prior authorization (The claim bills");
  await expect(biller.getByTestId("ready-blockers")).not.toContainText("R-AUTH");
  await expect(biller.getByRole("button", { name: "Mark ready for billing" })).toBeDisabled();
  await billerCtx.close();
});
