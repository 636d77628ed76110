import "server-only";
import { documentationColumns } from "@/server/domain/documentation/columns";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { administrationDocumentation, administrations, administrationVials, findingAcknowledgments } from "@/db/schema";
import { can } from "@/server/auth/permissions";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import {
  checkVialNdc,
  documentationChecklist,
  doseForDay,
  evaluateDocumentation,
  MIN_ACK_REASON,
  packageCatalog,
  suggestVials,
  type AcquisitionSource,
  type ClaimContext,
  type DocumentationValues,
  type OtherDrugEntry,
  type VialEntry,
} from "@/server/domain/documentation";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { decimalToMilli } from "@/server/domain/orders/dose";
import { toPayerProfile } from "@/server/domain/practice-setup/payer-profile";
import { administrationMachine, NOT_GIVEN_REASONS, type AdministrationState, type NotGivenReason } from "@/server/domain/workflow/administration";
import { canTransition } from "@/server/domain/workflow/machine";
import {
  firstDoseDateOfOrder,
  getAdministrationRow,
  listAcknowledgments,
  listDocumentationVersions,
  primaryCoverageOn,
  canonicalDecimal,
  documentationValuesOf,
} from "@/server/queries/documentation";
import { ADMINISTRATION_STATE_LABELS } from "@/server/domain/orders/codes";
import { listPatientAdministrations } from "@/server/queries/worklists";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { feeScheduleOn } from "./fee-schedule";
import { activateOrderIfSigned } from "./orders";
import { priorAuthsForAdministration } from "./prior-auths";
import { refreshReadiness } from "./readiness";
import { getPreparedReference, preparedReferenceIn } from "./reference-data";
import { applyTransition } from "./transition";

/** What the documentation form sends (already trimmed and shaped by the tRPC schema). */
export interface DocumentationInput {
  actualDate: string | null;
  weightKg: string | null;
  infusionStart: string | null;
  infusionStop: string | null;
  nurseName: string | null;
  mgAdministered: string | null;
  mgDiscarded: string | null;
  wasteTime: string | null;
  wasteWitness: string | null;
  acquisition: AcquisitionSource;
  acquisitionCostPerUnit: string | null;
  vialChoiceReason: string | null;
  notes: string | null;
  otherDrugs: OtherDrugEntry[];
  combination: { mgAdministered: string | null; mgDiscarded: string | null; infusionStart: string | null; infusionStop: string | null } | null;
  /** NDC as entered: 4-4-2, 5-3-2, 5-4-1, hyphenated or not, or a scanned 11-digit code */
  vials: { ndc: string; lotNumber: string | null; expiryDate: string | null; count: number }[];
}

const DOCUMENTABLE: readonly AdministrationState[] = ["scheduled", "in_progress", "documented"];
/** Checklist items that are billing's concern, not the infusion record's: they do not hold "documented". */
const NOT_NEEDED_TO_DOCUMENT = new Set(["coverage"]);

function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

type Loaded = NonNullable<Awaited<ReturnType<typeof getAdministrationRow>>>;

export async function loadAdministration(tx: DbOrTx, actor: Actor, administrationId: string, lock = false): Promise<Loaded> {
  if (lock) {
    // FOR UPDATE on the administration row: concurrent writers of one administration queue here.
    const [a] = await tx
      .select({ id: administrations.id })
      .from(administrations)
      .where(and(eq(administrations.id, administrationId), eq(administrations.practiceId, actor.practiceId)))
      .for("update");
    if (!a) throw new DomainError("NOT_FOUND", "Administration not found.");
  }
  const row = await getAdministrationRow(tx, actor.practiceId, administrationId);
  // Another practice's administration is reported exactly like a missing one.
  if (!row) throw new DomainError("NOT_FOUND", "Administration not found.");
  return row;
}

async function currentDocumentation(tx: DbOrTx, actor: Actor, administrationId: string) {
  const versions = await listDocumentationVersions(tx, actor.practiceId, administrationId);
  return { versions, current: versions.find((v) => v.isCurrent) ?? null };
}

