import type { Claim837, Envelope837 } from "@/server/domain/x12/claim-837";

/** Fictional practice, patient and payer used by the 837 tests (claim-rules.md Example 2). */
export function example2Claim(): Claim837 {
  return {
    claimType: "professional",
    submitter: { name: "GREENFIELD ONCOLOGY ASSOCIATES", id: "GOA4471", contactName: "BILLING OFFICE", phone: "6155550100" },
    receiver: { name: "ACME CLEARINGHOUSE", id: "ACMECH01" },
    billingProvider: {
      name: "GREENFIELD ONCOLOGY ASSOCIATES",
      npi: "1234567893",
      tin: "621234567",
      address: { line1: "200 INFUSION WAY", city: "NASHVILLE", state: "TN", postalCode: "372031234" },
      taxonomy: "207RX0202X",
    },
    subscriber: {
      lastName: "RIVERS",
      firstName: "ALMA",
      birthDate: "1956-03-02",
      gender: "F",
      memberId: "XKP881234501",
      groupNumber: "GRP5521",
      address: { line1: "14 CEDAR LANE", city: "FRANKLIN", state: "TN", postalCode: "37064" },
    },
    payer: { name: "SUMMIT HEALTH PLAN", id: "SHP01", claimFilingIndicator: "CI" },
    claim: {
      patientControlNumber: "GC02",
      frequency: "original",
      placeOfService: "11",
      priorAuthNumber: "PA778899",
      diagnoses: ["C3411"],
      lines: [
        {
          code: "J9173",
          modifiers: ["JZ"],
          units: 150,
          chargeCents: 2_250_000,
          dateOfService: "2026-09-14",
          diagnosisPointers: [1],
          ndc: { code11: "00310461150", unit: "ML", quantity: "30" },
          // same number as the claim: must not be repeated at line level (X12 RFI 2459)
          priorAuthNumber: "PA778899",
        },
        { code: "96413", modifiers: [], units: 1, chargeCents: 30_000, dateOfService: "2026-09-14", diagnosisPointers: [1], ndc: null },
      ],
    },
  };
}

export function example2Envelope(): Envelope837 {
  return {
    senderId: "GOA4471",
    receiverId: "ACMECH01",
    interchangeControlNumber: 1001,
    groupControlNumber: 2001,
    transactionSetControlNumber: "0001",
    creationDate: "2026-09-15",
    creationTime: "10:30",
    usage: "T",
  };
}

/** Example 2b: the Medicaid-style payer wants the vial count (UN) instead of millilitres. */
export function example2bClaim(): Claim837 {
  const c = example2Claim();
  const drug = c.claim.lines[0]!;
  return { ...c, claim: { ...c.claim, lines: [{ ...drug, ndc: { code11: "00310461150", unit: "UN", quantity: "3" } }, c.claim.lines[1]!] } };
}

/** A corrected claim (frequency 7) for a dependant patient, with a second diagnosis and a rendering provider. */
export function replacementClaim(): Claim837 {
  const c = example2Claim();
  return {
    ...c,
    patient: {
      lastName: "RIVERS",
      firstName: "JONAH",
      birthDate: "1990-07-19",
      gender: "M",
      relationship: "19",
      address: { line1: "14 CEDAR LANE", city: "FRANKLIN", state: "TN", postalCode: "37064" },
    },
    claim: {
      ...c.claim,
      patientControlNumber: "GC02R",
      frequency: "replacement",
      payerClaimNumber: "SHP2609150777",
      diagnoses: ["C3411", "Z5112"],
      renderingProvider: { lastName: "OKAFOR", firstName: "NNEKA", npi: "1679576722", taxonomy: "207RX0202X" },
      lines: [
        { ...c.claim.lines[0]!, diagnosisPointers: [1, 2], lineControlNumber: "GC02R-1" },
        { ...c.claim.lines[1]!, diagnosisPointers: [1, 2], priorAuthNumber: "PA990011", lineControlNumber: "GC02R-2" },
      ],
    },
  };
}

/** The same encounter billed by the hospital outpatient department on an 837I (TOB 0131). */
export function institutionalClaim(): Claim837 {
  const c = example2Claim();
  return {
    ...c,
    claimType: "institutional",
    billingProvider: { ...c.billingProvider, name: "GREENFIELD REGIONAL HOSPITAL", npi: "1497758544", taxonomy: "282N00000X" },
    claim: {
      ...c.claim,
      patientControlNumber: "GH77",
      placeOfService: undefined,
      typeOfBill: "0131",
      diagnoses: ["C3411", "Z5112"],
      renderingProvider: { lastName: "OKAFOR", firstName: "NNEKA", npi: "1679576722", taxonomy: "207RX0202X" },
      lines: [
        { ...c.claim.lines[0]!, revenueCode: "0636", priorAuthNumber: undefined, lineControlNumber: "GH77-1" },
        { ...c.claim.lines[1]!, revenueCode: "0335", lineControlNumber: "GH77-2" },
      ],
    },
  };
}
