/**
 * The request as an HL7 FHIR R4 Da Vinci Prior Authorization Support (PAS) request Bundle
 * (type collection): a PAS Claim (use = preauthorization) and every resource it points at, each
 * with a `urn:uuid:` fullUrl derived from the request's id, so the same request always gives the
 * same ids and every reference resolves inside the bundle. Profile requirements and code systems
 * are taken from the PAS IG's FSH sources (HL7/davinci-pas input/fsh: Claim.fsh, Bundle.fsh,
 * Coverage.fsh, Organization.fsh, Patient.fsh, Practitioner.fsh, Terminology.fsh) and the
 * US Core profiles they derive from; see docs/domain/prior-authorization.md "Request packet".
 */
import { createHash } from "node:crypto";
import type {
  Bundle,
  BundleEntry,
  Claim,
  ClaimItem,
  ClaimSupportingInfo,
  CodeableConcept,
  Condition,
  Coverage,
  DocumentReference,
  Extension,
  Identifier,
  Location,
  MedicationRequest,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
} from "@medplum/fhirtypes";
import type { PacketAddress, PacketData } from "./types";

/* ------------------------------------------------------------------ systems and profiles */

export const SYSTEMS = {
  npi: "http://hl7.org/fhir/sid/us-npi",
  /** US employer identification number (the practice's tax id), PAS Organization TIN slice */
  ein: "http://terminology.hl7.org/NamingSystem/USEIN",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  /** HCPCS Level II as the PAS requested-service value set (X12278RequestedServiceType) names it */
  hcpcs: "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
  /** NDC, code in its labelled 10-digit form with hyphens (HL7 Terminology, "Using NDC") */
  ndc: "http://hl7.org/fhir/sid/ndc",
  placeOfService: "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
  taxonomy: "http://nucc.org/provider-taxonomy",
  claimType: "http://terminology.hl7.org/CodeSystem/claim-type",
  priority: "http://terminology.hl7.org/CodeSystem/processpriority",
  v2IdentifierType: "http://terminology.hl7.org/CodeSystem/v2-0203",
  payerIdType: "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType",
  coverageClass: "http://terminology.hl7.org/CodeSystem/coverage-class",
  conditionCategory: "http://terminology.hl7.org/CodeSystem/condition-category",
  conditionClinical: "http://terminology.hl7.org/CodeSystem/condition-clinical",
  conditionVerification: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
  documentCategory: "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
  nullFlavor: "http://terminology.hl7.org/CodeSystem/v3-NullFlavor",
  pasTemp: "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes",
  /** X12 code lists: 98 entity identifier, 1069 relationship, 1365 service type, 1322 certification type, 1525 request category, 355 unit */
  x12: (list: string) => `https://codesystem.x12.org/005010/${list}`,
  ucum: "http://unitsofmeasure.org",
  snomed: "http://snomed.info/sct",
} as const;

const PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition";
export const PAS_PROFILES = {
  bundle: `${PAS}/profile-pas-request-bundle`,
  claim: `${PAS}/profile-claim`,
  beneficiary: `${PAS}/profile-beneficiary`,
  subscriber: `${PAS}/profile-subscriber`,
  coverage: `${PAS}/profile-coverage`,
  insurer: `${PAS}/profile-insurer`,
  requestor: `${PAS}/profile-requestor`,
  practitioner: `${PAS}/profile-practitioner`,
  practitionerRole: `${PAS}/profile-practitionerrole`,
  location: `${PAS}/profile-location`,
  medicationRequest: `${PAS}/profile-medicationrequest`,
  condition: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns",
  documentReference: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference",
} as const;
export const PAS_EXTENSIONS = {
  careTeamClaimScope: `${PAS}/extension-careTeamClaimScope`,
  certificationType: `${PAS}/extension-certificationType`,
  requestType: `${PAS}/extension-serviceItemRequestType`,
  requestedService: `${PAS}/extension-requestedService`,
} as const;

/**
 * Attachments travel inside the bundle (base64 in DocumentReference.content.attachment.data) only
 * when small: at most this many bytes each, and while the inlined total stays under the budget.
 * Larger files are described (type, title, size, creation) and point at the app's download URL,
 * which needs a signed-in user; the coordinator sends those through the payer's attachment channel.
 */
export const PAS_INLINE_MAX_BYTES = 512 * 1024;
export const PAS_INLINE_TOTAL_BYTES = 2 * 1024 * 1024;

