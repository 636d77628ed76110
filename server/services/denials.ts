import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  administrationDocumentation,
  administrations,
  administrationVials,
  auditEvents,
  claimAdministrations,
  claimLines,
  claimPayments,
  claims,
  coverages,
  denialNotes,
  denialWorkItems,
  orders,
  patients,
  payers,
  practices,
  remittancePayments,
  users,
} from "@/db/schema";
import { can } from "@/server/auth/permissions";
import type { AppealLetterData } from "@/server/documents/appeal-letter";
import { DENIAL_CATEGORY_LABELS, type DenialCategory } from "@/server/domain/denials/codes";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { allowedEvents } from "@/server/domain/workflow/machine";
import { denialMachine, type DenialEvent, type DenialOutcome, type DenialState } from "@/server/domain/workflow/denial";
import { recordAudit } from "./audit";
import { createReplacement, updateClaim } from "./claims";
import type { Actor } from "./context";
import { openRetroAuthRequest } from "./prior-auths";
import { getPreparedReference, getReference } from "./reference-data";
import { applyTransition } from "./transition";
import { writeOffApprovalCents } from "./remittance-views";

/**
 * Denial and underpayment work items: assignment, notes, and every action through the denial state
 * machine (server/domain/workflow/denial.ts), each in one transaction with its audit row. Every
 * change names the revision the user saw: two people working the same item at once get a conflict,
 * never a silent overwrite.
 */

type Item = typeof denialWorkItems.$inferSelect;

async function withItem<T>(db: Db, actor: Actor, input: { id: string; revision: number }, fn: (tx: Tx, item: Item) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(denialWorkItems)
      .where(and(eq(denialWorkItems.id, input.id), eq(denialWorkItems.practiceId, actor.practiceId)))
      .for("update");
    if (!item) throw new DomainError("NOT_FOUND", "Work item not found.");
    if (item.revision !== input.revision) {
      throw new DomainError("CONFLICT", "Someone else changed this work item since you opened it. Reload to see what they did, then try again.");
    }
    return fn(tx, item);
  });
}

async function move(tx: Tx, actor: Actor, item: Item, event: DenialEvent, now: Date, set: Record<string, unknown> = {}, note: Record<string, unknown> = {}): Promise<DenialState> {
  return applyTransition(tx, actor, {
    machine: denialMachine,
    table: denialWorkItems,
    entityType: "denial",
    id: item.id,
    from: item.status,
    event,
    set: { ...set, revision: item.revision + 1, updatedAt: now },
    note,
  });
}

const done = (id: string, status: DenialState, revision: number) => ({ id, status, revision });

export async function assignWorkItem(db: Db, actor: Actor, input: { id: string; revision: number; assigneeUserId: string | null }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    if (input.assigneeUserId) {
      const [u] = await tx.select({ id: users.id, role: users.role, active: users.isActive }).from(users).where(and(eq(users.id, input.assigneeUserId), eq(users.practiceId, actor.practiceId)));
      if (!u || !u.active) throw new DomainError("VALIDATION", "Assign the work item to an active user of the practice.", { field: "assigneeUserId" });
      if (!can(u.role, "denial.work") && !can(u.role, "denial.retroAuth")) throw new DomainError("VALIDATION", "That user's role cannot work denials.", { field: "assigneeUserId" });
    }
    await tx
      .update(denialWorkItems)
      .set({ assigneeUserId: input.assigneeUserId, revision: item.revision + 1, updatedAt: now })
      .where(eq(denialWorkItems.id, item.id));
    await recordAudit(tx, actor, { action: "denial.assigned", entityType: "denial", entityId: item.id, before: { assigneeUserId: item.assigneeUserId }, after: { assigneeUserId: input.assigneeUserId } });
    return done(item.id, item.status, item.revision + 1);
  });
}

export async function addWorkItemNote(db: Db, actor: Actor, input: { id: string; text: string }, now: Date) {
  return db.transaction(async (tx) => {
    const [item] = await tx.select({ id: denialWorkItems.id }).from(denialWorkItems).where(and(eq(denialWorkItems.id, input.id), eq(denialWorkItems.practiceId, actor.practiceId)));
    if (!item) throw new DomainError("NOT_FOUND", "Work item not found.");
    const [n] = await tx.insert(denialNotes).values({ practiceId: actor.practiceId, workItemId: item.id, userId: actor.userId, text: input.text, createdAt: now }).returning({ id: denialNotes.id });
    await recordAudit(tx, actor, { action: "denial.note_added", entityType: "denial", entityId: item.id, after: { noteId: n!.id, text: input.text } });
    return { id: n!.id };
  });
}

