/**
 * The request packet of a prior-authorization request: everything a payer's drug-authorization form
 * asks for, as plain data. The service (server/services/prior-auth-packet.ts) loads it; the PDF
 * layout (layout.ts) and the Da Vinci PAS Bundle (pas-bundle.ts) are pure functions of it.
 */
import type { ClinicalSummary, PaChannel, PaRequestKind } from "@/server/domain/prior-auth/codes";
import type { PriorAuthState } from "@/server/domain/workflow/prior-auth";

export interface PacketAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  /** 5 or 9 digits */
  zip: string;
}

/** One drug's dose for one phase of the regimen, with the arithmetic that turns it into billing units. */
export interface PacketDose {
  drug: string;
  hcpcs: string;
  /** "consolidation", "with chemotherapy" … */
  phase: string;
  /** "10 mg/kg" or "1500 mg" */
  ordered: string;
  /** "Every 2 weeks (q2w)" */
  schedule: string;
  /** the interval in weeks; null when the drug follows another schedule (the combination's infusions) */
  everyWeeks: number | null;
  /** "4 doses" or "until the end of the order" */
  doses: string;
  /** mg per infusion as an exact decimal string; null when the weight is missing */
  mg: string | null;
  /** each step: "10 mg/kg × 67.3 kg = 673 mg", "673 mg ÷ 10 mg per unit = 67.3 → 68 units" … */
  arithmetic: string[];
  /** units per infusion that count against the authorization (administered + discarded when billed) */
  unitsPerDose: number | null;
  /** the label's warning when the weight band and the ordered dose disagree */
  note: string | null;
}

export interface PacketLine {
  hcpcs: string;
  /** "Injection, durvalumab, 10 mg" from the reference data */
  descriptor: string;
  drug: string;
  brand: string;
  /** mg per billing unit, e.g. "10" */
  unitAmount: string;
  /** NDC-11 without hyphens and in its labelled 10-digit form, with the package description */
  ndc: { ndc11: string; labelNdc: string; description: string } | null;
  units: number;
  doses: number;
}

export interface PacketAttachment {
  id: string;
  fileName: string;
  /** as found by the file's magic bytes at upload */
  contentType: string;
  sizeBytes: number;
  /** hex SHA-256 kept at upload */
  sha256: string;
  description: string | null;
  /** ISO timestamp */
  uploadedAt: string;
  /** the file itself, only when it is small enough to travel inside the PAS bundle (see pas-bundle.ts) */
  inline: { base64: string; sha1Base64: string } | null;
}

export interface PacketData {
  request: {
    id: string;
    requestNumber: string;
    /** bumped on every change: the bundle's identifier names it */
    revision: number;
    kind: PaRequestKind;
    status: PriorAuthState;
    statusLabel: string;
    startDate: string;
    endDate: string;
    firstDoseDate: string | null;
    channel: PaChannel | null;
    payerReference: string | null;
    payerContact: string | null;
    notes: string | null;
    /** ISO timestamp */
    createdAt: string;
    /** ISO timestamp */
    submittedAt: string | null;
  };
  practice: { id: string; name: string; npi: string; taxId: string; address: PacketAddress };
  patient: {
    id: string;
    mrn: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    sex: "female" | "male" | "unknown";
    address: PacketAddress;
    phone: string | null;
  };
  coverage: {
    id: string;
    memberId: string;
    groupNumber: string | null;
    planName: string | null;
    relationship: "self" | "spouse" | "child" | "other";
    /** the policy holder when it is not the patient */
    subscriber: { firstName: string; lastName: string; birthDate: string } | null;
    effectiveDate: string;
    endDate: string | null;
  };
  payer: { id: string; name: string; ediPayerId: string };
  orderingProvider: { id: string; firstName: string | null; lastName: string; credential: string | null; npi: string; taxonomyCode: string };
  site: { id: string; name: string; placeOfService: string; placeOfServiceLabel: string; address: PacketAddress; facilityNpi: string | null };
  order: { id: string; startDate: string; durationMonths: number | null };
  /** weight the doses were computed from, and where it came from */
  weight: { kg: string; source: string };
  lines: PacketLine[];
  dosing: PacketDose[];
  diagnoses: { code: string; description: string }[];
  indication: { id: string; name: string; basis: string; source: string | null };
  clinical: ClinicalSummary;
  attachments: PacketAttachment[];
  /** the order's earlier authorizations (a renewal names them), oldest first */
  previousAuthorizations: { number: string; hcpcs: string; startDate: string; endDate: string; approvedUnits: number; voided: boolean }[];
}
