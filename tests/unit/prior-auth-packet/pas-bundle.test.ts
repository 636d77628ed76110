import { describe, expect, it } from "vitest";
import type { Bundle, Claim, Condition, Coverage, DocumentReference, MedicationRequest, Organization, Patient, Practitioner, PractitionerRole, Resource } from "@medplum/fhirtypes";
import { buildPasBundle, inlineAttachmentIds, PAS_EXTENSIONS, PAS_INLINE_MAX_BYTES, PAS_PROFILES, stableUuid, SYSTEMS } from "@/server/domain/prior-auth-packet";
import { examplePacket } from "./fixture";

const OPTS = { timestamp: "2026-09-03T15:00:00.000Z", attachmentUrl: (id: string) => `https://app.example/api/prior-auths/r/attachments/${id}` };

/** Every `reference` string anywhere in a resource. */
function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "reference" && typeof v === "string") out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

function resources<T extends Resource>(b: Bundle, type: T["resourceType"]): T[] {
  return (b.entry ?? []).map((e) => e.resource!).filter((r): r is T => r.resourceType === type);
}

function resolve<T extends Resource>(b: Bundle, ref: string | undefined): T {
  const e = b.entry!.find((x) => x.fullUrl === ref);
  if (!e) throw new Error(`unresolved reference ${ref}`);
  return e.resource as T;
}