export async function startWorkItem(db: Db, actor: Actor, input: { id: string; revision: number }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    const to = await move(tx, actor, item, "start", now, item.assigneeUserId ? {} : { assigneeUserId: actor.userId });
    return done(item.id, to, item.revision + 1);
  });
}

/**
 * Moves the denial to "retro-auth requested" and opens the prior-authorization work for the claim's
 * infusions (openRetroAuthRequest: the coordinator's queue gets a request for the units billed, or
 * the one already open). A claim not linked to a documented infusion (sent before the app, or
 * entered by hand) has nothing to request units from: the denial still moves, and the history says
 * the request has to be opened from the order.
 */
export async function requestRetroAuth(db: Db, actor: Actor, input: { id: string; revision: number; note: string | null }, now: Date) {
  const ref = await getPreparedReference(db);
  return withItem(db, actor, input, async (tx, item) => {
    if (item.category !== "authorization") throw new DomainError("VALIDATION", "A retro-authorization is for authorization denials only.");
    const [linked] = await tx
      .select({ id: claimAdministrations.administrationId })
      .from(claimAdministrations)
      .where(and(eq(claimAdministrations.claimId, item.claimId), eq(claimAdministrations.practiceId, actor.practiceId)))
      .limit(1);
    const request = linked ? await openRetroAuthRequest(tx, actor, ref, { claimId: item.claimId, note: input.note }, now) : null;
    const to = await move(
      tx,
      actor,
      item,
      "request_retro_auth",
      now,
      request ? { priorAuthRequestId: request.id } : {},
      request
        ? { note: input.note, priorAuthRequestNumber: request.requestNumber, priorAuthRequestCreated: request.created }
        : { note: input.note, priorAuthRequestNumber: null, reason: "The claim is not linked to a documented infusion: open the request from the order." },
    );
    if (input.note) await tx.insert(denialNotes).values({ practiceId: actor.practiceId, workItemId: item.id, userId: actor.userId, text: input.note, createdAt: now });
    return { ...done(item.id, to, item.revision + 1), priorAuthRequestId: request?.id ?? null, priorAuthRequestNumber: request?.requestNumber ?? null };
  });
}

/**
 * Starts the corrected claim through the claims flow: a replacement (frequency 7, REF*F8 = the
 * payer's claim number) with the claim's lines, re-scrubbed by the engine; for an authorization
 * denial the authorization number obtained goes onto it (REF*G1).
 */
export async function createCorrectedClaim(
  db: Db,
  actor: Actor,
  input: { id: string; revision: number; reason: string; priorAuthNumber: string | null; payerClaimNumber: string | null },
  now: Date,
) {
  return withItem(db, actor, input, async (tx, item) => {
    if (item.kind !== "denial") throw new DomainError("VALIDATION", "An underpayment is appealed, not corrected.");
    const replacement = await createReplacement(tx, actor, { claimId: item.claimId, reason: input.reason, payerClaimNumber: input.payerClaimNumber }, now);
    if (input.priorAuthNumber) {
      await updateClaim(tx, actor, { claimId: replacement.id, baseRevision: 1, priorAuthNumber: input.priorAuthNumber }, now);
    }
    const to = await move(tx, actor, item, "create_corrected_claim", now, { correctedClaimId: replacement.id }, { correctedClaimNumber: replacement.claimNumber, priorAuthNumber: input.priorAuthNumber, reason: input.reason });
    return { ...done(item.id, to, item.revision + 1), correctedClaimId: replacement.id, correctedClaimNumber: replacement.claimNumber };
  });
}

export async function sendAppeal(db: Db, actor: Actor, input: { id: string; revision: number; argument: string | null }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    const to = await move(tx, actor, item, "send_appeal", now, { appealSentAt: now, appealArgument: input.argument });
    return done(item.id, to, item.revision + 1);
  });
}

