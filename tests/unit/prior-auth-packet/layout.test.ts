import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderPriorAuthPacket } from "@/server/documents/prior-auth-packet";
import { buildPacketDocument, packetTextLines } from "@/server/domain/prior-auth-packet";
import { pdfText } from "../../helpers/pdf-text";
import { examplePacket } from "./fixture";

describe("the printable request packet", () => {
  it("says everything a payer's drug-authorization form asks for", () => {
    const doc = buildPacketDocument(examplePacket(), "2026-09-03");
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Request",
      "Patient",
      "Insurance",
      "Ordering provider and site of care",
      "Drug requested",
      "Dose and schedule",
      "Diagnoses (ICD-10-CM)",
      "Indication",
      "Clinical summary",
      "Attachments",
      "Attestation",
    ]);
    const text = packetTextLines(doc);
    for (const line of [
      "Request number: PA-000042",
      "Dates requested: 09/14/2026 to 03/12/2027",
      "Name: Lindqvist, Ada",
      "Date of birth: 03/04/1952",
      "Member ID: NWH884213",
      "Subscriber: Lindqvist, Ada (the patient)",
      "Provider NPI: 1497758544",
      "Ordering provider: Maya Okonkwo, MD",
      "Site address: 200 Infusion Way, Suite 3, Nashville, TN 37203",
      "HCPCS J9173: Injection, durvalumab, 10 mg (Imfinzi, durvalumab; 1 unit = 10 mg)",
      "NDC: 00310-4500-12 (11-digit 00310450012; labelled 0310-4500-12), Imfinzi 120 mg/2.4 mL single-dose vial",
      "Units requested: 936 units J9173 for 13 doses, 09/14/2026 to 03/12/2027",
      "Weight: 67.3 kg (weight on the order)",
      "10 mg/kg × 67.3 kg = 673 mg",
      "Principal: C34.11 Malignant neoplasm of upper lobe, right bronchus or lung",
      "Z92.3 Personal history of irradiation",
      "Basis: FDA label, approved 02/16/2018",
      "Stage: IIIA",
      "Biomarkers: PD-L1: TPS 60% (22C3)",
      "ECOG performance status: 1",
      "Treatment intent: Consolidation",
      "pathology report.pdf - Pathology (application/pdf, 2 KB, added 09/02/2026)",
      "PET-CT.tiff (image/tiff, 3.0 MB, added 09/02/2026)",
    ]) {
      expect(text).toContain(line);
    }
    expect(doc.subtitle).toContain("Northwoods Health PPO, member NWH884213");
  });

  it("a renewal names the order's earlier authorizations", () => {
    const d = examplePacket({
      request: { ...examplePacket().request, kind: "renewal" },
      previousAuthorizations: [
        { number: "NWH-A-3141", hcpcs: "J9173", startDate: "2026-03-02", endDate: "2026-08-28", approvedUnits: 936, voided: false },
        { number: "NWH-A-2718", hcpcs: "J9173", startDate: "2026-01-05", endDate: "2026-03-01", approvedUnits: 288, voided: true },
      ],
    });
    const text = packetTextLines(buildPacketDocument(d, "2026-09-03"));
    expect(text).toContain("Request type: Renewal authorization, drug (medical benefit)");
    expect(text).toContain("Previous authorizations: NWH-A-3141: 936 units J9173, 03/02/2026 to 08/28/2026");
    expect(text).toContain(": NWH-A-2718: 288 units J9173, 01/05/2026 to 03/01/2026 (replaced)");
  });

  it("names what is missing instead of printing blanks, and a subscriber who is not the patient", () => {
    const d = examplePacket({
      clinical: { stage: null, biomarkers: [], priorTherapies: null, ecog: null, intent: null, notes: null },
      attachments: [],
      coverage: { ...examplePacket().coverage, relationship: "spouse", subscriber: { firstName: "Lars", lastName: "Lindqvist", birthDate: "1950-07-01" } },
    });
    const text = packetTextLines(buildPacketDocument(d, "2026-09-03"));
    expect(text).toContain("Stage: not recorded");
    expect(text).toContain("Biomarkers: not recorded");
    expect(text).toContain("No attachments.");
    expect(text).toContain("Subscriber: Lindqvist, Lars (born 07/01/1950)");
    expect(text).toContain("Patient's relationship: Spouse");
  });

  it("renders a PDF whose text carries the request's key values, over more than one page when needed", async () => {
    const bytes = await renderPriorAuthPacket(buildPacketDocument(examplePacket(), "2026-09-03"));
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const text = pdfText(bytes).join(" ");
    for (const v of ["PA-000042", "NWH884213", "1497758544", "J9173", "00310-4500-12", "C34.11", "936 units", "673 mg", "TPS 60%"]) expect(text).toContain(v);
    // one rendered example is kept as a test artifact
    const out = path.resolve(import.meta.dirname, "../../../test-results/artifacts");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "prior-auth-packet-example.pdf"), bytes);

    const long = examplePacket({ diagnoses: Array.from({ length: 12 }, (_, i) => ({ code: `C34.${i}`, description: "Malignant neoplasm of bronchus or lung ".repeat(3) })), request: { ...examplePacket().request, notes: "Peer-to-peer available on request. ".repeat(60) } });
    const pdf = await PDFDocument.load(await renderPriorAuthPacket(buildPacketDocument(long, "2026-09-03")));
    expect(pdf.getPageCount()).toBeGreaterThan(1);
  });
});

describe("long words in the packet", () => {
  it("a URL wider than the column is broken across lines instead of running off the page", async () => {
    const url = `https://example.org/${"very-long-path-segment-".repeat(8)}end`;
    const d = examplePacket();
    const bytes = await renderPriorAuthPacket(buildPacketDocument({ ...d, indication: { ...d.indication, source: url } }, "2026-09-03"));
    const shown = pdfText(bytes);
    expect(shown.join("")).toContain(url);
    expect(shown.includes(url)).toBe(false);
  });
});

describe("page breaks", () => {
  it("a dose and its arithmetic stay on one page", async () => {
    const shown = pdfText(await renderPriorAuthPacket(buildPacketDocument(examplePacket(), "2026-09-03")));
    const pageOf = (text: string) => shown.slice(0, shown.indexOf(text)).filter((t) => / Page \d+$/.test(t)).length;
    expect(shown.indexOf("J9173 consolidation")).toBeGreaterThan(-1);
    expect(pageOf("J9173 consolidation")).toBe(pageOf("Units per dose: 68 + 4 = 72 units J9173"));
  });
});
