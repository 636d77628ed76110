import { describe, expect, it } from "vitest";
import type { ClaimCob } from "@/server/domain/claims/cob";
import type { ClaimLineData } from "@/server/domain/claims/types";
import { renderCms1500 } from "@/server/documents/cms1500";
import { toCms1500Data, type Cms1500Source } from "@/server/services/claim-documents";
import { testParties } from "../../factories/remittance";
import { pdfText } from "../../helpers/pdf-text";

/** A tertiary claim on paper: Northwoods paid first, Medicare second, Medicaid is billed now. */
const lines: ClaimLineData[] = [
  { kind: "drug", code: "J9173", modifiers: ["JZ"], units: 150, chargeCents: 2_250_000, ndc: { code11: "00310461150", unit: "ML", quantity: "30" }, diagnosisPointers: [1], revenueCode: null, priorAuthNumber: null, dateOfService: "2026-09-14" },
  { kind: "admin", code: "96413", modifiers: [], units: 1, chargeCents: 30_000, ndc: null, diagnosisPointers: [1], revenueCode: null, priorAuthNumber: null, dateOfService: "2026-09-14" },
];
const subscriber = { lastName: "OLSON", firstName: "MARGARET", memberId: "1EG4TE5MK73" };
const primaryCob: ClaimCob = {
  primaryClaimId: "p",
  primaryClaimNumber: "C0000101",
  otherPayer: { responsibility: "P", relationship: "18", claimFilingIndicator: "CI", groupNumber: "GRP778", subscriber, payer: { name: "NORTHWOODS HEALTH PPO", id: "NWH200" }, paidCents: 1_616_000, claimAdjustments: [], remainingPatientLiabilityCents: 204_000, payerClaimControlNumber: "NWH555", adjudicationDate: "2026-10-02" },
  lines: [
    { position: 1, adjudication: { paidCents: 1_600_000, code: "J9173", modifiers: ["JZ"], units: 150, adjudicationDate: "2026-10-02", adjustments: [{ group: "CO", reason: "45", amountCents: 450_000 }, { group: "PR", reason: "2", amountCents: 200_000 }] } },
    { position: 2, adjudication: { paidCents: 16_000, code: "96413", modifiers: [], units: 1, adjudicationDate: "2026-10-02", adjustments: [{ group: "CO", reason: "45", amountCents: 10_000 }, { group: "PR", reason: "3", amountCents: 4_000 }] } },
  ],
};
const tertiaryCob: ClaimCob = {
  primaryClaimId: "s",
  primaryClaimNumber: "C0000102",
  otherPayer: { responsibility: "S", relationship: "18", claimFilingIndicator: "MB", subscriber: { ...subscriber, memberId: "1EG4TE5MK99" }, payer: { name: "MEDICARE PART B WPS", id: "05299" }, paidCents: 153_000, claimAdjustments: [{ group: "CO", reason: "45", amountCents: 2_077_000 }, { group: "PR", reason: "2", amountCents: 50_000 }], remainingPatientLiabilityCents: 50_000, adjudicationDate: "2026-10-12" },
  lines: [],
  earlier: [primaryCob],
};
const words: Record<string, string> = { "45": "Charge exceeds fee schedule/maximum allowable.", "2": "Coinsurance Amount.", "3": "Co-payment Amount." };

const source = (over: Partial<Cms1500Source>): Cms1500Source => ({
  claimNumber: "C0000103",
  frequency: "original",
  payerClaimNumber: null,
  priorAuthNumber: null,
  placeOfService: "11",
  diagnoses: ["C34.11"],
  parties: { ...testParties({ payerName: "BADGER STATE MEDICAID", payerId: "BSMCD7" }), insuranceType: "medicaid" },
  lines,
  orderingProvider: null,
  signer: { name: "Pat Biller", date: "2026-10-20" },
  carcText: (c) => words[c] ?? "?",
  ...over,
});

describe("CMS-1500 of a secondary or tertiary claim", () => {
  it("names the first payer in items 9/9a/9d, says yes in 11d and puts what the prior payers paid in item 29", () => {
    const d = toCms1500Data(source({ cob: tertiaryCob }));
    expect(d.otherInsured).toEqual({ name: "OLSON, MARGARET", policyNumber: "GRP778", planName: "NORTHWOODS HEALTH PPO" });
    expect(d.amountPaidCents).toBe(1_616_000 + 153_000);
    expect(d.priorPayers!.map((p) => [p.responsibility, p.payerName, p.claimNumber, p.paidCents, p.patientResponsibilityCents])).toEqual([
      ["P", "NORTHWOODS HEALTH PPO", "C0000101", 1_616_000, 204_000],
      ["S", "MEDICARE PART B WPS", "C0000102", 153_000, 50_000],
    ]);
    expect(d.priorPayers![0]!.lines[0]).toMatchObject({ position: 1, code: "J9173", chargeCents: 2_250_000, paidCents: 1_600_000, adjustments: [{ group: "CO", reason: "45", text: words["45"] }, { group: "PR", reason: "2", text: words["2"] }] });
    expect(d.priorPayers![1]!.claimAdjustments).toHaveLength(2);
  });

  it("leaves item 29 empty when Medicare is the payer billed (its instructions: what the patient paid), the EOB still attached", () => {
    const d = toCms1500Data(source({ cob: primaryCob, parties: { ...testParties({ payerName: "MEDICARE PART B WPS", payerId: "05299" }), insuranceType: "medicare" } }));
    expect(d.amountPaidCents).toBeNull();
    expect(d.otherInsured?.planName).toBe("NORTHWOODS HEALTH PPO");
    expect(d.priorPayers).toHaveLength(1);
  });

  it("a primary claim has no other-payer items", () => {
    const d = toCms1500Data(source({}));
    expect(d.otherInsured).toBeUndefined();
    expect(d.amountPaidCents).toBeUndefined();
    expect(d.priorPayers).toBeUndefined();
  });

  it("prints item 29 and one explanation-of-benefits page per prior payer after the form", async () => {
    const text = pdfText(await renderCms1500(toCms1500Data(source({ cob: tertiaryCob })))).join("\n");
    expect(text).toContain("$17690");
    expect(text).toContain("ATTACHMENT TO CMS-1500 CLAIM C0000103: PRIMARY PAYER'S EXPLANATION OF BENEFITS");
    expect(text).toContain("ATTACHMENT TO CMS-1500 CLAIM C0000103: SECONDARY PAYER'S EXPLANATION OF BENEFITS");
    expect(text).toContain("Paid by this payer: $16,160.00   patient responsibility: $2,040.00");
    expect(text).toMatch(/CO-45\s+\$4,500\.00\s+Charge exceeds fee schedule\/maximum allowable\./);
    expect(text).toContain("Claim billed to this payer: C0000102   payer's claim number: not given");
    expect(text).toContain("NORTHWOODS HEALTH PPO");
    const plain = pdfText(await renderCms1500(toCms1500Data(source({})))).join("\n");
    expect(plain).not.toContain("ATTACHMENT");
  });
});