/** The claim context of an administration on a date: primary payer, fee schedule, first dose. */
async function claimContext(tx: DbOrTx, actor: Actor, ref: PreparedReference, row: Loaded, date: string, today: string): Promise<ClaimContext & { payerRow: Awaited<ReturnType<typeof primaryCoverageOn>> }> {
  const primary = await primaryCoverageOn(tx, actor.practiceId, row.patient.id, date);
  const fees = await feeScheduleOn(tx, actor.practiceId, date);
  const first = await firstDoseDateOfOrder(tx, actor.practiceId, row.order.id);
  return {
    order: { indicationId: row.order.indicationId, diagnoses: row.order.diagnoses, phases: row.order.phases, combination: row.order.combination ?? null, weightDoseOverrideReason: row.order.weightDoseOverrideReason },
    administration: {
      phaseIndex: row.administration.phaseIndex,
      cycle: row.administration.cycle,
      includesCombination: row.administration.includesCombination,
      plannedDate: row.administration.plannedDate,
    },
    placeOfService: row.location.placeOfService,
    billedBy: row.location.billedBy,
    site: { hospitalSite: row.location.hospitalSite, coveredEntityType: row.location.coveredEntityType340b },
    payer: primary ? toPayerProfile(primary.payer) : null,
    feeScheduleCents: fees,
    firstDoseDate: first,
    today,
    priorAuths: await priorAuthsForAdministration(tx, actor.practiceId, ref, { orderId: row.order.id, administrationId: row.administration.id, date }),
    payerRow: primary,
  };
}

export async function evaluate(tx: DbOrTx, actor: Actor, ref: PreparedReference, row: Loaded, today: string) {
  const { versions, current } = await currentDocumentation(tx, actor, row.administration.id);
  const values = documentationValuesOf(current, current?.vials ?? []);
  const date = values.actualDate ?? row.administration.plannedDate;
  const ctx = await claimContext(tx, actor, ref, row, date, today);
  const acks = await listAcknowledgments(tx, actor.practiceId, row.administration.id);
  const version = current?.version ?? 0;
  const evaluation = evaluateDocumentation(
    ref,
    values,
    ctx,
    acks.filter((a) => a.documentationVersion === version),
  );
  return { versions, current, values, ctx, acks, evaluation, date };
}

/** Validates the vials (NDC in the crosswalk, drug given with this infusion) and shapes the values. */
function normaliseInput(ref: PreparedReference, row: Loaded, input: DocumentationInput, today: string): DocumentationValues {
  if (input.actualDate !== null && input.actualDate > today) {
    throw new DomainError("VALIDATION", `The infusion cannot be documented for a future date (today is ${formatDate(today)}).`, { field: "actualDate" });
  }
  const date = input.actualDate ?? row.administration.plannedDate;
  const includesCombo = row.administration.includesCombination && row.order.combination !== null;
  const vials: VialEntry[] = input.vials.map((v, i) => {
    const c = checkVialNdc(ref, v.ndc, date);
    if (!c.ok) throw new DomainError("VALIDATION", c.message, { field: `vials.${i}.ndc` });
    if (c.drug !== "durvalumab" && !(includesCombo && row.order.combination?.drug === c.drug)) {
      throw new DomainError("VALIDATION", `${c.description} is ${c.drug}; this infusion does not include ${c.drug}.`, { field: `vials.${i}.ndc` });
    }
    return { drug: c.drug, ndc11: c.ndc11, lotNumber: v.lotNumber, expiryDate: v.expiryDate, count: v.count };
  });
  return {
    actualDate: input.actualDate,
    weightKg: canonicalDecimal(input.weightKg),
    infusionStart: input.infusionStart,
    infusionStop: input.infusionStop,
    nurseName: input.nurseName,
    mgAdministered: canonicalDecimal(input.mgAdministered),
    mgDiscarded: canonicalDecimal(input.mgDiscarded),
    wasteTime: input.wasteTime,
    wasteWitness: input.wasteWitness,
    acquisition: input.acquisition,
    acquisitionCostPerUnit: input.acquisition === "purchased_340b" ? canonicalDecimal(input.acquisitionCostPerUnit) : null,
    vialChoiceReason: input.vialChoiceReason,
    notes: input.notes,
    otherDrugs: input.otherDrugs.map((o) => ({ ...o })),
    combination: includesCombo && input.combination ? { ...input.combination, mgAdministered: canonicalDecimal(input.combination.mgAdministered), mgDiscarded: canonicalDecimal(input.combination.mgDiscarded) } : null,
    vials,
  };
}