export async function recordUpheld(db: Db, actor: Actor, input: { id: string; revision: number; note: string }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    const to = await move(tx, actor, item, "record_upheld", now, {}, { note: input.note });
    await tx.insert(denialNotes).values({ practiceId: actor.practiceId, workItemId: item.id, userId: actor.userId, text: input.note, createdAt: now });
    return done(item.id, to, item.revision + 1);
  });
}

/** Writes off within the practice's threshold, or sends a larger write-off to a manager for approval. */
export async function writeOffWorkItem(db: Db, actor: Actor, input: { id: string; revision: number; amountCents: number; reason: string }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    if (input.amountCents > item.amountCents) {
      throw new DomainError("VALIDATION", `The write-off cannot exceed the open amount of ${money(item.amountCents)}.`, { field: "amountCents" });
    }
    const threshold = await writeOffApprovalCents(tx, actor.practiceId);
    const needsApproval = input.amountCents > threshold;
    const set = { writeOffCents: input.amountCents, writeOffReason: input.reason, writeOffRequestedByUserId: actor.userId };
    const to = await move(tx, actor, item, needsApproval ? "request_write_off" : "write_off", now, needsApproval ? set : { ...set, resolvedAt: now }, { thresholdCents: threshold });
    return { ...done(item.id, to, item.revision + 1), needsApproval, thresholdCents: threshold };
  });
}

export async function approveWriteOff(db: Db, actor: Actor, input: { id: string; revision: number }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    if (item.writeOffRequestedByUserId && item.writeOffRequestedByUserId === actor.userId) {
      throw new DomainError("FORBIDDEN", "You asked for this write-off: another manager approves it.");
    }
    const to = await move(tx, actor, item, "approve_write_off", now, { writeOffApprovedByUserId: actor.userId, resolvedAt: now }, { writeOffCents: item.writeOffCents });
    return done(item.id, to, item.revision + 1);
  });
}

export async function declineWriteOff(db: Db, actor: Actor, input: { id: string; revision: number; reason: string }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    const to = await move(tx, actor, item, "decline_write_off", now, { writeOffCents: null, writeOffReason: null, writeOffRequestedByUserId: null }, { reason: input.reason, declinedCents: item.writeOffCents });
    await tx.insert(denialNotes).values({ practiceId: actor.practiceId, workItemId: item.id, userId: actor.userId, text: `Write-off declined: ${input.reason}`, createdAt: now });
    return done(item.id, to, item.revision + 1);
  });
}

export async function resolveWorkItem(db: Db, actor: Actor, input: { id: string; revision: number; outcome: DenialOutcome; recoveredCents: number | null; note: string | null }, now: Date) {
  return withItem(db, actor, input, async (tx, item) => {
    if (input.outcome !== "not_needed" && (input.recoveredCents ?? 0) <= 0) {
      throw new DomainError("VALIDATION", "Enter the amount the payer paid after the appeal or correction.", { field: "recoveredCents" });
    }
    const to = await move(tx, actor, item, "resolve", now, { outcome: input.outcome, recoveredCents: input.recoveredCents ?? 0, resolvedAt: now, resolutionNote: input.note });
    return done(item.id, to, item.revision + 1);
  });
}

