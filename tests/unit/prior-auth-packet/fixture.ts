import { packetDosing, type PacketData } from "@/server/domain/prior-auth-packet";
import { ref } from "../billing/helpers";

/** A weight-based stage III NSCLC request under a commercial plan that bills waste (JW). */
export function examplePacket(over: Partial<PacketData> = {}): PacketData {
  const base: PacketData = {
    request: {
      id: "6f1c2a9e-6a54-4f0e-9a0d-2b1f6c1d7e11",
      requestNumber: "PA-000042",
      revision: 3,
      kind: "initial",
      status: "drafting",
      statusLabel: "Drafting",
      startDate: "2026-09-14",
      endDate: "2027-03-12",
      firstDoseDate: "2026-09-14",
      channel: "portal",
      payerReference: null,
      payerContact: "Provider services 800-555-0142",
      notes: null,
      createdAt: "2026-09-01T14:00:00.000Z",
      submittedAt: null,
    },
    practice: { id: "p1", name: "Greenfield Oncology Associates", npi: "1234567893", taxId: "62-1234567", address: { line1: "200 Infusion Way", line2: null, city: "Nashville", state: "TN", zip: "372031234" } },
    patient: { id: "pat-1", mrn: "MRN-7F3A", firstName: "Ada", lastName: "Lindqvist", birthDate: "1952-03-04", sex: "female", address: { line1: "1 Main St", line2: "Apt 2", city: "Madison", state: "WI", zip: "53703" }, phone: "6085550123" },
    coverage: { id: "cov-1", memberId: "NWH884213", groupNumber: "G-5521", planName: "Northwoods PPO Gold", relationship: "self", subscriber: null, effectiveDate: "2026-01-01", endDate: null },
    payer: { id: "payer-1", name: "Northwoods Health PPO", ediPayerId: "NWH01" },
    orderingProvider: { id: "prov-1", firstName: "Maya", lastName: "Okonkwo", credential: "MD", npi: "1497758544", taxonomyCode: "207RX0202X" },
    site: { id: "loc-1", name: "Greenfield Infusion Suite", placeOfService: "11", placeOfServiceLabel: "11 — Office", address: { line1: "200 Infusion Way", line2: "Suite 3", city: "Nashville", state: "TN", zip: "37203" }, facilityNpi: null },
    order: { id: "ord-1", startDate: "2026-09-14", durationMonths: 12 },
    weight: { kg: "67.3", source: "weight on the order" },
    lines: [
      {
        hcpcs: "J9173",
        descriptor: "Injection, durvalumab, 10 mg",
        drug: "durvalumab",
        brand: "Imfinzi",
        unitAmount: "10",
        ndc: { ndc11: "00310450012", labelNdc: "0310-4500-12", description: "Imfinzi 120 mg/2.4 mL single-dose vial" },
        units: 936,
        doses: 13,
      },
    ],
    dosing: packetDosing(ref, {
      phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
      combination: null,
      indicationId: "nsclc-stage3-consolidation",
      durationMonths: 12,
      weightKg: "67.3",
      date: "2026-09-14",
      billsWaste: true,
    }),
    diagnoses: [
      { code: "C34.11", description: "Malignant neoplasm of upper lobe, right bronchus or lung" },
      { code: "Z92.3", description: "Personal history of irradiation" },
    ],
    indication: { id: "nsclc-stage3-consolidation", name: "Unresectable stage III NSCLC without progression after concurrent platinum chemoradiation (single agent)", basis: "FDA label, approved 02/16/2018", source: "Imfinzi USPI §1.1" },
    clinical: { stage: "IIIA", biomarkers: [{ name: "PD-L1", result: "TPS 60% (22C3)" }], priorTherapies: "Concurrent cisplatin/etoposide with 60 Gy, completed 2026-08-20", ecog: "1", intent: "consolidation", notes: null },
    previousAuthorizations: [],
    attachments: [
      { id: "0b7d3f6e-1111-4c1e-8f00-000000000001", fileName: "pathology report.pdf", contentType: "application/pdf", sizeBytes: 2048, sha256: "ab".repeat(32), description: "Pathology", uploadedAt: "2026-09-02T10:00:00.000Z", inline: { base64: Buffer.from("%PDF-1.4 tiny").toString("base64"), sha1Base64: "c2hhMQ==" } },
      { id: "0b7d3f6e-1111-4c1e-8f00-000000000002", fileName: "PET-CT.tiff", contentType: "image/tiff", sizeBytes: 3 * 1024 * 1024, sha256: "cd".repeat(32), description: null, uploadedAt: "2026-09-02T10:05:00.000Z", inline: null },
    ],
  };
  return { ...base, ...over };
}
