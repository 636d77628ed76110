import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { administrationDocumentation, administrations, authorizations, locations, practices, priorAuthAttachments, providers } from "@/db/schema";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { PLACE_OF_SERVICE_LABELS, type PlaceOfService } from "@/server/domain/practice-setup/codes";
import { buildPacketDocument, buildPasBundle, inlineAttachmentIds, packetDosing, type PacketData, type PacketLine } from "@/server/domain/prior-auth-packet";
import { PRIOR_AUTH_STATE_LABELS } from "@/server/domain/workflow/prior-auth";
import { attachmentsOf, getRequestRow } from "@/server/queries/prior-auths";
import type { Actor } from "./context";
import { getPreparedReference } from "./reference-data";

/**
 * The request packet of a prior-authorization request (PDF and Da Vinci PAS Bundle): loads the
 * request with its patient, coverage, payer, order, provider, site, reference data and attachments
 * into plain data; the builders in server/domain/prior-auth-packet do the rest. Read-only: the
 * routes audit the download.
 */

function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** "FDA label, approved 02/16/2018" / "Compendium-supported use (NCCN)": the basis payers ask for. */
export function indicationBasis(row: { status: string; labelDate: string; withdrawnDate?: string | null | undefined }): string {
  if (row.status === "compendia") return "Compendium-supported use (NCCN), not in the FDA label";
  if (row.status === "withdrawn") return `FDA label (indication withdrawn${row.withdrawnDate ? ` ${formatDate(row.withdrawnDate)}` : ""})`;
  return `FDA label, approved ${formatDate(row.labelDate)}`;
}

function lineOf(ref: PreparedReference, l: { hcpcs: string; ndc: string | null; units: number; doses: number }): PacketLine {
  const drug = ref.drugsByHcpcs.get(l.hcpcs)?.[0]?.row;
  const pkg = (l.ndc ? ref.packagesByNdc.get(l.ndc)?.[0] : null) ?? ref.packagesByHcpcs.get(l.hcpcs)?.[0] ?? null;
  return {
    hcpcs: l.hcpcs,
    descriptor: drug?.descriptor ?? l.hcpcs,
    drug: drug?.drug ?? "",
    brand: drug?.brand ?? "",
    unitAmount: drug?.unitAmount ?? "",
    ndc: pkg ? { ndc11: pkg.ndc11, labelNdc: pkg.row.labelNdc, description: pkg.row.description } : null,
    units: l.units,
    doses: l.doses,
  };
}

/**
 * Everything the packet shows, for a request of the actor's practice (another practice's request
 * is reported like a missing one). With `withAttachmentContent`, the small attachments' bytes come
 * along for the PAS bundle (PAS_INLINE_MAX_BYTES); the PDF only lists them.
 */
