/**
 * What the printable request packet says, section by section, in the order a payer's
 * drug-authorization form asks for it. Pure text: the PDF renderer (server/documents) only draws
 * these items, and tests read them without parsing a PDF.
 */
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { PA_CHANNEL_LABELS, PA_REQUEST_KIND_LABELS } from "@/server/domain/prior-auth/codes";
import type { PacketAddress, PacketData } from "./types";

export type PacketItem = { kind: "pair"; label: string; value: string } | { kind: "bullet"; text: string } | { kind: "text"; text: string };

export interface PacketSection {
  heading: string;
  items: PacketItem[];
}

export interface PacketDocument {
  title: string;
  subtitle: string;
  /** printed at the foot of every page */
  footer: string;
  sections: PacketSection[];
}

const RELATIONSHIP: Record<PacketData["coverage"]["relationship"], string> = { self: "Self", spouse: "Spouse", child: "Child", other: "Other" };
const SEX: Record<PacketData["patient"]["sex"], string> = { female: "Female", male: "Male", unknown: "Unknown" };
const INTENT: Record<string, string> = { curative: "Curative", consolidation: "Consolidation", adjuvant: "Adjuvant", palliative: "Palliative" };

/** 2026-09-14 → 09/14/2026, as payer forms print dates. */
export function usDate(iso: string | null): string {
  if (!iso) return "not recorded";
  const d = iso.slice(0, 10);
  return `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
}

function zip(z: string): string {
  return z.length === 9 ? `${z.slice(0, 5)}-${z.slice(5)}` : z;
}

export function addressText(a: PacketAddress): string {
  return `${[a.line1, a.line2].filter(Boolean).join(", ")}, ${a.city}, ${a.state} ${zip(a.zip)}`;
}

function phone(p: string | null): string {
  return p && p.length === 10 ? `(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}` : (p ?? "not recorded");
}

function pair(label: string, value: string | null | undefined): PacketItem {
  return { kind: "pair", label, value: value && value.trim() ? value : "not recorded" };
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function providerName(p: PacketData["orderingProvider"]): string {
  return [p.firstName, p.lastName].filter(Boolean).join(" ") + (p.credential ? `, ${p.credential}` : "");
}

export function buildPacketDocument(d: PacketData, generatedOn: string): PacketDocument {
  const r = d.request;
  const patientName = `${d.patient.lastName}, ${d.patient.firstName}`;
  const sections: PacketSection[] = [];

  sections.push({
    heading: "Request",
    items: [
      pair("Request number", r.requestNumber),
      pair("Request type", `${PA_REQUEST_KIND_LABELS[r.kind]} authorization, drug (medical benefit)`),
      pair("Status", r.statusLabel),
      pair("Dates requested", `${usDate(r.startDate)} to ${usDate(r.endDate)}`),
      pair("First dose", usDate(r.firstDoseDate)),
      pair("Payer reference", r.payerReference ?? "none yet"),
      pair("Submitted via", r.channel ? PA_CHANNEL_LABELS[r.channel] : "not yet chosen"),
      pair("Payer contact", r.payerContact),
      ...d.previousAuthorizations.map((a, i) =>
        pair(i === 0 ? "Previous authorizations" : "", `${a.number}: ${a.approvedUnits} units ${a.hcpcs}, ${usDate(a.startDate)} to ${usDate(a.endDate)}${a.voided ? " (replaced)" : ""}`),
      ),
    ],
  });

  sections.push({
    heading: "Patient",
    items: [
      pair("Name", patientName),
      pair("Date of birth", usDate(d.patient.birthDate)),
      pair("Sex", SEX[d.patient.sex]),
      pair("Address", addressText(d.patient.address)),
      pair("Phone", phone(d.patient.phone)),
      pair("Medical record number", d.patient.mrn),
    ],
  });

  const sub = d.coverage.subscriber;
  sections.push({
    heading: "Insurance",
    items: [
      pair("Payer", d.payer.name),
      pair("Payer ID", d.payer.ediPayerId),
      pair("Plan", d.coverage.planName),
      pair("Member ID", d.coverage.memberId),
      pair("Group number", d.coverage.groupNumber),
      pair("Subscriber", sub ? `${sub.lastName}, ${sub.firstName} (born ${usDate(sub.birthDate)})` : `${patientName} (the patient)`),
      pair("Patient's relationship", RELATIONSHIP[d.coverage.relationship]),
      pair("Coverage dates", `${usDate(d.coverage.effectiveDate)} to ${d.coverage.endDate ? usDate(d.coverage.endDate) : "open"}`),
    ],
  });

  sections.push({
    heading: "Ordering provider and site of care",
    items: [
      pair("Ordering provider", providerName(d.orderingProvider)),
      pair("Provider NPI", d.orderingProvider.npi),
      pair("Taxonomy", d.orderingProvider.taxonomyCode),
      pair("Practice", d.practice.name),
      pair("Practice NPI / Tax ID", `${d.practice.npi} / ${d.practice.taxId}`),
      pair("Site of care", d.site.name),
      pair("Site address", addressText(d.site.address)),
      pair("Place of service", d.site.placeOfServiceLabel),
      ...(d.site.facilityNpi ? [pair("Facility NPI", d.site.facilityNpi)] : []),
    ],
  });

  const drugItems: PacketItem[] = [];
  for (const l of d.lines) {
    drugItems.push(pair(`HCPCS ${l.hcpcs}`, `${l.descriptor} (${l.brand}, ${l.drug}; 1 unit = ${l.unitAmount} mg)`));
    drugItems.push(pair("NDC", l.ndc ? `${formatNdc11(l.ndc.ndc11)} (11-digit ${l.ndc.ndc11}; labelled ${l.ndc.labelNdc}), ${l.ndc.description}` : "not on file"));
    drugItems.push(pair("Units requested", `${l.units} units ${l.hcpcs} for ${l.doses} dose${l.doses === 1 ? "" : "s"}, ${usDate(r.startDate)} to ${usDate(r.endDate)}`));
  }
  sections.push({ heading: "Drug requested", items: drugItems });

  const doseItems: PacketItem[] = [pair("Weight", `${d.weight.kg} kg (${d.weight.source})`)];
  for (const dose of d.dosing) {
    doseItems.push(pair(`${dose.hcpcs} ${dose.phase}`, `${dose.ordered}, ${dose.schedule}, ${dose.doses}`));
    for (const step of dose.arithmetic) doseItems.push({ kind: "bullet", text: step });
    if (dose.mg === null) doseItems.push({ kind: "bullet", text: "The weight is needed to compute this weight-based dose." });
    if (dose.note) doseItems.push({ kind: "bullet", text: dose.note });
  }
  sections.push({ heading: "Dose and schedule", items: doseItems });

  sections.push({
    heading: "Diagnoses (ICD-10-CM)",
    items: d.diagnoses.map((x, i) => ({ kind: "bullet", text: `${i === 0 ? "Principal: " : ""}${x.code} ${x.description || "(description not in the reference data)"}` })),
  });

  sections.push({
    heading: "Indication",
    items: [pair("Indication", d.indication.name), pair("Basis", d.indication.basis), ...(d.indication.source ? [pair("Source", d.indication.source)] : [])],
  });

  const c = d.clinical;
  sections.push({
    heading: "Clinical summary",
    items: [
      pair("Stage", c.stage),
      pair("Biomarkers", c.biomarkers.length ? c.biomarkers.map((b) => `${b.name}: ${b.result}`).join("; ") : null),
      pair("Prior therapies", c.priorTherapies),
      pair("ECOG performance status", c.ecog),
      pair("Treatment intent", c.intent ? INTENT[c.intent] : null),
      ...(c.notes ? [pair("Clinical notes", c.notes)] : []),
    ],
  });

  sections.push({
    heading: "Attachments",
    items: d.attachments.length
      ? d.attachments.map((a) => ({ kind: "bullet", text: `${a.fileName}${a.description ? ` - ${a.description}` : ""} (${a.contentType}, ${bytes(a.sizeBytes)}, added ${usDate(a.uploadedAt)})` }))
      : [{ kind: "text", text: "No attachments." }],
  });

  if (r.notes) sections.push({ heading: "Notes", items: [{ kind: "text", text: r.notes }] });

  sections.push({
    heading: "Attestation",
    items: [
      { kind: "text", text: "I attest that the information above is accurate and supported by the patient's medical record." },
      pair("Ordering provider signature", "_______________________________"),
      pair("Date", "_______________"),
    ],
  });

  return {
    title: `Prior authorization request ${r.requestNumber}`,
    subtitle: `Durvalumab (${d.lines.map((l) => l.hcpcs).join(", ")}) for ${patientName} - ${d.payer.name}, member ${d.coverage.memberId} - prepared ${usDate(generatedOn)}`,
    footer: `${d.practice.name} - prior authorization request ${r.requestNumber} - ${patientName}`,
    sections,
  };
}

/** Every line of text the packet prints, in order (tests and search). */
export function packetTextLines(doc: PacketDocument): string[] {
  const out = [doc.title, doc.subtitle];
  for (const s of doc.sections) {
    out.push(s.heading);
    for (const i of s.items) out.push(i.kind === "pair" ? `${i.label}: ${i.value}` : i.text);
  }
  return out;
}