function money(cents: number): string {
  return `$${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

// ---------------------------------------------------------------------------------------------
// Reading one item

export type WorkItemAction =
  | "assign"
  | "note"
  | "start"
  | "request_retro_auth"
  | "create_corrected_claim"
  | "send_appeal"
  | "appeal_letter"
  | "record_upheld"
  | "write_off"
  | "approve_write_off"
  | "decline_write_off"
  | "resolve";

/** What this user may do with the item now: its state machine and the user's role. */
export function workItemActions(item: Pick<Item, "status" | "kind" | "category" | "writeOffRequestedByUserId">, actor: Pick<Actor, "role" | "userId">): WorkItemAction[] {
  const role = actor.role;
  if (!role) return [];
  const events = allowedEvents(denialMachine, item.status);
  const work = can(role, "denial.work");
  const retro = can(role, "denial.retroAuth");
  const out: WorkItemAction[] = [];
  const open = !["written_off", "resolved"].includes(item.status);
  if (work && open) out.push("assign");
  if ((work || retro) && open) out.push("note");
  if (work && events.includes("start")) out.push("start");
  if (retro && item.category === "authorization" && events.includes("request_retro_auth")) out.push("request_retro_auth");
  if (work && item.kind === "denial" && events.includes("create_corrected_claim")) out.push("create_corrected_claim");
  if (work && events.includes("send_appeal")) out.push("send_appeal");
  if ((can(role, "denial.read") || work) && item.status !== "written_off") out.push("appeal_letter");
  if ((work || (retro && item.status === "retro_auth")) && events.includes("record_upheld")) out.push("record_upheld");
  if (work && events.includes("write_off")) out.push("write_off");
  if (can(role, "writeOff.approve") && events.includes("approve_write_off") && item.writeOffRequestedByUserId !== actor.userId) out.push("approve_write_off", "decline_write_off");
  if (work && events.includes("resolve")) out.push("resolve");
  return out;
}

export async function workItemDetail(db: Db, actor: Actor, id: string, now: Date) {
  const [row] = await db
    .select({
      item: denialWorkItems,
      claimNumber: claims.claimNumber,
      claimStatus: claims.status,
      dateOfService: claims.dateOfService,
      patientId: claims.patientId,
      patientName: patients.lastName,
      patientFirst: patients.firstName,
      payerName: payers.name,
      paymentDate: remittancePayments.paymentDate,
      traceNumber: remittancePayments.traceNumber,
      paymentId: remittancePayments.id,
      payerClaimNumber: claimPayments.payerClaimNumber,
      assigneeName: users.name,
    })
    .from(denialWorkItems)
    .innerJoin(claims, eq(claims.id, denialWorkItems.claimId))
    .innerJoin(patients, eq(patients.id, claims.patientId))
    .innerJoin(payers, eq(payers.id, claims.payerId))
    .innerJoin(claimPayments, eq(claimPayments.id, denialWorkItems.claimPaymentId))
    .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
    .leftJoin(users, eq(users.id, denialWorkItems.assigneeUserId))
    .where(and(eq(denialWorkItems.id, id), eq(denialWorkItems.practiceId, actor.practiceId)));
  if (!row) throw new DomainError("NOT_FOUND", "Work item not found.");
  const item = row.item;
  const [notes, history, lines, corrected, assignees] = await Promise.all([
    db
      .select({ id: denialNotes.id, text: denialNotes.text, createdAt: denialNotes.createdAt, author: users.name })
      .from(denialNotes)
      .leftJoin(users, eq(users.id, denialNotes.userId))
      .where(eq(denialNotes.workItemId, id))
      .orderBy(asc(denialNotes.createdAt)),
    db
      .select({ action: auditEvents.action, after: auditEvents.after, before: auditEvents.before, at: auditEvents.createdAt, actor: users.name })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.entityType, "denial"), eq(auditEvents.entityId, id)))
      .orderBy(asc(auditEvents.seq)),
    db.select().from(claimLines).where(and(eq(claimLines.claimId, item.claimId), eq(claimLines.practiceId, actor.practiceId))).orderBy(asc(claimLines.position)),
    item.correctedClaimId
      ? db.select({ id: claims.id, claimNumber: claims.claimNumber, status: claims.status }).from(claims).where(eq(claims.id, item.correctedClaimId))
      : Promise.resolve([]),
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(eq(users.practiceId, actor.practiceId), eq(users.isActive, true)))
      .orderBy(asc(users.name)),
  ]);
  const dueInDays = item.dueDate ? Math.round((Date.parse(`${item.dueDate}T00:00:00Z`) - Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000) : null;
  return {
    id: item.id,
    kind: item.kind,
    status: item.status,
    category: item.category,
    categoryLabel: item.category ? DENIAL_CATEGORY_LABELS[item.category as DenialCategory] : "Underpayment",
    action: item.action,
    codes: item.codes,
    amountCents: item.amountCents,
    explanation: item.explanation,
    cause: item.cause,
    detail: item.detail,
    dueDate: item.dueDate,
    dueInDays,
    revision: item.revision,
    assigneeUserId: item.assigneeUserId,
    assigneeName: row.assigneeName,
    claimId: item.claimId,
    claimNumber: row.claimNumber,
    claimStatus: row.claimStatus,
    dateOfService: row.dateOfService,
    patientId: row.patientId,
    patientName: `${row.patientName}, ${row.patientFirst}`,
    payerName: row.payerName,
    paymentId: row.paymentId,
    paymentDate: row.paymentDate,
    traceNumber: row.traceNumber,
    payerClaimNumber: row.payerClaimNumber,
    claimPaymentId: item.claimPaymentId,
    correctedClaim: corrected[0] ?? null,
    appealSentAt: item.appealSentAt,
    appealArgument: item.appealArgument,
    writeOffCents: item.writeOffCents,
    writeOffReason: item.writeOffReason,
    outcome: item.outcome,
    recoveredCents: item.recoveredCents,
    resolutionNote: item.resolutionNote,
    createdAt: item.createdAt,
    lines: lines.map((l) => ({ position: l.position, code: l.code, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents, ndc11: l.ndc11 })),
    notes,
    history: history.map((h) => ({ action: h.action, at: h.at, actor: h.actor ?? "Posting job", after: h.after as Record<string, unknown> | null })),
    actions: workItemActions(item, actor),
    assignees: assignees.filter((u) => can(u.role, "denial.work") || can(u.role, "denial.retroAuth")).map((u) => ({ id: u.id, name: u.name })),
  };
}

// ---------------------------------------------------------------------------------------------
// The appeal letter's data

const ATTACHMENTS: Record<string, string[]> = {
  authorization: ["Authorization approval (or retro-authorization) from the payer", "Signed durvalumab order", "Infusion administration record"],
  "medical-necessity": ["Signed durvalumab order with the indication", "Pathology report and staging", "FDA label or NCCN compendium excerpt for the indication", "Office notes supporting medical necessity", "Infusion administration record"],
  units: ["Infusion administration record (dose, weight, waste)", "Pharmacy dispensing record with NDC and lot", "Signed order with the dose"],
  modifier: ["Infusion administration record with waste documentation", "Pharmacy dispensing record"],
  "ndc-coding": ["Pharmacy dispensing record with the NDC", "Invoice for the drug"],
  default: ["Signed durvalumab order", "Infusion administration record", "Copy of the remittance advice"],
};

export async function appealLetterData(db: Db, actor: Actor & { userId: string }, id: string, now: Date): Promise<{ data: AppealLetterData; patientId: string }> {
  const d = await workItemDetail(db, actor, id, now);
  const [{ data: ref }, [practice], [claim], [signer]] = await Promise.all([
    getReference(db),
    db.select().from(practices).where(eq(practices.id, actor.practiceId)),
    db
      .select({ c: claims, p: patients, cov: coverages })
      .from(claims)
      .innerJoin(patients, eq(patients.id, claims.patientId))
      .leftJoin(coverages, eq(coverages.id, claims.coverageId))
      .where(and(eq(claims.id, d.claimId), eq(claims.practiceId, actor.practiceId))),
    db.select({ name: users.name, role: users.role }).from(users).where(eq(users.id, actor.userId)),
  ]);
  const c = claim!.c;
  const dx = new Map(ref.icd10Codes.map((x) => [x.code.replace(".", ""), x]));
  const links = await db.select({ administrationId: claimAdministrations.administrationId }).from(claimAdministrations).where(and(eq(claimAdministrations.claimId, c.id), eq(claimAdministrations.practiceId, actor.practiceId)));
  let indication: AppealLetterData["indication"] = null;
  let administration: AppealLetterData["administration"] = null;
  if (links.length) {
    const [adm] = await db
      .select({ a: administrations, o: orders })
      .from(administrations)
      .innerJoin(orders, eq(orders.id, administrations.orderId))
      .where(and(inArray(administrations.id, links.map((l) => l.administrationId)), eq(administrations.practiceId, actor.practiceId)))
      .orderBy(asc(administrations.plannedDate));
    if (adm) {
      const ind = ref.indications.find((x) => x.id === adm.o.indicationId);
      if (ind) {
        indication = {
          name: ind.name,
          basis: ind.status === "compendia" ? "Compendium-supported use (NCCN)" : ind.status === "withdrawn" ? `FDA label (indication withdrawn ${ind.withdrawnDate ? formatDate(ind.withdrawnDate) : ""})` : `FDA label, approved ${formatDate(ind.labelDate)}`,
          diagnoses: c.diagnoses.map((code) => ({ code: dx.get(code)?.code ?? code, description: dx.get(code)?.description ?? "" })),
          regimen: null,
        };
      }
      const [doc] = await db
        .select()
        .from(administrationDocumentation)
        .where(and(eq(administrationDocumentation.administrationId, adm.a.id), eq(administrationDocumentation.isCurrent, true)));
      if (doc) {
        const vials = await db.select().from(administrationVials).where(eq(administrationVials.documentationId, doc.id)).orderBy(asc(administrationVials.position));
        const mg = doc.mgAdministered ? Number(doc.mgAdministered) : null;
        const waste = doc.mgDiscarded ? Number(doc.mgDiscarded) : 0;
        const drug = c.diagnoses.length ? d.lines.find((l) => l.code === "J9173") : undefined;
        administration = {
          date: doc.actualDate ?? adm.a.plannedDate,
          weight: doc.weightKg ? `${doc.weightKg} kg` : null,
          dose: mg !== null ? `${mg} mg durvalumab` : null,
          infusion: doc.infusionStart && doc.infusionStop ? `${doc.infusionStart} to ${doc.infusionStop}` : null,
          drugs: vials.map((v) => `NDC ${v.ndc11.slice(0, 5)}-${v.ndc11.slice(5, 9)}-${v.ndc11.slice(9)} × ${v.count}${v.lotNumber ? `, lot ${v.lotNumber}` : ""}${v.expiryDate ? `, expires ${formatDate(v.expiryDate)}` : ""}`),
          arithmetic: [
            ...(mg !== null ? [`${mg} mg administered ÷ 10 mg per unit = ${Math.ceil(mg / 10)} units J9173${drug?.modifiers.length ? `-${drug.modifiers.join("-")}` : ""}`] : []),
            ...(mg !== null ? [`${mg + waste} mg opened − ${mg} mg administered = ${waste} mg waste${waste > 0 ? ` → ${Math.floor(waste / 10)} units J9173-JW` : " → JZ (no waste)"}`] : []),
          ],
        };
      }
    }
  }
  if (!indication && c.diagnoses.length) {
    indication = { name: "See the diagnoses on the claim", basis: "Indication not linked to an order on file", diagnoses: c.diagnoses.map((code) => ({ code: dx.get(code)?.code ?? code, description: dx.get(code)?.description ?? "" })), regimen: null };
  }
  const parts = ((d.detail as { parts?: { line: number | null; procedure: string | null; group: string; carc: string; amountCents: number; explanation: string }[] }).parts ?? []).map(
    (p) => `${p.line ? `Line ${p.line} ${p.procedure ?? ""}` : "Claim"}: ${p.explanation} (${money(p.amountCents)})`,
  );
  const p = practice!;
  const data: AppealLetterData = {
    date: now.toISOString().slice(0, 10),
    practice: { name: p.name, npi: p.npi, taxId: p.taxId, addressLines: [p.addressLine1, ...(p.addressLine2 ? [p.addressLine2] : []), `${p.city}, ${p.state} ${p.zip}`], phone: null },
    payer: { name: d.payerName },
    patient: { name: `${claim!.p.lastName}, ${claim!.p.firstName}`, birthDate: claim!.p.dateOfBirth, memberId: claim!.cov?.memberId ?? null },
    claim: {
      claimNumber: c.claimNumber,
      payerClaimNumber: d.payerClaimNumber ?? c.payerClaimControlNumber,
      serviceDate: c.dateOfService,
      chargeCents: c.totalChargeCents,
      lines: d.lines.map((l) => ({ lineNumber: l.position, code: l.code, modifiers: l.modifiers, units: String(l.units), chargeCents: l.chargeCents, description: l.code === "J9173" ? "Injection, durvalumab, 10 mg" : null })),
    },
    denial: {
      categoryLabel: d.categoryLabel,
      amountCents: d.amountCents,
      remittanceDate: d.paymentDate,
      traceNumber: d.traceNumber,
      reasons: parts.length ? parts : [d.explanation],
    },
    indication,
    authorizations: c.priorAuthNumber ? [{ number: c.priorAuthNumber, status: "on the claim (REF*G1)", dates: null, units: null }] : [],
    administration,
    argument: d.appealArgument,
    attachments: ATTACHMENTS[d.category ?? ""] ?? ATTACHMENTS.default!,
    signer: { name: signer?.name ?? "Billing office", title: signer?.role === "manager" ? "Practice manager" : "Billing specialist" },
  };
  return { data, patientId: d.patientId };
}
