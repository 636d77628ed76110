import "server-only";
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { administrationDocumentation, administrations, auditEvents, findingAcknowledgments, indications, locations, orders, patients, providers, users } from "@/db/schema";
import { buildTimeline, type EpisodeAuditEvent } from "@/server/domain/episode/timeline";
import { providerDisplayName } from "./orders";

/** An episode never shows more audit rows than this (a safety net; a real episode has tens). */
export const MAX_EPISODE_EVENTS = 2000;

/** The administration with its order, patient and the names of everyone its rows point at; null when not the practice's. */
export async function getEpisodeRecords(db: DbOrTx, practiceId: string, administrationId: string) {
  const creator = alias(users, "creator");
  const signer = alias(users, "signer");
  const stopper = alias(users, "stopper");
  const [row] = await db
    .select({
      administration: administrations,
      order: orders,
      patient: { id: patients.id, mrn: patients.mrn, firstName: patients.firstName, lastName: patients.lastName, dateOfBirth: patients.dateOfBirth },
      indicationName: indications.name,
      locationName: locations.name,
      provider: { firstName: providers.firstName, lastName: providers.lastName, credential: providers.credential },
      createdByName: creator.name,
      signedByName: signer.name,
      discontinuedByName: stopper.name,
    })
    .from(administrations)
    .innerJoin(orders, and(eq(orders.id, administrations.orderId), eq(orders.practiceId, administrations.practiceId)))
    .innerJoin(patients, and(eq(patients.id, administrations.patientId), eq(patients.practiceId, administrations.practiceId)))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .innerJoin(providers, eq(providers.id, orders.orderingProviderId))
    .leftJoin(indications, eq(indications.key, orders.indicationId))
    .leftJoin(creator, eq(creator.id, orders.createdByUserId))
    .leftJoin(signer, eq(signer.id, orders.signedByUserId))
    .leftJoin(stopper, eq(stopper.id, orders.discontinuedByUserId))
    .where(and(eq(administrations.id, administrationId), eq(administrations.practiceId, practiceId)));
  if (!row) return null;
  return { ...row, orderingProviderName: providerDisplayName(row.provider) };
}

/**
 * The audit rows that belong to one administration, oldest first: its order's, its own, those of
 * the given related entities (documentation versions, acknowledgements), and any row whose
 * snapshot names the administration (`administrationId` in before/after), so documentation rows
 * are found even before their ids are known.
 */
export async function listEpisodeAuditEvents(
  db: DbOrTx,
  practiceId: string,
  ids: { orderId: string; administrationId: string; relatedEntityIds?: readonly string[] },
): Promise<EpisodeAuditEvent[]> {
  const related = [ids.administrationId, ...(ids.relatedEntityIds ?? [])];
  const belongs: SQL[] = [
    and(eq(auditEvents.entityType, "order"), eq(auditEvents.entityId, ids.orderId))!,
    inArray(auditEvents.entityId, related),
    sql`${auditEvents.after} ->> 'administrationId' = ${ids.administrationId}`,
    sql`${auditEvents.before} ->> 'administrationId' = ${ids.administrationId}`,
  ];
  const rows = await db
    .select({
      seq: auditEvents.seq,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.practiceId, practiceId), or(...belongs)))
    .orderBy(asc(auditEvents.seq))
    .limit(MAX_EPISODE_EVENTS);
  return rows;
}

/** The ids of the administration's documentation versions and acknowledgements, and the current version. */
async function relatedRecords(db: DbOrTx, practiceId: string, administrationId: string) {
  const [versions, acks] = await Promise.all([
    db
      .select({ id: administrationDocumentation.id, version: administrationDocumentation.version, isCurrent: administrationDocumentation.isCurrent, actualDate: administrationDocumentation.actualDate })
      .from(administrationDocumentation)
      .where(and(eq(administrationDocumentation.practiceId, practiceId), eq(administrationDocumentation.administrationId, administrationId)))
      .orderBy(desc(administrationDocumentation.version)),
    db
      .select({ id: findingAcknowledgments.id })
      .from(findingAcknowledgments)
      .where(and(eq(findingAcknowledgments.practiceId, practiceId), eq(findingAcknowledgments.administrationId, administrationId))),
  ]);
  return { versions, ackIds: acks.map((a) => a.id) };
}

/** One administration's episode: who it is for, what it is, and its whole life as a timeline (newest last). Null when not the practice's. */
export async function getEpisode(db: DbOrTx, practiceId: string, administrationId: string) {
  const r = await getEpisodeRecords(db, practiceId, administrationId);
  if (!r) return null;
  const { versions, ackIds } = await relatedRecords(db, practiceId, administrationId);
  const events = await listEpisodeAuditEvents(db, practiceId, {
    orderId: r.order.id,
    administrationId,
    relatedEntityIds: [...versions.map((v) => v.id), ...ackIds],
  });
  const a = r.administration;
  const o = r.order;
  const entries = buildTimeline(events, {
    order: {
      id: o.id,
      status: o.status,
      createdAt: o.createdAt,
      createdByName: r.createdByName,
      signedAt: o.signedAt,
      signedByName: r.signedByName,
      activatedAt: o.activatedAt,
      completedAt: o.completedAt,
      discontinuedAt: o.discontinuedAt,
      discontinuedByName: r.discontinuedByName,
      discontinueReason: o.discontinueReason,
    },
    administration: a,
  });
  const current = versions.find((v) => v.isCurrent) ?? null;
  return {
    administration: {
      id: a.id,
      sequence: a.sequence,
      cycle: a.cycle,
      day: a.day,
      cycleLabel: `C${a.cycle}D${a.day}`,
      includesCombination: a.includesCombination,
      plannedDate: a.plannedDate,
      originalPlannedDate: a.originalPlannedDate,
      actualDate: current?.actualDate ?? null,
      status: a.status,
      notGivenReason: a.notGivenReason,
      notGivenNote: a.notGivenNote,
    },
    order: {
      id: o.id,
      status: o.status,
      indicationId: o.indicationId,
      indicationName: r.indicationName ?? o.indicationId,
      startDate: o.startDate,
      orderingProviderName: r.orderingProviderName,
      locationName: r.locationName,
    },
    patient: r.patient,
    documentation: { versions: versions.length, currentVersion: current?.version ?? null },
    entries,
  };
}