export async function packetDataOf(db: Db, actor: Actor, requestId: string, opts: { withAttachmentContent: boolean }): Promise<{ data: PacketData; patientId: string; requestNumber: string }> {
  const row = await getRequestRow(db, actor.practiceId, requestId);
  if (!row) throw new DomainError("NOT_FOUND", "Prior-authorization request not found.");
  const r = row.request;
  const [ref, [practice], [provider], [site], attachments, [lastWeight], earlier] = await Promise.all([
    getPreparedReference(db),
    db.select().from(practices).where(eq(practices.id, actor.practiceId)),
    db
      .select()
      .from(providers)
      .where(and(eq(providers.id, r.orderingProviderId), eq(providers.practiceId, actor.practiceId))),
    db
      .select()
      .from(locations)
      .where(and(eq(locations.id, r.locationId), eq(locations.practiceId, actor.practiceId))),
    attachmentsOf(db, actor.practiceId, r.id),
    db
      .select({ kg: administrationDocumentation.weightKg, date: administrationDocumentation.actualDate })
      .from(administrationDocumentation)
      .innerJoin(administrations, eq(administrations.id, administrationDocumentation.administrationId))
      .where(
        and(
          eq(administrations.orderId, r.orderId),
          eq(administrations.practiceId, actor.practiceId),
          eq(administrationDocumentation.isCurrent, true),
          isNotNull(administrationDocumentation.weightKg),
          isNotNull(administrationDocumentation.actualDate),
        ),
      )
      .orderBy(desc(administrationDocumentation.actualDate))
      .limit(1),
    db
      .select()
      .from(authorizations)
      .where(and(eq(authorizations.orderId, r.orderId), eq(authorizations.practiceId, actor.practiceId), ne(authorizations.requestId, r.id)))
      .orderBy(asc(authorizations.startDate), asc(authorizations.createdAt)),
  ]);
  if (!practice || !provider || !site) throw new DomainError("NOT_FOUND", "Prior-authorization request not found.");

  const inline = opts.withAttachmentContent ? inlineAttachmentIds(attachments) : new Set<string>();
  const contents = inline.size
    ? await db
        .select({ id: priorAuthAttachments.id, content: priorAuthAttachments.content })
        .from(priorAuthAttachments)
        .where(and(inArray(priorAuthAttachments.id, [...inline]), eq(priorAuthAttachments.practiceId, actor.practiceId)))
    : [];
  const contentOf = new Map(contents.map((c) => [c.id, Buffer.from(c.content)]));

  const indication = ref.indicationsById.get(r.indicationId)?.row;
  const weight = lastWeight?.kg ? { kg: lastWeight.kg, source: `documented at the infusion of ${formatDate(lastWeight.date)}` } : { kg: row.order.weightKg, source: "weight on the order" };
  const payer = row.payer;
  const cov = row.coverage;
  const data: PacketData = {
    request: {
      id: r.id,
      requestNumber: r.requestNumber,
      revision: r.revision,
      kind: r.kind,
      status: r.status,
      statusLabel: PRIOR_AUTH_STATE_LABELS[r.status],
      startDate: r.startDate,
      endDate: r.endDate,
      firstDoseDate: r.firstDoseDate,
      channel: r.channel,
      payerReference: r.payerReference,
      payerContact: r.payerContact,
      notes: r.notes,
      createdAt: r.createdAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
    },
    practice: {
      id: practice.id,
      name: practice.name,
      npi: practice.npi,
      taxId: practice.taxId,
      address: { line1: practice.addressLine1, line2: practice.addressLine2, city: practice.city, state: practice.state, zip: practice.zip },
    },
    patient: {
      id: row.patient.id,
      mrn: row.patient.mrn,
      firstName: row.patient.firstName,
      lastName: row.patient.lastName,
      birthDate: row.patient.dateOfBirth,
      sex: row.patient.sex,
      address: { line1: row.patient.addressLine1, line2: row.patient.addressLine2, city: row.patient.city, state: row.patient.state, zip: row.patient.zip },
      phone: row.patient.phone,
    },
    coverage: {
      id: cov.id,
      memberId: cov.memberId,
      groupNumber: cov.groupNumber,
      planName: cov.planName,
      relationship: cov.relationship,
      subscriber:
        cov.relationship !== "self" && cov.subscriberFirstName && cov.subscriberLastName && cov.subscriberDateOfBirth
          ? { firstName: cov.subscriberFirstName, lastName: cov.subscriberLastName, birthDate: cov.subscriberDateOfBirth }
          : null,
      effectiveDate: cov.effectiveDate,
      endDate: cov.endDate,
    },
    payer: { id: payer.id, name: payer.name, ediPayerId: payer.ediPayerId },
    orderingProvider: { id: provider.id, firstName: provider.firstName, lastName: provider.lastName, credential: provider.credential, npi: provider.npi, taxonomyCode: provider.taxonomyCode },
    site: {
      id: site.id,
      name: site.name,
      placeOfService: site.placeOfService,
      placeOfServiceLabel: PLACE_OF_SERVICE_LABELS[site.placeOfService as PlaceOfService] ?? site.placeOfService,
      address: { line1: site.addressLine1, line2: site.addressLine2, city: site.city, state: site.state, zip: site.zip },
      facilityNpi: site.facilityNpi,
    },
    order: { id: row.order.id, startDate: row.order.startDate, durationMonths: row.order.durationMonths },
    weight,
    lines: r.requestedLines.map((l) => lineOf(ref, l)),
    dosing: packetDosing(ref, {
      phases: row.order.phases,
      combination: row.order.combination ?? null,
      indicationId: r.indicationId,
      durationMonths: row.order.durationMonths,
      weightKg: weight.kg,
      date: r.firstDoseDate ?? r.startDate,
      billsWaste: payer.wasteModifiers !== "none",
    }),
    diagnoses: r.diagnoses.map((code) => ({ code, description: ref.icdByCode.get(code.replace(".", ""))?.[0]?.description ?? "" })),
    indication: {
      id: r.indicationId,
      name: indication?.name ?? r.indicationId,
      basis: indication ? indicationBasis(indication) : "Indication not in the reference data",
      source: indication?.labelSource ?? null,
    },
    clinical: r.clinical,
    previousAuthorizations: earlier.map((a) => ({ number: a.authorizationNumber, hcpcs: a.hcpcs, startDate: a.startDate, endDate: a.endDate, approvedUnits: a.approvedUnits, voided: a.voidedAt !== null })),
    attachments: attachments.map((a) => {
      const bytes = contentOf.get(a.id);
      return {
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        sha256: a.sha256,
        description: a.description,
        uploadedAt: a.createdAt.toISOString(),
        inline: bytes ? { base64: bytes.toString("base64"), sha1Base64: createHash("sha1").update(bytes).digest("base64") } : null,
      };
    }),
  };
  return { data, patientId: row.patient.id, requestNumber: r.requestNumber };
}

/** The printable packet's PDF layout (the route renders it). */
export async function packetDocumentOf(db: Db, actor: Actor, requestId: string, now: Date) {
  const { data, patientId, requestNumber } = await packetDataOf(db, actor, requestId, { withAttachmentContent: false });
  return { document: buildPacketDocument(data, isoDate(now)), patientId, requestNumber };
}

/** The PAS request Bundle; `attachmentUrl` gives the download address of attachments too large to inline. */
export async function pasBundleOf(db: Db, actor: Actor, requestId: string, now: Date, attachmentUrl: (attachmentId: string) => string) {
  const { data, patientId, requestNumber } = await packetDataOf(db, actor, requestId, { withAttachmentContent: true });
  return { bundle: buildPasBundle(data, { timestamp: now.toISOString(), attachmentUrl }), patientId, requestNumber, revision: data.request.revision };
}