async function insertVials(tx: Tx, actor: Actor, documentationId: string, vials: readonly VialEntry[]) {
  if (vials.length === 0) return;
  await tx.insert(administrationVials).values(
    vials.map((v, i) => ({ practiceId: actor.practiceId, documentationId, position: i + 1, drug: v.drug, ndc11: v.ndc11, lotNumber: v.lotNumber, expiryDate: v.expiryDate, count: v.count })),
  );
}

function staleRevision(): DomainError {
  return new DomainError("CONFLICT", "Someone else saved this documentation since you opened it. Reload to see their changes, then enter yours again.");
}

/** Administration id + the revision the user saw, for writes that must not overwrite a newer save. */
export interface RevisionInput {
  administrationId: string;
  baseRevision: number;
}

/* ---------------------------------------------------------------- reads */

/** The patient's other infusions that are not closed: what "duplicate of another record" may point to. */
async function duplicateCandidates(db: DbOrTx, actor: Actor, patientId: string, exceptId: string) {
  const rows = (await listPatientAdministrations(db, actor.practiceId, patientId)) ?? [];
  return rows
    .filter((r) => r.id !== exceptId && r.status !== "closed" && r.status !== "not_given")
    .map((r) => ({ id: r.id, label: `${r.cycleLabel} · ${formatDate(r.actualDate ?? r.plannedDate)} · ${ADMINISTRATION_STATE_LABELS[r.status]} · ${r.indicationName}` }));
}

