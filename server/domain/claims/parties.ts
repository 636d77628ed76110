/**
 * Who is on a claim, from the practice's records: billing provider (the practice on an 837P, the
 * hospital outpatient department on an 837I), subscriber and patient from the coverage, payer,
 * rendering (attending) provider. Pure mapping from plain records; the service loads them.
 */
import { COVERAGE_PRIORITY_X12, SEX_X12, SUBSCRIBER_RELATIONSHIP_X12, type CoveragePriority, type Sex, type SubscriberRelationship } from "@/server/domain/patients/codes";
import type { LocationBiller } from "@/server/domain/practice-setup/codes";
import type { Patient837 } from "@/server/domain/x12/claim-837";
import type { ClaimParties, ClaimType, InsuranceType } from "./types";

export interface AddressRecord {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface PartiesInput {
  claimType: ClaimType;
  practice: AddressRecord & { name: string; npi: string; taxId: string };
  /** practice submission settings (ZIP+4 of the billing address, taxonomy, phone); null when not set up */
  settings: { billingZipPlus4: string | null; billingTaxonomy: string | null; billingPhone: string | null } | null;
  location: AddressRecord & { name: string; facilityNpi: string | null };
  patient: AddressRecord & { firstName: string; lastName: string; dateOfBirth: string; sex: Sex; phone: string | null };
  coverage: {
    memberId: string;
    groupNumber: string | null;
    planName: string | null;
    priority: CoveragePriority;
    relationship: SubscriberRelationship;
    subscriberFirstName: string | null;
    subscriberLastName: string | null;
    subscriberDateOfBirth: string | null;
  };
  payer: { name: string; ediPayerId: string; kind: "medicare" | "medicare_advantage" | "medicaid" | "commercial"; claimFilingIndicator: string };
  provider: { firstName: string | null; lastName: string; npi: string; taxonomyCode: string };
}

function address(a: AddressRecord, zipOverride?: string | null) {
  const out: ClaimParties["billingProvider"]["address"] = { line1: a.addressLine1, city: a.city, state: a.state, postalCode: zipOverride ?? a.zip };
  if (a.addressLine2) out.line2 = a.addressLine2;
  return out;
}

const INSURANCE_TYPE: Record<PartiesInput["payer"]["kind"], InsuranceType> = {
  medicare: "medicare",
  medicare_advantage: "group",
  medicaid: "medicaid",
  commercial: "group",
};

/** A ZIP+4 set for the practice applies only while it extends the practice's 5-digit ZIP. */
function billingZip(practiceZip: string, plus4: string | null | undefined): string {
  if (plus4 && /^\d{9}$/.test(plus4) && plus4.startsWith(practiceZip.slice(0, 5))) return plus4;
  return practiceZip;
}

export function buildParties(i: PartiesInput): ClaimParties {
  const patientPerson = {
    lastName: i.patient.lastName,
    firstName: i.patient.firstName,
    birthDate: i.patient.dateOfBirth,
    gender: SEX_X12[i.patient.sex],
    address: address(i.patient),
    phone: i.patient.phone,
  };
  const self = i.coverage.relationship === "self";
  const subscriber: ClaimParties["subscriber"] = self
    ? { ...patientPerson, address: { ...patientPerson.address }, memberId: i.coverage.memberId }
    : {
        lastName: i.coverage.subscriberLastName ?? "",
        firstName: i.coverage.subscriberFirstName ?? "",
        birthDate: i.coverage.subscriberDateOfBirth ?? "",
        gender: "U",
        // the coverage has no address of its own for the policy holder: the household's is used
        address: address(i.patient),
        memberId: i.coverage.memberId,
      };
  if (i.coverage.groupNumber) subscriber.groupNumber = i.coverage.groupNumber;
  const billingProvider: ClaimParties["billingProvider"] =
    i.claimType === "institutional"
      ? { name: i.location.name, npi: i.location.facilityNpi ?? "", tin: i.practice.taxId, address: address(i.location) }
      : { name: i.practice.name, npi: i.practice.npi, tin: i.practice.taxId, address: address(i.practice, billingZip(i.practice.zip, i.settings?.billingZipPlus4)) };
  if (i.claimType === "professional" && i.settings?.billingTaxonomy) billingProvider.taxonomy = i.settings.billingTaxonomy;
  const parties: ClaimParties = {
    billingProvider,
    billingPhone: i.settings?.billingPhone ?? null,
    subscriber,
    payer: { name: i.payer.name, id: i.payer.ediPayerId, responsibility: COVERAGE_PRIORITY_X12[i.coverage.priority], claimFilingIndicator: i.payer.claimFilingIndicator },
    insuranceType: INSURANCE_TYPE[i.payer.kind],
    planName: i.coverage.planName,
    renderingProvider: { lastName: i.provider.lastName, firstName: i.provider.firstName ?? "", npi: i.provider.npi, taxonomy: i.provider.taxonomyCode },
    serviceFacility: { name: i.location.name, npi: i.location.facilityNpi, address: address(i.location) },
    patientPerson,
    relationship: i.coverage.relationship,
  };
  if (!self) {
    const rel = SUBSCRIBER_RELATIONSHIP_X12[i.coverage.relationship] as Patient837["relationship"];
    parties.patient = { ...patientPerson, address: { ...patientPerson.address }, relationship: rel };
  }
  return parties;
}

/**
 * Which claim a location's infusions go on. Hospital outpatient departments (POS 19 off-campus,
 * 22 on-campus) bill the drug and its administration on the facility's 837I (type of bill 0131);
 * the office (POS 11) on the practice's 837P.
 */
/**
 * The claim a location's infusions go on, from who bills there: the practice's 837P, the practice as
 * the facility on an 837I (type of bill 0131, hospital outpatient), or none (another entity bills).
 */
export function claimTypeForLocation(l: { billedBy: LocationBiller }): { claimType: ClaimType; typeOfBill: string | null } | null {
  if (l.billedBy === "other_entity") return null;
  return l.billedBy === "practice_facility" ? { claimType: "institutional", typeOfBill: "0131" } : { claimType: "professional", typeOfBill: null };
}