/** Which attachments (in the given order) fit the inline rule above. */
export function inlineAttachmentIds(attachments: readonly { id: string; sizeBytes: number }[]): Set<string> {
  const out = new Set<string>();
  let total = 0;
  for (const a of attachments) {
    if (a.sizeBytes > PAS_INLINE_MAX_BYTES || total + a.sizeBytes > PAS_INLINE_TOTAL_BYTES) continue;
    total += a.sizeBytes;
    out.add(a.id);
  }
  return out;
}

/** Practice-local identifier namespaces (MRN, request trace number, payer member id). */
export function localSystems(d: PacketData) {
  return {
    /** PAS suggests `urn:trnorg:<TRN03>` for trace numbers; TRN03 is "1" followed by the submitter's EIN */
    trace: `urn:trnorg:1${d.practice.taxId.replace(/\D/g, "")}`,
    mrn: `urn:durvalumab-billing:practice:${d.practice.npi}:mrn`,
    member: `urn:durvalumab-billing:payer:${d.payer.ediPayerId}:member-id`,
  };
}

/* ------------------------------------------------------------------ ids */

/** A name-based (SHA-1, version 5 layout) UUID: the same request and key always give the same id. */
export function stableUuid(...parts: string[]): string {
  const h = createHash("sha1").update(parts.join("\u0000")).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/* ------------------------------------------------------------------ helpers */

function address(a: PacketAddress) {
  return { use: "work" as const, line: [a.line1, ...(a.line2 ? [a.line2] : [])], city: a.city, state: a.state, postalCode: a.zip.length === 9 ? `${a.zip.slice(0, 5)}-${a.zip.slice(5)}` : a.zip, country: "US" };
}

function coding(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}

const RELATIONSHIP_X12: Record<PacketData["coverage"]["relationship"], { code: string; display: string }> = {
  self: { code: "18", display: "Self" },
  spouse: { code: "01", display: "Spouse" },
  child: { code: "19", display: "Child" },
  other: { code: "G8", display: "Other Relationship" },
};

function clinicalMessage(d: PacketData): string | null {
  const c = d.clinical;
  const parts = [
    c.stage ? `Stage: ${c.stage}` : null,
    c.biomarkers.length ? `Biomarkers: ${c.biomarkers.map((b) => `${b.name} ${b.result}`).join("; ")}` : null,
    c.priorTherapies ? `Prior therapies: ${c.priorTherapies}` : null,
    c.ecog ? `ECOG performance status: ${c.ecog}` : null,
    c.intent ? `Treatment intent: ${c.intent}` : null,
    c.notes ? `Notes: ${c.notes}` : null,
  ].filter((x): x is string => x !== null);
  if (parts.length === 0) return null;
  return [`Indication: ${d.indication.name} (${d.indication.basis})`, ...parts].join(". ");
}

/* ------------------------------------------------------------------ the bundle */

export interface PasBundleOptions {
  /** ISO timestamp of this export (Bundle.timestamp, Claim.created) */
  timestamp: string;
  /** the download URL of an attachment that is not inlined */
  attachmentUrl: (attachmentId: string) => string;
}

export function buildPasBundle(d: PacketData, opts: PasBundleOptions): Bundle {
  const rid = d.request.id;
  const id = (...key: string[]) => stableUuid("prior-auth-request", rid, ...key);
  const sys = localSystems(d);
  const entries: BundleEntry[] = [];
  // Every resource gets its id from `id(...)` above; its fullUrl is that id as a urn:uuid.
  const add = <T extends Resource>(resource: T): Reference<T> => {
    const url = `urn:uuid:${resource.id ?? ""}`;
    entries.push({ fullUrl: url, resource });
    return { reference: url };
  };
  const selfSubscriber = d.coverage.relationship === "self" || d.coverage.subscriber === null;
  const memberId: Identifier = { type: coding(SYSTEMS.v2IdentifierType, "MB", "Member Number"), system: sys.member, value: d.coverage.memberId };

  // Organizations: the payer (insurer, coverage payor) and the practice (requestor, provider).
  const insurer: Organization = {
    resourceType: "Organization",
    id: id("organization", "payer", d.payer.id),
    meta: { profile: [PAS_PROFILES.insurer] },
    active: true,
    type: [coding(SYSTEMS.x12("98"), "PR", "Payer")],
    identifier: [{ type: coding(SYSTEMS.payerIdType, "payerid", "Payer ID"), value: d.payer.ediPayerId }],
    name: d.payer.name,
  };
  const insurerRef = add(insurer);
  const requestor: Organization = {
    resourceType: "Organization",
    id: id("organization", "practice", d.practice.id),
    meta: { profile: [PAS_PROFILES.requestor] },
    active: true,
    type: [coding(SYSTEMS.x12("98"), "1P", "Provider")],
    identifier: [
      { system: SYSTEMS.npi, value: d.practice.npi },
      { system: SYSTEMS.ein, value: d.practice.taxId.replace(/\D/g, "") },
    ],
    name: d.practice.name,
    address: [address(d.practice.address)],
  };
  const requestorRef = add(requestor);

  // The patient (beneficiary) and, when someone else holds the policy, the subscriber.
  const patient: Patient = {
    resourceType: "Patient",
    id: id("patient", d.patient.id),
    meta: { profile: selfSubscriber ? [PAS_PROFILES.beneficiary, PAS_PROFILES.subscriber] : [PAS_PROFILES.beneficiary] },
    identifier: [{ type: coding(SYSTEMS.v2IdentifierType, "MR", "Medical record number"), system: sys.mrn, value: d.patient.mrn }, ...(selfSubscriber ? [memberId] : [])],
    name: [{ use: "official", family: d.patient.lastName, given: [d.patient.firstName] }],
    gender: d.patient.sex,
    birthDate: d.patient.birthDate,
    address: [{ ...address(d.patient.address), use: "home" }],
    ...(d.patient.phone ? { telecom: [{ system: "phone" as const, value: d.patient.phone, use: "home" as const }] } : {}),
  };
  const patientRef = add(patient);
  let subscriberRef = patientRef;
  if (!selfSubscriber && d.coverage.subscriber) {
    const s = d.coverage.subscriber;
    subscriberRef = add<Patient>({
      resourceType: "Patient",
      id: id("subscriber", d.coverage.id),
      meta: { profile: [PAS_PROFILES.subscriber] },
      identifier: [memberId],
      name: [{ use: "official", family: s.lastName, given: [s.firstName] }],
      // The coverage records the policy holder's name and birth date only.
      gender: "unknown",
      birthDate: s.birthDate,
    });
  }

  const rel = RELATIONSHIP_X12[d.coverage.relationship];
  const coverage: Coverage = {
    resourceType: "Coverage",
    id: id("coverage", d.coverage.id),
    meta: { profile: [PAS_PROFILES.coverage] },
    status: "active",
    subscriber: subscriberRef,
    subscriberId: d.coverage.memberId,
    beneficiary: patientRef,
    relationship: coding(SYSTEMS.x12("1069"), rel.code, rel.display),
    period: { start: d.coverage.effectiveDate, ...(d.coverage.endDate ? { end: d.coverage.endDate } : {}) },
    payor: [insurerRef],
    ...(d.coverage.groupNumber || d.coverage.planName
      ? {
          class: [
            ...(d.coverage.groupNumber ? [{ type: coding(SYSTEMS.coverageClass, "group", "Group"), value: d.coverage.groupNumber }] : []),
            ...(d.coverage.planName ? [{ type: coding(SYSTEMS.coverageClass, "plan", "Plan"), value: d.coverage.planName, name: d.coverage.planName }] : []),
          ],
        }
      : {}),
  };
  const coverageRef = add(coverage);

  // The ordering provider, the role they order in, and the site of care.
  const p = d.orderingProvider;
  const practitioner: Practitioner = {
    resourceType: "Practitioner",
    id: id("practitioner", p.id),
    meta: { profile: [PAS_PROFILES.practitioner] },
    identifier: [{ system: SYSTEMS.npi, value: p.npi }],
    name: [{ family: p.lastName, ...(p.firstName ? { given: [p.firstName] } : {}), ...(p.credential ? { suffix: [p.credential] } : {}) }],
  };
  const practitionerRef = add(practitioner);
  const site: Location = {
    resourceType: "Location",
    id: id("location", d.site.id),
    meta: { profile: [PAS_PROFILES.location] },
    status: "active",
    name: d.site.name,
    ...(d.site.facilityNpi ? { identifier: [{ system: SYSTEMS.npi, value: d.site.facilityNpi }] } : {}),
    type: [coding(SYSTEMS.placeOfService, d.site.placeOfService, d.site.placeOfServiceLabel.replace(/^\d+\s*[—-]\s*/, ""))],
    address: address(d.site.address),
    managingOrganization: requestorRef,
  };
  const siteRef = add(site);
  const role: PractitionerRole = {
    resourceType: "PractitionerRole",
    id: id("practitioner-role", p.id, d.site.id),
    meta: { profile: [PAS_PROFILES.practitionerRole] },
    active: true,
    practitioner: practitionerRef,
    organization: requestorRef,
    location: [siteRef],
    specialty: [coding(SYSTEMS.taxonomy, p.taxonomyCode)],
  };
  const roleRef = add(role);

  // One Condition per diagnosis (PAS restricts Claim.diagnosis to codes, so the Conditions are the
  // MedicationRequest's reasons).
  const conditionRefs: Reference<Condition>[] = d.diagnoses.map((dx) =>
    add<Condition>({
      resourceType: "Condition",
      id: id("condition", dx.code),
      meta: { profile: [PAS_PROFILES.condition] },
      clinicalStatus: coding(SYSTEMS.conditionClinical, "active", "Active"),
      verificationStatus: coding(SYSTEMS.conditionVerification, "confirmed", "Confirmed"),
      category: [coding(SYSTEMS.conditionCategory, "problem-list-item", "Problem List Item")],
      code: { coding: [{ system: SYSTEMS.icd10cm, code: dx.code, ...(dx.description ? { display: dx.description } : {}) }], text: dx.description || dx.code },
      subject: patientRef,
    }),
  );

  // Supporting documents.
  const docRefs = d.attachments.map((a) =>
    add<DocumentReference>({
      resourceType: "DocumentReference",
      id: id("document", a.id),
      meta: { profile: [PAS_PROFILES.documentReference] },
      identifier: [{ system: "urn:ietf:rfc:3986", value: `urn:uuid:${a.id}` }],
      status: "current",
      // The coordinator describes the document in words; no LOINC document type is recorded, so the
      // code is US Core's "unknown" (v3-NullFlavor UNK, in its document type value set) with the words.
      type: { coding: [{ system: SYSTEMS.nullFlavor, code: "UNK", display: "unknown" }], text: a.description ?? a.fileName },
      category: [coding(SYSTEMS.documentCategory, "clinical-note", "Clinical Note")],
      subject: patientRef,
      date: a.uploadedAt,
      author: [requestorRef],
      ...(a.description ? { description: a.description } : {}),
      content: [
        {
          attachment: {
            contentType: a.contentType,
            title: a.fileName,
            size: a.sizeBytes,
            creation: a.uploadedAt,
            ...(a.inline ? { data: a.inline.base64, hash: a.inline.sha1Base64 } : { url: opts.attachmentUrl(a.id) }),
          },
        },
      ],
    }),
  );

  // The drugs requested.
  const medRefs = d.lines.map((l) => {
    const doses = d.dosing.filter((x) => x.hcpcs === l.hcpcs);
    return add<MedicationRequest>({
      resourceType: "MedicationRequest",
      id: id("medication-request", l.hcpcs),
      meta: { profile: [PAS_PROFILES.medicationRequest] },
      status: "active",
      intent: "order",
      medicationCodeableConcept: {
        coding: [{ system: SYSTEMS.hcpcs, code: l.hcpcs, display: l.descriptor }, ...(l.ndc ? [{ system: SYSTEMS.ndc, code: l.ndc.labelNdc, display: l.ndc.description }] : [])],
        text: `${l.drug} (${l.brand})`,
      },
      subject: patientRef,
      authoredOn: d.request.createdAt,
      requester: roleRef,
      reasonReference: conditionRefs,
      dosageInstruction: doses.map((x, i) => ({
        sequence: i + 1,
        text: `${x.phase}: ${x.ordered}, ${x.schedule}, ${x.doses}${x.mg ? ` (${x.mg} mg per dose at ${d.weight.kg} kg)` : ""}`,
        ...(x.everyWeeks ? { timing: { repeat: { frequency: 1, period: x.everyWeeks, periodUnit: "wk" as const } } } : {}),
        route: coding(SYSTEMS.snomed, "47625008", "Intravenous route"),
        ...(x.mg ? { doseAndRate: [{ doseQuantity: { value: Number(x.mg), unit: "mg", system: SYSTEMS.ucum, code: "mg" } }] } : {}),
      })),
      dispenseRequest: {
        validityPeriod: { start: d.request.startDate, end: d.request.endDate },
        quantity: { value: l.units, unit: `units of ${l.hcpcs} (${l.unitAmount} mg)`, system: SYSTEMS.x12("355"), code: "UN" },
        numberOfRepeatsAllowed: Math.max(0, l.doses - 1),
      },
    });
  });

  const supportingInfo: ClaimSupportingInfo[] = [
    { sequence: 1, category: coding(SYSTEMS.pasTemp, "patientEvent", "Patient Event"), timingPeriod: { start: d.request.startDate, end: d.request.endDate } },
  ];
  const message = clinicalMessage(d);
  if (message) supportingInfo.push({ sequence: supportingInfo.length + 1, category: coding(SYSTEMS.pasTemp, "freeFormMessage", "Free Form Message"), valueString: message });
  const attachmentSeqs: number[] = [];
  for (const ref of docRefs) {
    const sequence = supportingInfo.length + 1;
    attachmentSeqs.push(sequence);
    supportingInfo.push({ sequence, category: coding(SYSTEMS.pasTemp, "additionalInformation", "Additional Information"), valueReference: ref });
  }

  const certification: Extension = {
    url: PAS_EXTENSIONS.certificationType,
    valueCodeableConcept: d.request.kind === "renewal" ? coding(SYSTEMS.x12("1322"), "4", "Extension") : coding(SYSTEMS.x12("1322"), "I", "Initial"),
  };
  const items: ClaimItem[] = d.lines.map((l, i) => ({
    extension: [
      certification,
      { url: PAS_EXTENSIONS.requestType, valueCodeableConcept: coding(SYSTEMS.x12("1525"), "HS", "Health Services Review") },
      { url: PAS_EXTENSIONS.requestedService, valueReference: medRefs[i]! },
    ],
    sequence: i + 1,
    careTeamSequence: [1],
    // The 837's four diagnosis pointers: the principal diagnosis and the next three.
    diagnosisSequence: d.diagnoses.slice(0, 4).map((_, k) => k + 1),
    informationSequence: [1, ...attachmentSeqs],
    // HCPCS J9000-J9999 is the chemotherapy drug section; X12 service type 78 = Chemotherapy.
    category: coding(SYSTEMS.x12("1365"), "78", "Chemotherapy"),
    productOrService: coding(SYSTEMS.hcpcs, l.hcpcs, l.descriptor),
    servicedPeriod: { start: d.request.startDate, end: d.request.endDate },
    locationCodeableConcept: coding(SYSTEMS.placeOfService, d.site.placeOfService),
    quantity: { value: l.units, unit: "Unit", system: SYSTEMS.x12("355"), code: "UN" },
  }));

  const claim: Claim = {
    resourceType: "Claim",
    id: id("claim"),
    meta: { profile: [PAS_PROFILES.claim] },
    identifier: [{ system: sys.trace, value: d.request.requestNumber }],
    status: "active",
    type: coding(SYSTEMS.claimType, "professional", "Professional"),
    use: "preauthorization",
    patient: patientRef,
    created: opts.timestamp,
    insurer: insurerRef,
    provider: requestorRef,
    priority: coding(SYSTEMS.priority, "normal", "Normal"),
    careTeam: [
      {
        extension: [{ url: PAS_EXTENSIONS.careTeamClaimScope, valueBoolean: true }],
        sequence: 1,
        provider: roleRef,
        role: coding(SYSTEMS.x12("98"), "DK", "Ordering Physician"),
        qualification: coding(SYSTEMS.taxonomy, p.taxonomyCode),
      },
    ],
    supportingInfo,
    diagnosis: d.diagnoses.map((dx, i) => ({
      sequence: i + 1,
      diagnosisCodeableConcept: { coding: [{ system: SYSTEMS.icd10cm, code: dx.code, ...(dx.description ? { display: dx.description } : {}) }] },
      ...(i === 0 ? { type: [coding(SYSTEMS.pasTemp, "principal", "Principal")] } : {}),
    })),
    insurance: [{ sequence: 1, focal: true, coverage: coverageRef, ...(d.request.payerReference ? { preAuthRef: [d.request.payerReference] } : {}) }],
    item: items,
  };
  const claimEntry: BundleEntry = { fullUrl: `urn:uuid:${claim.id}`, resource: claim };

  return {
    resourceType: "Bundle",
    id: id("bundle"),
    meta: { profile: [PAS_PROFILES.bundle] },
    identifier: { system: sys.trace, value: `${d.request.requestNumber}-r${d.request.revision}` },
    type: "collection",
    timestamp: opts.timestamp,
    entry: [claimEntry, ...entries],
  };
}