export async function getAdministrationDetail(db: Db, actor: Actor, administrationId: string, now: Date) {
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  const row = await loadAdministration(db, actor, administrationId);
  const ev = await evaluate(db, actor, ref, row, today);
  const a = row.administration;
  const phase = row.order.phases[a.phaseIndex] ?? row.order.phases[0]!;
  const indication = ref.indicationsById.get(row.order.indicationId) ?? null;
  const weight = ev.values.weightKg ?? canonicalDecimal(row.order.weightKg);
  const dose = doseForDay(phase, indication, weight);
  const combo = a.includesCombination && row.order.combination ? row.order.combination : null;
  const comboDose = combo ? doseForDay({ name: phase.name, doseKind: combo.doseKind, doseAmount: combo.doseAmount }, indication, weight, combo.drug) : null;
  const administeredMilli = ev.values.mgAdministered ? decimalToMilli(ev.values.mgAdministered) : null;
  const comboMilli = ev.values.combination?.mgAdministered ? decimalToMilli(ev.values.combination.mgAdministered) : null;
  const suggested = [
    suggestVials(ref, "durvalumab", administeredMilli ?? dose.mgMilli ?? 0, ev.date),
    combo ? suggestVials(ref, combo.drug, comboMilli ?? comboDose?.mgMilli ?? 0, ev.date) : null,
  ].filter((s) => s !== null);

  const mayDocument = actor.role !== null && can(actor.role, "administration.document");
  const status = a.status;
  const actions = {
    start: mayDocument && canTransition(administrationMachine, status, "start"),
    save: mayDocument && DOCUMENTABLE.includes(status),
    markReady: mayDocument && canTransition(administrationMachine, status, "mark_ready"),
    amend: mayDocument && canTransition(administrationMachine, status, "amend"),
    markNotGiven: mayDocument && canTransition(administrationMachine, status, "mark_not_given"),
    acknowledge: mayDocument && status === "documented",
    close: mayDocument && canTransition(administrationMachine, status, "close"),
    decideWriteOff: actor.role !== null && can(actor.role, "writeOff.approve") && canTransition(administrationMachine, status, "approve_write_off"),
    reopen: actor.role !== null && can(actor.role, "administration.reopen") && canTransition(administrationMachine, status, "reopen"),
  };
  const payer = ev.ctx.payerRow;
  return {
    administration: {
      id: a.id,
      status,
      sequence: a.sequence,
      cycle: a.cycle,
      day: a.day,
      plannedDate: a.plannedDate,
      originalPlannedDate: a.originalPlannedDate,
      includesCombination: a.includesCombination,
      notGivenReason: a.notGivenReason,
      notGivenNote: a.notGivenNote,
      closeOutcome: a.closeOutcome,
      closeReason: a.closeReason,
      closeDuplicateOfId: a.closeDuplicateOfId,
      closeAmountCents: a.closeAmountCents,
    },
    siblings: actions.close ? await duplicateCandidates(db, actor, row.patient.id, a.id) : [],
    order: {
      id: row.order.id,
      status: row.order.status,
      indicationId: row.order.indicationId,
      indicationName: indication?.row.name ?? row.order.indicationId,
      diagnoses: row.order.diagnoses,
      phase: { name: phase.name, doseKind: phase.doseKind, doseAmount: phase.doseAmount, frequency: phase.frequency },
      combination: combo ? { drug: combo.drug, doseKind: combo.doseKind, doseAmount: combo.doseAmount } : null,
      weightKg: canonicalDecimal(row.order.weightKg)!,
      locationId: row.location.id,
      locationName: row.location.name,
      placeOfService: row.location.placeOfService,
    },
    patient: { id: row.patient.id, firstName: row.patient.firstName, lastName: row.patient.lastName, mrn: row.patient.mrn, dateOfBirth: row.patient.dateOfBirth },
    dose,
    combinationDose: comboDose,
    revision: ev.current?.revision ?? 0,
    documentation: ev.current ? { version: ev.current.version, values: ev.values } : null,
    versions: ev.versions.map((v) => ({
      id: v.id,
      version: v.version,
      revision: v.revision,
      isCurrent: v.isCurrent,
      amendmentReason: v.amendmentReason,
      createdByName: v.createdByName,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      values: documentationValuesOf(v, v.vials),
    })),
    packages: packageCatalog(ref, ev.date),
    suggestedVials: suggested,
    payer: payer
      ? {
          id: payer.payer.id,
          name: payer.payer.name,
          kind: payer.payer.kind,
          wasteModifiers: payer.payer.wasteModifiers,
          ndc: payer.payer.ndc,
          priorAuthRequired: payer.payer.priorAuthRequired,
          freeDrug: payer.payer.freeDrug,
          memberId: payer.coverage.memberId,
          coverageId: payer.coverage.id,
        }
      : null,
    checklist: ev.evaluation.checklist,
    preview: ev.evaluation.preview,
    // The authorization each drug code is billed against, with what earlier infusions used and what this claim leaves.
    authorizations: (ev.ctx.priorAuths ?? []).map((a) => {
      const inside = a.start <= ev.date && ev.date <= a.end;
      const billed = ev.evaluation.preview ? ev.evaluation.preview.lines.filter((l) => l.code === a.hcpcs).reduce((n, l) => n + l.units, 0) : null;
      return { number: a.number, hcpcs: a.hcpcs, startDate: a.start, endDate: a.end, approvedUnits: a.approvedUnits, usedBefore: a.usedUnits, thisInfusion: billed, remainingAfter: billed === null ? null : a.approvedUnits - a.usedUnits - billed, withinDates: inside };
    }),
    missing: ev.evaluation.missing,
    billedElsewhere: ev.evaluation.billedElsewhere,
    findings: ev.evaluation.findings,
    blockers: ev.evaluation.blockers,
    acknowledgments: ev.acks,
    actions,
  };
}
export type AdministrationDetail = Awaited<ReturnType<typeof getAdministrationDetail>>;

