import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderAppealLetter, type AppealLetterData } from "@/server/documents/appeal-letter";
import { pdfText } from "../../helpers/pdf-text";

export const exampleLetter: AppealLetterData = {
  date: "2026-10-20",
  practice: { name: "Greenfield Oncology Associates", npi: "1234567893", taxId: "621234567", addressLines: ["200 Infusion Way", "Nashville, TN 37203"], phone: "6155550100" },
  payer: { name: "Summit Health Plan", addressLines: ["900 Payer Plaza", "Louisville, KY 40202"] },
  patient: { name: "Calloway, Dina", birthDate: "1956-03-02", memberId: "XKP881230006" },
  claim: {
    claimNumber: "RM1006",
    payerClaimNumber: "SHP26100400006",
    serviceDate: "2026-09-14",
    chargeCents: 2280000,
    lines: [
      { lineNumber: 1, code: "J9173", modifiers: ["JZ"], units: "150", chargeCents: 2250000, description: "Injection, durvalumab, 10 mg" },
      { lineNumber: 2, code: "96413", modifiers: [], units: "1", chargeCents: 30000 },
    ],
  },
  denial: {
    categoryLabel: "Diagnosis / medical necessity",
    amountCents: 2280000,
    remittanceDate: "2026-10-04",
    traceNumber: "EFT20261004DENY",
    reasons: ["Line 1 J9173: CO-50 These are non-covered services because this is not deemed a 'medical necessity' by the payer. N115 This decision was based on a Local Coverage Determination (LCD)."],
  },
  indication: {
    name: "Unresectable stage III NSCLC after chemoradiation (consolidation)",
    basis: "FDA label, approved 02/16/2018",
    diagnoses: [{ code: "C34.11", description: "Malignant neoplasm of upper lobe, right bronchus or lung" }],
    regimen: "10 mg/kg every 2 weeks or 1500 mg every 4 weeks, up to 12 months",
  },
  authorizations: [{ number: "PA778899", status: "approved", dates: "2026-08-01 to 2027-01-31", units: "J9173 1,950 units" }],
  administration: {
    date: "2026-09-14",
    weight: "72.0 kg",
    dose: "1500 mg (fixed dose, weight ≥ 30 kg)",
    infusion: "09:10 to 10:15 (65 minutes)",
    drugs: ["Durvalumab 00310-4611-50, 3 vials of 500 mg/10 mL, lot AB123, expires 05/31/2027"],
    arithmetic: ["1500 mg administered ÷ 10 mg per unit = 150 units J9173-JZ", "opened 1500 mg − administered 1500 mg = 0 mg waste → JZ"],
  },
  argument: "The patient meets every criterion of the payer's policy; see the enclosed pathology and imaging.",
  attachments: ["Signed order", "Infusion record", "Pathology report", "Authorization approval"],
  signer: { name: "Bea Biller", title: "Billing specialist" },
};

describe("appeal letter PDF", () => {
  it("is a PDF carrying the patient, the claim, the denial in words, the indication, the authorizations, the administration maths and the attachments", async () => {
    const bytes = await renderAppealLetter(exampleLetter);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe("Appeal - claim RM1006");
    const text = pdfText(bytes).join("\n");
    for (const s of [
      "Greenfield Oncology Associates",
      "Calloway, Dina",
      "XKP881230006",
      "RM1006",
      "SHP26100400006",
      "09/14/2026",
      "$22,800.00 (Diagnosis / medical necessity)",
      "CO-50 These are non-covered services",
      "N115 This decision was based on a Local Coverage",
      "FDA label, approved 02/16/2018",
      "C34.11 Malignant neoplasm",
      "Authorization PA778899: approved, 2026-08-01 to 2027-01-31, J9173 1,950 units",
      "72.0 kg",
      "1500 mg administered ÷ 10 mg per unit = 150 units J9173-JZ",
      "opened 1500 mg - administered 1500 mg = 0 mg waste -> JZ",
      "Pathology report",
      "Bea Biller",
    ]) {
      expect(text).toContain(s);
    }
    // one rendered example is kept as a test artifact
    const out = path.resolve(import.meta.dirname, "../../../test-results/artifacts");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "appeal-letter-example.pdf"), bytes);
  });
  it("says so when nothing is on file, and flows onto more pages for long content", async () => {
    const bytes = await renderAppealLetter({
      ...exampleLetter,
      indication: null,
      administration: null,
      authorizations: [],
      attachments: [],
      denial: { ...exampleLetter.denial, reasons: Array.from({ length: 60 }, (_, i) => `Line ${i + 1} J9173: CO-50 not deemed medically necessary.`) },
    });
    const text = pdfText(bytes).join("\n");
    expect(text).toContain("No authorization is on file for this service.");
    expect(text).toContain("No attachments.");
    expect(text).not.toContain("Administration record");
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(1);
    expect(text).toContain("Page 2");
  });
});
