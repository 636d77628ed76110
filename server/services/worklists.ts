import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { administrationBillingStatus, administrations, users, worklistAssignments } from "@/db/schema";
import { can } from "@/server/auth/permissions";
import { DomainError } from "@/server/domain/errors";
import { getEpisode } from "@/server/queries/episode";
import { listPatientAdministrations } from "@/server/queries/worklists";
import { recordAudit } from "./audit";
import type { Actor } from "./context";
import { previewAdministration } from "./documentation";

/** Who may be given worklist items: active users of the practice whose role documents infusions. */
export async function worklistAssignees(db: Db, actor: Actor) {
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.practiceId, actor.practiceId), eq(users.isActive, true)))
    .orderBy(asc(users.name), asc(users.id));
  return rows.filter((u) => can(u.role, "administration.document")).map((u) => ({ id: u.id, name: u.name, isMe: u.id === actor.userId }));
}

/**
 * Assigns worklist items to a user (or to nobody), all or nothing, one audit row per item whose
 * assignee changes. Another practice's infusion is reported exactly like a missing one.
 */
export async function assignWorklistItems(db: Db, actor: Actor, input: { administrationIds: string[]; assigneeUserId: string | null }, now: Date) {
  const ids = [...new Set(input.administrationIds)];
  return db.transaction(async (tx) => {
    if (input.assigneeUserId) {
      const [u] = await tx
        .select({ id: users.id, role: users.role, active: users.isActive })
        .from(users)
        .where(and(eq(users.id, input.assigneeUserId), eq(users.practiceId, actor.practiceId)));
      if (!u || !u.active) throw new DomainError("VALIDATION", "Assign the items to an active user of the practice.", { field: "assigneeUserId" });
      if (!can(u.role, "administration.document")) throw new DomainError("VALIDATION", "That user's role cannot work these worklists (billers and admins can).", { field: "assigneeUserId" });
    }
    const found = await tx
      .select({ id: administrations.id, assigneeUserId: worklistAssignments.assigneeUserId })
      .from(administrations)
      .leftJoin(worklistAssignments, and(eq(worklistAssignments.administrationId, administrations.id), eq(worklistAssignments.practiceId, administrations.practiceId)))
      .where(and(eq(administrations.practiceId, actor.practiceId), inArray(administrations.id, ids)))
      .for("update", { of: administrations });
    if (found.length !== ids.length) throw new DomainError("NOT_FOUND", `Infusion not found (${ids.length - found.length} of the ${ids.length} chosen): reload the list and choose again.`, { field: "administrationIds" });
    const changed = found.filter((f) => f.assigneeUserId !== input.assigneeUserId);
    if (changed.length === 0) return { changed: 0 };
    const changedIds = changed.map((c) => c.id);
    if (input.assigneeUserId === null) {
      await tx.delete(worklistAssignments).where(and(eq(worklistAssignments.practiceId, actor.practiceId), inArray(worklistAssignments.administrationId, changedIds)));
    } else {
      await tx
        .insert(worklistAssignments)
        .values(changedIds.map((administrationId) => ({ practiceId: actor.practiceId, administrationId, assigneeUserId: input.assigneeUserId!, assignedByUserId: actor.userId, assignedAt: now })))
        .onConflictDoUpdate({
          target: [worklistAssignments.practiceId, worklistAssignments.administrationId],
          set: { assigneeUserId: input.assigneeUserId, assignedByUserId: actor.userId, assignedAt: now },
        });
    }
    // The documented tabs filter and sort by the assignee stored on the readiness row (migration 0041).
    await tx
      .update(administrationBillingStatus)
      .set({ assigneeUserId: input.assigneeUserId })
      .where(and(eq(administrationBillingStatus.practiceId, actor.practiceId), inArray(administrationBillingStatus.administrationId, changedIds)));
    for (const c of changed) {
      await recordAudit(tx, actor, {
        action: "administration.assigned",
        entityType: "administration",
        entityId: c.id,
        before: { assigneeUserId: c.assigneeUserId },
        after: { assigneeUserId: input.assigneeUserId },
      });
    }
    return { changed: changed.length };
  });
}


export async function patientAdministrations(db: Db, actor: Actor, patientId: string) {
  const rows = await listPatientAdministrations(db, actor.practiceId, patientId);
  // Another practice's patient is reported exactly like a missing one.
  if (!rows) throw new DomainError("NOT_FOUND", "Patient not found.");
  return rows;
}

/**
 * The episode: the timeline from the audit trail, plus the current version's findings and what
 * blocks billing, from the documentation module's own evaluation.
 */
export async function episodeOf(db: Db, actor: Actor, administrationId: string, now: Date) {
  const e = await getEpisode(db, actor.practiceId, administrationId);
  // Another practice's administration is reported exactly like a missing one.
  if (!e) throw new DomainError("NOT_FOUND", "Administration not found.");
  if (e.documentation.versions === 0) return { ...e, findings: [], blockers: [] };
  const p = await previewAdministration(db, actor, administrationId, now);
  return {
    ...e,
    findings: p.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, acknowledged: f.acknowledged })),
    blockers: e.administration.status === "documented" ? p.blockers : [],
  };
}