/** The claim as it would be billed to the primary coverage on the administration date. */
export async function previewAdministration(db: Db, actor: Actor, administrationId: string, now: Date) {
  const d = await getAdministrationDetail(db, actor, administrationId, now);
  return { administrationId, status: d.administration.status, payer: d.payer, preview: d.preview, missing: d.missing, billedElsewhere: d.billedElsewhere, findings: d.findings, blockers: d.blockers };
}

/* ---------------------------------------------------------------- writes */

export async function startAdministration(db: Db, actor: Actor, input: { administrationId: string }, now: Date) {
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: row.administration.id,
      from: row.administration.status,
      event: "start",
      set: { updatedAt: now },
      note: { orderId: row.order.id, sequence: row.administration.sequence },
    });
    await activateOrderIfSigned(tx, actor, row.order.id, now);
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, await preparedReferenceIn(db, tx));
    return { id: row.administration.id, status: "in_progress" as AdministrationState };
  });
}

/**
 * Creates or updates the documentation draft. `baseRevision` is the revision the user saw (0 when
 * none existed): a save by someone else in between makes this a conflict. Saving keeps a scheduled
 * or started infusion where it is; with `markDocumented` it also becomes documented, which the
 * checklist must allow (every item of the infusion record present). The order becomes active on its
 * first infusion.
 */
export async function saveDocumentation(
  db: Db,
  actor: Actor,
  input: RevisionInput & { documentation: DocumentationInput; markDocumented?: boolean | undefined },
  now: Date,
) {
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    const status = row.administration.status;
    if (status === "ready_for_billing") {
      throw new DomainError("CONFLICT", "This administration is ready for billing: its documentation changes only through an amendment with a reason.");
    }
    if (!DOCUMENTABLE.includes(status)) {
      throw new DomainError("INVALID_TRANSITION", `An administration that is ${status.replace(/_/g, " ")} cannot be documented.`);
    }
    const { current } = await currentDocumentation(tx, actor, row.administration.id);
    if ((current?.revision ?? 0) !== input.baseRevision) throw staleRevision();
    const values = normaliseInput(ref, row, input.documentation, today);
    const before = current ? { version: current.version, revision: current.revision, ...documentationValuesOf(current, current.vials) } : null;
    let docId: string;
    let version: number;
    let revision: number;
    if (!current) {
      const [doc] = await tx
        .insert(administrationDocumentation)
        .values({
          practiceId: actor.practiceId,
          administrationId: row.administration.id,
          version: 1,
          revision: 1,
          isCurrent: true,
          ...documentationColumns(values),
          createdByUserId: actor.userId,
          createdAt: now,
          updatedByUserId: actor.userId,
          updatedAt: now,
        })
        .returning({ id: administrationDocumentation.id });
      docId = doc!.id;
      version = 1;
      revision = 1;
    } else {
      const [doc] = await tx
        .update(administrationDocumentation)
        .set({ ...documentationColumns(values), revision: current.revision + 1, updatedByUserId: actor.userId, updatedAt: now })
        .where(
          and(
            eq(administrationDocumentation.id, current.id),
            eq(administrationDocumentation.practiceId, actor.practiceId),
            eq(administrationDocumentation.revision, current.revision),
          ),
        )
        .returning({ id: administrationDocumentation.id });
      if (!doc) throw staleRevision();
      await tx.delete(administrationVials).where(and(eq(administrationVials.documentationId, current.id), eq(administrationVials.practiceId, actor.practiceId)));
      docId = current.id;
      version = current.version;
      revision = current.revision + 1;
    }
    await insertVials(tx, actor, docId, values.vials);
    await recordAudit(tx, actor, {
      action: "administration.documentation_saved",
      entityType: "administration",
      entityId: row.administration.id,
      before,
      after: { version, revision, ...values },
    });
    let to: AdministrationState = status;
    if (input.markDocumented && (status === "scheduled" || status === "in_progress")) {
      // "Documented" is asked for, and allowed only when the infusion record is complete; the
      // whole save is refused otherwise, so the user keeps what they typed and sees what is missing.
      const ctx = await claimContext(tx, actor, ref, row, values.actualDate ?? row.administration.plannedDate, today);
      const open = documentationChecklist(ref, values, ctx).filter((c) => !c.done && !NOT_NEEDED_TO_DOCUMENT.has(c.key));
      if (open.length > 0) {
        throw new DomainError("VALIDATION", `Not documented yet: ${open.map((c) => `${c.label[0]!.toLowerCase()}${c.label.slice(1)}`).join("; ")}. Save it as a draft and complete it later.`, { field: open[0]!.field });
      }
      await applyTransition(tx, actor, {
        machine: administrationMachine,
        table: administrations,
        entityType: "administration",
        id: row.administration.id,
        from: status,
        event: "document",
        set: { updatedAt: now },
        note: { version, revision },
      });
      to = "documented";
    }
    await activateOrderIfSigned(tx, actor, row.order.id, now);
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, ref);
    return { id: row.administration.id, status: to, version, revision };
  });
}

