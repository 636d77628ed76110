import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { administrations, claimAdministrations, claims } from "@/db/schema";
import { daysLeft, filingDeadline } from "@/server/domain/claims/filing";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { administrationMachine, CLOSE_OUTCOMES, type AdministrationState, type CloseOutcome } from "@/server/domain/workflow/administration";
import type { Actor } from "./context";
import { evaluate, loadAdministration } from "./documentation";
import { refreshReadiness } from "./readiness";
import { getPreparedReference, preparedReferenceIn } from "./reference-data";
import { writeOffApprovalCents } from "./remittance-views";
import { applyTransition } from "./transition";

/**
 * Close-out: an infusion that will not be billed by this practice leaves the billing queue through
 * an explicit, audited outcome with a reason. Each outcome is checked against the record (another
 * entity bills the location, the filing limit has passed, the drug was free, the other record
 * exists); a write-off past the filing limit above the practice's approval threshold (the same
 * threshold as denial write-offs) waits for a manager. An admin reopens a closed infusion.
 */

const isoDate = (now: Date) => now.toISOString().slice(0, 10);
const MIN_REASON = 5;

function needReason(reason: string, field = "reason"): string {
  const r = reason.trim();
  if (r.length < MIN_REASON) throw new DomainError("VALIDATION", "Say why in a few words (at least 5 characters).", { field });
  return r;
}

export interface CloseInput {
  administrationId: string;
  outcome: CloseOutcome;
  reason: string;
  /** the record this one duplicates (outcome duplicate) */
  duplicateOfId?: string | null | undefined;
}

export async function closeAdministration(db: Db, actor: Actor, input: CloseInput, now: Date) {
  if (!CLOSE_OUTCOMES.includes(input.outcome)) throw new DomainError("VALIDATION", "Choose why the infusion will not be billed.", { field: "outcome" });
  const reason = needReason(input.reason);
  const ref = await getPreparedReference(db);
  const today = isoDate(now);
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    const from = row.administration.status;
    if (from !== "documented" && from !== "ready_for_billing") {
      throw new DomainError("INVALID_TRANSITION", `Only a documented infusion (or one ready for billing) leaves the queue this way; this one is ${from.replace(/_/g, " ")}.`);
    }
    const [onClaim] = await tx
      .select({ claimNumber: claims.claimNumber })
      .from(claimAdministrations)
      .innerJoin(claims, eq(claims.id, claimAdministrations.claimId))
      .where(and(eq(claimAdministrations.administrationId, row.administration.id), eq(claimAdministrations.practiceId, actor.practiceId), eq(claimAdministrations.active, true)));
    if (onClaim) throw new DomainError("CONFLICT", `This infusion is on claim ${onClaim.claimNumber}: void or work the claim instead.`);

    const ev = await evaluate(tx, actor, ref, row, today);
    const chargeCents = ev.evaluation.preview?.totalChargeCents ?? 0;
    let duplicateOfId: string | null = null;
    let event: "close" | "request_write_off" = "close";
    switch (input.outcome) {
      case "billed_elsewhere":
        if (row.location.billedBy !== "other_entity") {
          throw new DomainError("VALIDATION", `${row.location.name} is billed by this practice. If another entity billed this infusion, change who bills at the location (admin → Locations) or say so as a duplicate.`, { field: "outcome" });
        }
        break;
      case "free_drug_nothing_billable":
        if (ev.values.acquisition !== "free_manufacturer_program") {
          throw new DomainError("VALIDATION", "The documentation says the drug was purchased: document it as free drug from the manufacturer's program first.", { field: "outcome" });
        }
        break;
      case "duplicate": {
        if (!input.duplicateOfId || input.duplicateOfId === row.administration.id) throw new DomainError("VALIDATION", "Choose the other record this one duplicates.", { field: "duplicateOfId" });
        const [other] = await tx
          .select({ id: administrations.id, patientId: administrations.patientId, status: administrations.status })
          .from(administrations)
          .where(and(eq(administrations.id, input.duplicateOfId), eq(administrations.practiceId, actor.practiceId)));
        if (!other || other.patientId !== row.patient.id) throw new DomainError("VALIDATION", "The other record must be an infusion of the same patient.", { field: "duplicateOfId" });
        if (other.status === "closed") throw new DomainError("VALIDATION", "The other record is closed itself: keep one of the two open.", { field: "duplicateOfId" });
        duplicateOfId = other.id;
        break;
      }
      case "past_filing_limit": {
        const payer = ev.ctx.payerRow?.payer;
        if (!payer) throw new DomainError("VALIDATION", "The filing limit is the primary payer's, and no primary coverage is in force on the date of service.", { field: "outcome" });
        const d = filingDeadline(ev.date, { kind: payer.kind, timelyFilingDays: payer.timelyFilingDays });
        const left = daysLeft(d.deadline, today);
        if (left >= 0) throw new DomainError("VALIDATION", `${payer.name} accepts claims until ${formatDate(d.deadline)} (${d.limit}): bill it instead.`, { field: "outcome" });
        if (chargeCents > (await writeOffApprovalCents(tx, actor.practiceId))) event = "request_write_off";
        break;
      }
    }
    const to = await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: row.administration.id,
      from,
      event,
      set: { closeOutcome: input.outcome, closeReason: reason, closeDuplicateOfId: duplicateOfId, closeAmountCents: chargeCents, closedByUserId: actor.userId, closedAt: now, updatedAt: now },
      note: { patientId: row.patient.id, sequence: row.administration.sequence },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, await preparedReferenceIn(db, tx));
    return { id: row.administration.id, status: to as AdministrationState };
  });
}

/** A manager approves (closed) or rejects (back to documented) a write-off past the filing limit. */
export async function decideWriteOff(db: Db, actor: Actor, input: { administrationId: string; approve: boolean; reason: string }, now: Date) {
  const decisionReason = needReason(input.reason);
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    const clear = { closeOutcome: null, closeReason: null, closeDuplicateOfId: null, closeAmountCents: null, closedByUserId: null, closedAt: null };
    const to = await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: row.administration.id,
      from: row.administration.status,
      event: input.approve ? "approve_write_off" : "reject_write_off",
      set: input.approve ? { closedAt: now, updatedAt: now } : { ...clear, updatedAt: now },
      note: { decisionReason, closeOutcome: row.administration.closeOutcome, closeAmountCents: row.administration.closeAmountCents, requestedByUserId: row.administration.closedByUserId },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [row.administration.id] }, await preparedReferenceIn(db, tx));
    return { id: row.administration.id, status: to as AdministrationState };
  });
}

/** An admin reopens a closed infusion (with a reason): back to documented, checked again before billing. */
export async function reopenAdministration(db: Db, actor: Actor, input: { administrationId: string; reason: string }, now: Date) {
  const reopenReason = needReason(input.reason);
  return db.transaction(async (tx) => {
    const row = await loadAdministration(tx, actor, input.administrationId, true);
    const a = row.administration;
    const to = await applyTransition(tx, actor, {
      machine: administrationMachine,
      table: administrations,
      entityType: "administration",
      id: a.id,
      from: a.status,
      event: "reopen",
      set: { closeOutcome: null, closeReason: null, closeDuplicateOfId: null, closeAmountCents: null, closedByUserId: null, closedAt: null, updatedAt: now },
      note: { reopenReason, closedOutcome: a.closeOutcome, closedReason: a.closeReason },
    });
    await refreshReadiness(tx, actor.practiceId, { administrationIds: [a.id] }, await preparedReferenceIn(db, tx));
    return { id: a.id, status: to as AdministrationState };
  });
}