describe("the Da Vinci PAS request Bundle", () => {
  const bundle = buildPasBundle(examplePacket(), OPTS);
  const claim = resources<Claim>(bundle, "Claim")[0]!;

  it("is a PAS request bundle: collection, identifier, timestamp, the Claim first, fullUrl and resource on every entry", () => {
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: OPTS.timestamp, meta: { profile: [PAS_PROFILES.bundle] } });
    expect(bundle.identifier).toEqual({ system: "urn:trnorg:1621234567", value: "PA-000042-r3" });
    expect(bundle.entry![0]!.resource!.resourceType).toBe("Claim");
    expect(resources(bundle, "Claim")).toHaveLength(1);
    for (const e of bundle.entry!) {
      expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource!.id}`);
      expect(e.request).toBeUndefined();
      expect(e.search).toBeUndefined();
      expect(e.response).toBeUndefined();
    }
    expect(new Set(bundle.entry!.map((e) => e.fullUrl)).size).toBe(bundle.entry!.length);
  });

  it("every reference resolves inside the bundle", () => {
    const refs = referencesIn(bundle.entry!.map((e) => e.resource));
    expect(refs.length).toBeGreaterThan(15);
    const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
    expect(refs.filter((r) => !urls.has(r))).toEqual([]);
  });

  it("the Claim has the PAS Claim profile's required elements and fixed values", () => {
    expect(claim.meta?.profile).toEqual([PAS_PROFILES.claim]);
    // PASClaim: identifier 1..2; PASClaimBase: status = active, use = preauthorization, insurer 1..1; base Claim: type, patient, created, provider, priority, insurance 1..*
    expect(claim.identifier).toEqual([{ system: "urn:trnorg:1621234567", value: "PA-000042" }]);
    expect(claim).toMatchObject({ status: "active", use: "preauthorization", created: OPTS.timestamp });
    expect(claim.type.coding![0]).toMatchObject({ system: SYSTEMS.claimType, code: "professional" });
    expect(claim.priority.coding![0]).toMatchObject({ system: SYSTEMS.priority, code: "normal" });
    expect(resolve<Patient>(bundle, claim.patient.reference).resourceType).toBe("Patient");
    expect(resolve<Organization>(bundle, claim.insurer!.reference).name).toBe("Northwoods Health PPO");
    expect(resolve<Organization>(bundle, claim.provider.reference).name).toBe("Greenfield Oncology Associates");
    expect(claim.insurance).toHaveLength(1);
    expect(claim.insurance[0]).toMatchObject({ sequence: 1, focal: true });
    expect(resolve<Coverage>(bundle, claim.insurance[0]!.coverage.reference).resourceType).toBe("Coverage");
    // careTeam: scope extension 1..1, provider a PractitionerRole, role "DK" ordering physician
    const ct = claim.careTeam![0]!;
    expect(ct.extension).toEqual([{ url: PAS_EXTENSIONS.careTeamClaimScope, valueBoolean: true }]);
    expect(ct.role!.coding![0]).toMatchObject({ system: SYSTEMS.x12("98"), code: "DK" });
    expect(resolve<PractitionerRole>(bundle, ct.provider.reference).resourceType).toBe("PractitionerRole");
  });

  it("items: 1..*, a category (1..1), HCPCS J9173 as PAS codes it (not the CPT system), units, dates, place of service and the requested MedicationRequest", () => {
    expect(claim.item).toHaveLength(1);
    const item = claim.item![0]!;
    expect(item.sequence).toBe(1);
    expect(item.category!.coding![0]).toMatchObject({ system: SYSTEMS.x12("1365"), code: "78" });
    expect(item.productOrService.coding).toEqual([{ system: "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", code: "J9173", display: "Injection, durvalumab, 10 mg" }]);
    expect(JSON.stringify(bundle)).not.toContain("http://www.ama-assn.org/go/cpt");
    expect(item.quantity).toMatchObject({ value: 936, code: "UN" });
    expect(item.servicedPeriod).toEqual({ start: "2026-09-14", end: "2027-03-12" });
    expect(item.locationCodeableConcept!.coding![0]).toMatchObject({ system: SYSTEMS.placeOfService, code: "11" });
    expect(item.diagnosisSequence).toEqual([1, 2]);
    expect(item.careTeamSequence).toEqual([1]);
    const cert = item.extension!.find((e) => e.url === PAS_EXTENSIONS.certificationType)!;
    expect(cert.valueCodeableConcept!.coding![0]!.code).toBe("I");
    const requested = item.extension!.find((e) => e.url === PAS_EXTENSIONS.requestedService)!;
    const med = resolve<MedicationRequest>(bundle, requested.valueReference!.reference);
    expect(med).toMatchObject({ resourceType: "MedicationRequest", status: "active", intent: "order" });
    // every informationSequence points at a supportingInfo entry
    const seqs = new Set(claim.supportingInfo!.map((s) => s.sequence));
    expect(item.informationSequence!.every((s) => seqs.has(s))).toBe(true);
  });

  it("diagnoses are ICD-10-CM codes (principal first), each also a Condition the MedicationRequest gives as its reason", () => {
    expect(claim.diagnosis!.map((d) => [d.sequence, d.diagnosisCodeableConcept!.coding![0]!.system, d.diagnosisCodeableConcept!.coding![0]!.code])).toEqual([
      [1, SYSTEMS.icd10cm, "C34.11"],
      [2, SYSTEMS.icd10cm, "Z92.3"],
    ]);
    expect(claim.diagnosis![0]!.type![0]!.coding![0]!.code).toBe("principal");
    const conditions = resources<Condition>(bundle, "Condition");
    expect(conditions.map((c) => c.code!.coding![0])).toEqual([
      { system: "http://hl7.org/fhir/sid/icd-10-cm", code: "C34.11", display: "Malignant neoplasm of upper lobe, right bronchus or lung" },
      { system: "http://hl7.org/fhir/sid/icd-10-cm", code: "Z92.3", display: "Personal history of irradiation" },
    ]);
    for (const c of conditions) {
      expect(c.category![0]!.coding![0]!.code).toBe("problem-list-item");
      expect(resolve<Patient>(bundle, c.subject.reference).resourceType).toBe("Patient");
    }
    const med = resources<MedicationRequest>(bundle, "MedicationRequest")[0]!;
    expect(med.reasonReference!.map((r) => resolve<Condition>(bundle, r.reference).code!.coding![0]!.code)).toEqual(["C34.11", "Z92.3"]);
  });

  it("the MedicationRequest codes durvalumab by HCPCS and NDC (10-digit labelled form), with the dose, the requester and the units", () => {
    const med = resources<MedicationRequest>(bundle, "MedicationRequest")[0]!;
    expect(med.meta?.profile).toEqual([PAS_PROFILES.medicationRequest]);
    expect(med.medicationCodeableConcept!.coding).toEqual([
      { system: SYSTEMS.hcpcs, code: "J9173", display: "Injection, durvalumab, 10 mg" },
      { system: "http://hl7.org/fhir/sid/ndc", code: "0310-4500-12", display: "Imfinzi 120 mg/2.4 mL single-dose vial" },
    ]);
    expect(resolve<Patient>(bundle, med.subject.reference).resourceType).toBe("Patient");
    expect(resolve<PractitionerRole>(bundle, med.requester!.reference).resourceType).toBe("PractitionerRole");
    expect(med.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity).toMatchObject({ value: 673, code: "mg", system: SYSTEMS.ucum });
    expect(med.dosageInstruction![0]!.timing).toEqual({ repeat: { frequency: 1, period: 2, periodUnit: "wk" } });
    expect(med.dispenseRequest!.quantity).toMatchObject({ value: 936 });
    expect(med.dispenseRequest!.validityPeriod).toEqual({ start: "2026-09-14", end: "2027-03-12" });
  });

  it("Coverage: active, subscriber id, payor the insurer, X12 relationship; the patient carries the member id when self-insured", () => {
    const cov = resources<Coverage>(bundle, "Coverage")[0]!;
    expect(cov).toMatchObject({ status: "active", subscriberId: "NWH884213" });
    expect(cov.relationship!.coding![0]).toMatchObject({ system: SYSTEMS.x12("1069"), code: "18" });
    expect(resolve<Organization>(bundle, cov.payor[0]!.reference).meta!.profile).toEqual([PAS_PROFILES.insurer]);
    expect(cov.subscriber!.reference).toBe(cov.beneficiary.reference);
    const patient = resolve<Patient>(bundle, cov.beneficiary.reference);
    expect(patient.identifier!.find((i) => i.type?.coding?.[0]?.code === "MB")?.value).toBe("NWH884213");
    expect(patient).toMatchObject({ gender: "female", birthDate: "1952-03-04", name: [{ family: "Lindqvist", given: ["Ada"] }] });
    expect(patient.identifier!.every((i) => i.system && i.value)).toBe(true);
  });

  it("a policy held by someone else gets its own subscriber Patient with the member id", () => {
    const b = buildPasBundle(examplePacket({ coverage: { ...examplePacket().coverage, relationship: "spouse", subscriber: { firstName: "Lars", lastName: "Lindqvist", birthDate: "1950-07-01" } } }), OPTS);
    const cov = resources<Coverage>(b, "Coverage")[0]!;
    expect(cov.relationship!.coding![0]!.code).toBe("01");
    expect(cov.subscriber!.reference).not.toBe(cov.beneficiary.reference);
    const sub = resolve<Patient>(b, cov.subscriber!.reference);
    expect(sub.meta!.profile).toEqual([PAS_PROFILES.subscriber]);
    expect(sub.identifier).toEqual([expect.objectContaining({ value: "NWH884213", type: expect.objectContaining({ coding: [expect.objectContaining({ code: "MB" })] }) })]);
    expect(resolve<Patient>(b, cov.beneficiary.reference).identifier!.some((i) => i.type?.coding?.[0]?.code === "MB")).toBe(false);
  });

  it("NPIs use the us-npi system: the practitioner, the practice; the practice's tax id the EIN system; the payer its payer id", () => {
    const pr = resources<Practitioner>(bundle, "Practitioner")[0]!;
    expect(pr.identifier).toEqual([{ system: "http://hl7.org/fhir/sid/us-npi", value: "1497758544" }]);
    expect(pr.name![0]).toEqual({ family: "Okonkwo", given: ["Maya"], suffix: ["MD"] });
    const orgs = resources<Organization>(bundle, "Organization");
    const practice = orgs.find((o) => o.name === "Greenfield Oncology Associates")!;
    expect(practice.identifier).toEqual([
      { system: "http://hl7.org/fhir/sid/us-npi", value: "1234567893" },
      { system: "http://terminology.hl7.org/NamingSystem/USEIN", value: "621234567" },
    ]);
    const payer = orgs.find((o) => o.name === "Northwoods Health PPO")!;
    expect(payer.identifier![0]).toMatchObject({ value: "NWH01", type: { coding: [expect.objectContaining({ code: "payerid" })] } });
    for (const o of orgs) expect(o.active).toBe(true);
    const role = resources<PractitionerRole>(bundle, "PractitionerRole")[0]!;
    expect(resolve<Practitioner>(bundle, role.practitioner!.reference).id).toBe(pr.id);
    expect(role.specialty![0]!.coding![0]).toEqual({ system: SYSTEMS.taxonomy, code: "207RX0202X" });
  });

  it("attachments are DocumentReferences the Claim's supportingInfo points at: small ones inline with their hash, large ones by URL, never both", () => {
    const docs = resources<DocumentReference>(bundle, "DocumentReference");
    expect(docs).toHaveLength(2);
    expect(docs[0]!.type).toEqual({ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", code: "UNK", display: "unknown" }], text: "Pathology" });
    expect(docs[1]!.type!.text).toBe("PET-CT.tiff");
    for (const d of docs) {
      expect(d.status).toBe("current");
      expect(d.category![0]!.coding![0]!.code).toBe("clinical-note");
      expect(resolve<Patient>(bundle, d.subject!.reference).resourceType).toBe("Patient");
    }
    const small = docs[0]!.content[0]!.attachment;
    expect(small).toMatchObject({ contentType: "application/pdf", title: "pathology report.pdf", size: 2048, hash: "c2hhMQ==" });
    expect(small.data).toBe(Buffer.from("%PDF-1.4 tiny").toString("base64"));
    expect(small.url).toBeUndefined();
    const large = docs[1]!.content[0]!.attachment;
    expect(large).toMatchObject({ contentType: "image/tiff", title: "PET-CT.tiff", size: 3 * 1024 * 1024, url: OPTS.attachmentUrl("0b7d3f6e-1111-4c1e-8f00-000000000002") });
    expect(large.data).toBeUndefined();
    const info = claim.supportingInfo!.filter((s) => s.category.coding![0]!.code === "additionalInformation");
    expect(info.map((s) => resolve<DocumentReference>(bundle, s.valueReference!.reference).id)).toEqual(docs.map((d) => d.id));
    expect(claim.supportingInfo![0]).toMatchObject({ category: { coding: [expect.objectContaining({ code: "patientEvent" })] }, timingPeriod: { start: "2026-09-14", end: "2027-03-12" } });
    const message = claim.supportingInfo!.find((s) => s.category.coding![0]!.code === "freeFormMessage")!;
    expect(message.valueString).toContain("PD-L1 TPS 60% (22C3)");
    expect(message.valueString).toContain("ECOG performance status: 1");
  });

  it("inlines a file only up to the size limit and while the total stays in budget", () => {
    const ids = inlineAttachmentIds([
      { id: "a", sizeBytes: PAS_INLINE_MAX_BYTES },
      { id: "b", sizeBytes: PAS_INLINE_MAX_BYTES + 1 },
      { id: "c", sizeBytes: PAS_INLINE_MAX_BYTES },
      { id: "d", sizeBytes: PAS_INLINE_MAX_BYTES },
      { id: "e", sizeBytes: PAS_INLINE_MAX_BYTES },
      { id: "f", sizeBytes: 10 },
    ]);
    expect([...ids]).toEqual(["a", "c", "d", "e"]);
  });

  it("the same request gives the same ids (only the timestamp changes); another request gives other ids", () => {
    const again = buildPasBundle(examplePacket(), { ...OPTS, timestamp: "2026-09-04T08:00:00.000Z" });
    expect(again.entry!.map((e) => e.fullUrl)).toEqual(bundle.entry!.map((e) => e.fullUrl));
    const { timestamp: _a, ...one } = bundle;
    const { timestamp: _b, ...two } = again;
    expect(JSON.stringify(two).replaceAll("2026-09-04T08:00:00.000Z", OPTS.timestamp)).toBe(JSON.stringify(one));
    const other = buildPasBundle(examplePacket({ request: { ...examplePacket().request, id: "00000000-0000-4000-8000-000000000000" } }), OPTS);
    expect(other.entry!.map((e) => e.fullUrl).filter((u) => bundle.entry!.some((e) => e.fullUrl === u))).toEqual([]);
    expect(stableUuid("x", "y")).toBe(stableUuid("x", "y"));
    expect(stableUuid("x", "y")).not.toBe(stableUuid("xy"));
  });

  it("a renewal asks for an extension (X12 certification type 4)", () => {
    const b = buildPasBundle(examplePacket({ request: { ...examplePacket().request, kind: "renewal" } }), OPTS);
    const c = resources<Claim>(b, "Claim")[0]!;
    expect(c.item![0]!.extension!.find((e) => e.url === PAS_EXTENSIONS.certificationType)!.valueCodeableConcept!.coding![0]!.code).toBe("4");
  });
});