/** documented → ready for billing, only when the checklist is complete, no error remains and every warning is acknowledged. */
export async function markReady(db: Db, actor: Actor, input: { administrationId: string }, now: Date) {
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    const from = row.administration.status;
    if (!canTransition(administrationMachine, from, "mark_ready")) {
      throw new DomainError("INVALID_TRANSITION", `Only a documented administration can be marked ready for billing; this one is ${from.replace(/_/g, " ")}.`);
    }
    const ev = await evaluate(tx, actor, ref, row, today);
    if (ev.evaluation.blockers.length > 0) {
      const field = ev.evaluation.checklist.find((c) => !c.done)?.field;
      throw new DomainError("VALIDATION", `Not ready for billing: ${ev.evaluation.blockers.join("; ")}.`, field ? { field } : undefined);
    }
    await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: row.administration.id,
      from,
      event: "mark_ready",
      set: { updatedAt: now },
      note: {
        version: ev.current!.version,
        revision: ev.current!.revision,
        totalChargeCents: ev.evaluation.preview?.totalChargeCents ?? null,
        lines: ev.evaluation.preview?.lines.map((l) => `${[l.code, ...l.modifiers].join("-")} ×${l.units}`) ?? [],
        acknowledgedWarnings: ev.evaluation.findings.filter((f) => f.acknowledged).map((f) => f.rule),
      },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, ref);
    return { id: row.administration.id, status: "ready_for_billing" as AdministrationState };
  });
}

/**
 * Amends documentation that is ready for billing: a new version (copy of the current one, or the
 * corrected values when given) with the reason; the earlier version is kept unchanged. The
 * administration goes back to documented and is evaluated again (acknowledgements are per version).
 */
export async function amendDocumentation(
  db: Db,
  actor: Actor,
  input: RevisionInput & { reason: string; documentation?: DocumentationInput | undefined },
  now: Date,
) {
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    const from = row.administration.status;
    if (!canTransition(administrationMachine, from, "amend")) {
      throw new DomainError("INVALID_TRANSITION", `Only documentation that is ready for billing is amended; this administration is ${from.replace(/_/g, " ")}${from === "documented" ? " and can be edited directly" : ""}.`);
    }
    const { current } = await currentDocumentation(tx, actor, row.administration.id);
    if (!current) throw new DomainError("CONFLICT", "There is no documentation to amend.");
    if (current.revision !== input.baseRevision) throw staleRevision();
    const values = input.documentation ? normaliseInput(ref, row, input.documentation, today) : documentationValuesOf(current, current.vials);
    const [old] = await tx
      .update(administrationDocumentation)
      .set({ isCurrent: false })
      .where(
        and(
          eq(administrationDocumentation.id, current.id),
          eq(administrationDocumentation.practiceId, actor.practiceId),
          eq(administrationDocumentation.revision, current.revision),
          eq(administrationDocumentation.isCurrent, true),
        ),
      )
      .returning({ id: administrationDocumentation.id });
    if (!old) throw staleRevision();
    const version = current.version + 1;
    const revision = current.revision + 1;
    const [doc] = await tx
      .insert(administrationDocumentation)
      .values({
        practiceId: actor.practiceId,
        administrationId: row.administration.id,
        version,
        revision,
        isCurrent: true,
        ...documentationColumns(values),
        amendmentReason: input.reason,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedByUserId: actor.userId,
        updatedAt: now,
      })
      .returning({ id: administrationDocumentation.id });
    await insertVials(tx, actor, doc!.id, values.vials);
    await recordAudit(tx, actor, {
      action: "administration.amended",
      entityType: "administration",
      entityId: row.administration.id,
      before: { version: current.version, revision: current.revision, ...documentationValuesOf(current, current.vials) },
      after: { version, revision, reason: input.reason, ...values },
    });
    await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: row.administration.id,
      from,
      event: "amend",
      set: { updatedAt: now },
      note: { version, reason: input.reason },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, ref);
    return { id: row.administration.id, status: "documented" as AdministrationState, version, revision };
  });
}

export async function markNotGiven(db: Db, actor: Actor, input: { administrationId: string; reason: NotGivenReason; note: string | null }, now: Date) {
  if (!NOT_GIVEN_REASONS.includes(input.reason)) throw new DomainError("VALIDATION", "Choose why the infusion was not given.", { field: "reason" });
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: row.administration.id,
      from: row.administration.status,
      event: "mark_not_given",
      set: { notGivenReason: input.reason, notGivenNote: input.note, updatedAt: now },
      note: { orderId: row.order.id, sequence: row.administration.sequence },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, await preparedReferenceIn(db, tx));
    return { id: row.administration.id, status: "not_given" as AdministrationState };
  });
}

/** Acknowledges one warning of the current documentation version with a reason. Errors never can be. */
export async function acknowledgeWarning(db: Db, actor: Actor, input: { administrationId: string; rule: string; fingerprint: string; reason: string }, now: Date) {
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  if (input.reason.trim().length < MIN_ACK_REASON) {
    throw new DomainError("VALIDATION", `Give a reason of at least ${MIN_ACK_REASON} characters.`, { field: "reason" });
  }
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    if (row.administration.status !== "documented") {
      throw new DomainError("INVALID_TRANSITION", `Warnings are acknowledged while the administration is documented; this one is ${row.administration.status.replace(/_/g, " ")}.`);
    }
    const ev = await evaluate(tx, actor, ref, row, today);
    const f = ev.evaluation.findings.find((x) => x.rule === input.rule && x.fingerprint === input.fingerprint);
    if (!f) throw new DomainError("CONFLICT", "That finding is no longer on this administration (the documentation changed). Reload to see the current findings.");
    if (f.severity === "error") {
      throw new DomainError("VALIDATION", `Errors cannot be acknowledged: ${f.suggestedFix?.action ?? "correct the documentation"}`, { field: "fingerprint" });
    }
    if (f.severity !== "warning") throw new DomainError("VALIDATION", "Only warnings need an acknowledgement; this finding is for information.", { field: "fingerprint" });
    if (f.acknowledged) throw new DomainError("CONFLICT", "This warning is already acknowledged.");
    const version = ev.current!.version;
    const [ack] = await tx
      .insert(findingAcknowledgments)
      .values({
        practiceId: actor.practiceId,
        administrationId: row.administration.id,
        documentationVersion: version,
        rule: f.rule,
        fingerprint: f.fingerprint,
        message: f.message,
        reason: input.reason.trim(),
        userId: actor.userId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!ack) throw new DomainError("CONFLICT", "This warning is already acknowledged.");
    await recordAudit(tx, actor, {
      action: "administration.warning_acknowledged",
      entityType: "administration",
      entityId: row.administration.id,
      before: null,
      after: { documentationVersion: version, rule: f.rule, fingerprint: f.fingerprint, message: f.message, reason: ack.reason },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, ref);
    return { id: ack.id, rule: ack.rule, fingerprint: ack.fingerprint, documentationVersion: version };
  });
}
