import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, ne, notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import {
  administrations,
  claimAdministrations,
  claimLines,
  claimOverrides,
  claimPaymentLines,
  claimPayments,
  claims,
  controlCounters,
  coverages,
  locations,
  orders,
  patients,
  payers,
  practices,
  practiceSubmissionSettings,
  providers,
  remittanceAdjustments,
  remittancePayments,
  users,
} from "@/db/schema";
import { can } from "@/server/auth/permissions";
import { formatMilli } from "@/server/domain/billing/exact";
import { normalizeNdc } from "@/server/domain/billing/ndc";
import type { PreparedReference } from "@/server/domain/billing/prepare";
import { parseScenario, previewClaim } from "@/server/domain/billing/preview";
import type { ReferenceData } from "@/server/domain/billing/reference";
import type { TScenarioInput } from "@/server/domain/billing/scenario";
import { cobFromRemittance, priorPayersOf, type ClaimCob, type PostedClaimPayment } from "@/server/domain/claims/cob";
import { daysLeft, filingDeadline } from "@/server/domain/claims/filing";
import { formatClaimNumber, lineControlNumber, type CounterKind } from "@/server/domain/claims/numbers";
import { buildParties, claimTypeForLocation } from "@/server/domain/claims/parties";
import { describeClaimTransition, findingTopic, findingTopics } from "@/server/domain/claims/labels";
import { SUBMISSION_CHANNEL_LABELS } from "@/server/domain/workflow/batch";
import { readyBlockers, scrubClaim } from "@/server/domain/claims/scrub";
import { totalChargeCents } from "@/server/domain/claims/to-837";
import type { ClaimFrequency, ClaimLineData, ClaimParties, StoredClaimFinding } from "@/server/domain/claims/types";
import { explainClaim, toScenario, type ClaimContext, type DocumentationValues } from "@/server/domain/documentation";
import { DomainError } from "@/server/domain/errors";
import { formatDate } from "@/server/domain/format";
import { coverageOn } from "@/server/domain/patients/coverage";
import { toPayerProfile } from "@/server/domain/practice-setup/payer-profile";
import { tableFingerprint } from "@/server/domain/reference-file";
import { claimMachine, LIVE_CLAIM_STATES, type AdjudicationOutcome, type ClaimEvent, type ClaimState } from "@/server/domain/workflow/claim";
import { canTransition } from "@/server/domain/workflow/machine";
import {
  getClaimAcknowledgments,
  getClaimAdministrations,
  getClaimBatches,
  getClaimFamily,
  getClaimHistory,
  getClaimLines,
  getClaimOverrides,
  claimsOfAdministration,
  getClaimRow,
  listClaimsWithCounts,
  listFilingDeadlines,
  listOverrides,
  listUnbilled,
  unbilledByAge,
  type ClaimListParams,
  type UnbilledParams,
} from "@/server/queries/claims";
import { canonicalDecimal, documentationValuesOf, firstDoseDateOfOrder, listAcknowledgments, listDocumentationVersions } from "@/server/queries/documentation";
import { providerDisplayName } from "@/server/queries/orders";
import { recordAudit } from "./audit";
import { priorAuthsForAdministration } from "./prior-auths";
import type { Actor } from "./context";
import { feeScheduleOn } from "./fee-schedule";
import { getReference, loadReferenceData } from "./reference-data";
import { applyTransition } from "./transition";

/*
 * Claims: build from ready infusions, edit and re-scrub, override warnings with a reason, ready,
 * cancel, paper submission, replacement (frequency 7, or a fresh original after a rejection) and void
 * (frequency 8), and the calls remittance posting makes (adjudicated, closed). Every function runs
 * in one transaction with its audit rows; status changes go through the claim state machine.
 * Functions take `DbOrTx`: called inside another module's transaction they run in a savepoint.
 */

export type ClaimRow = typeof claims.$inferSelect;
export type ClaimLineRow = typeof claimLines.$inferSelect;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/* ------------------------------------------------------------------ shared helpers */

/**
 * Next value of a practice counter (claim numbers, ISA13, GS06, ST02). The upsert locks the
 * counter row until the calling transaction ends, so concurrent callers, in any process, take
 * turns and get increasing numbers; a rolled-back transaction leaves the counter as it was.
 */
export async function nextCounter(tx: Tx, practiceId: string, kind: CounterKind, now: Date): Promise<number> {
  const [r] = await tx
    .insert(controlCounters)
    .values({ practiceId, kind, lastValue: 1, updatedAt: now })
    .onConflictDoUpdate({ target: [controlCounters.practiceId, controlCounters.kind], set: { lastValue: sql`${controlCounters.lastValue} + 1`, updatedAt: now } })
    .returning({ value: controlCounters.lastValue });
  return r!.value;
}

const fingerprints = new WeakMap<ReferenceData, Record<string, string>>();
/** The version (fingerprint) of every reference table, computed once per loaded reference data. */
export function referenceVersions(data: ReferenceData): Record<string, string> {
  let v = fingerprints.get(data);
  if (!v) {
    v = Object.fromEntries(Object.entries(data).map(([table, rows]) => [table, tableFingerprint(rows as unknown[])]));
    fingerprints.set(data, v);
  }
  return v;
}

export interface ReferenceHandle {
  data: ReferenceData;
  prepared: PreparedReference;
}

/** The reference data for a write: the process cache when called with the database, a fresh read inside a transaction. */
async function referenceFor(db: DbOrTx, given?: ReferenceHandle): Promise<ReferenceHandle> {
  if (given) return given;
  if ("transaction" in db && !("rollback" in db)) return getReference(db as Db);
  const { prepareReference } = await import("@/server/domain/billing/prepare");
  const data = await loadReferenceData(db);
  return { data, prepared: prepareReference(data) };
}

async function lockClaim(tx: Tx, actor: Actor, claimId: string): Promise<ClaimRow> {
  const [c] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.id, claimId), eq(claims.practiceId, actor.practiceId)))
    .for("update");
  // Another practice's claim is reported exactly like a missing one.
  if (!c) throw new DomainError("NOT_FOUND", "Claim not found.");
  return c;
}

async function linesOf(db: DbOrTx, practiceId: string, claimId: string): Promise<ClaimLineData[]> {
  const rows = await db
    .select()
    .from(claimLines)
    .where(and(eq(claimLines.claimId, claimId), eq(claimLines.practiceId, practiceId)))
    .orderBy(asc(claimLines.position));
  return rows.map(lineDataOf);
}

export function lineDataOf(r: ClaimLineRow): ClaimLineData {
  return {
    kind: r.kind as ClaimLineData["kind"],
    code: r.code,
    modifiers: r.modifiers,
    units: r.units,
    chargeCents: r.chargeCents,
    ndc: r.ndc11 && r.ndcUnit && r.ndcQuantity ? { code11: r.ndc11, unit: r.ndcUnit as "ML" | "UN", quantity: canonicalDecimal(r.ndcQuantity)! } : null,
    diagnosisPointers: r.diagnosisPointers,
    revenueCode: r.revenueCode,
    priorAuthNumber: r.priorAuthNumber,
    dateOfService: r.dateOfService,
  };
}

/** Replaces a claim's lines (positions from 1). */
export async function writeLines(tx: Tx, practiceId: string, claimId: string, lines: readonly ClaimLineData[]): Promise<void> {
  await tx.delete(claimLines).where(and(eq(claimLines.claimId, claimId), eq(claimLines.practiceId, practiceId)));
  if (lines.length === 0) return;
  await tx.insert(claimLines).values(
    lines.map((l, i) => ({
      practiceId,
      claimId,
      position: i + 1,
      kind: l.kind,
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: l.chargeCents,
      ndc11: l.ndc?.code11 ?? null,
      ndcUnit: l.ndc?.unit ?? null,
      ndcQuantity: l.ndc?.quantity ?? null,
      diagnosisPointers: l.diagnosisPointers,
      revenueCode: l.revenueCode,
      priorAuthNumber: l.priorAuthNumber,
      dateOfService: l.dateOfService,
    })),
  );
}

async function overridesOf(db: DbOrTx, practiceId: string, claimId: string) {
  return db
    .select({ rule: claimOverrides.rule, fingerprint: claimOverrides.fingerprint })
    .from(claimOverrides)
    .where(and(eq(claimOverrides.claimId, claimId), eq(claimOverrides.practiceId, practiceId)));
}

/** One line per claim line for audit rows and history: "J9173-JW ×4 $600.00 | N4 00310450012 ML 0.8". */
export function lineSummary(l: ClaimLineData): string {
  const money = (l.chargeCents / 100).toFixed(2);
  const ndc = l.ndc ? ` | N4 ${l.ndc.code11} ${l.ndc.unit} ${l.ndc.quantity}` : "";
  return `${[l.code, ...l.modifiers].join("-")} ×${l.units} $${money}${ndc}`;
}

/** Other live claims of the patient for the same payer and date of service (the engine's duplicate check). */
async function previousClaimsFor(db: DbOrTx, practiceId: string, c: { id?: string; patientId: string; payerId: string; dateOfService: string; originalClaimId?: string | null }) {
  const rows = await db
    .select({ id: claims.id, status: claims.status, frequency: claims.frequency, payerClaimNumber: claims.payerClaimControlNumber })
    .from(claims)
    .where(
      and(
        eq(claims.practiceId, practiceId),
        eq(claims.patientId, c.patientId),
        eq(claims.payerId, c.payerId),
        eq(claims.dateOfService, c.dateOfService),
        inArray(claims.status, ["submitted", "accepted", "adjudicated", "closed"]),
        ...(c.id ? [ne(claims.id, c.id)] : []),
        ...(c.originalClaimId ? [ne(claims.id, c.originalClaimId)] : []),
      ),
    );
  const out: NonNullable<TScenarioInput["previousClaims"]> = [];
  for (const r of rows) {
    const lines = await linesOf(db, practiceId, r.id);
    out.push({
      dateOfService: c.dateOfService,
      status: r.status === "adjudicated" || r.status === "closed" ? "paid" : r.status === "accepted" ? "accepted" : "submitted",
      frequency: r.frequency,
      ...(r.payerClaimNumber ? { payerClaimNumber: r.payerClaimNumber } : {}),
      lines: lines.map((l) => ({ code: l.code, modifiers: l.modifiers, units: l.units })),
    });
  }
  return out;
}

interface ScrubTarget {
  id?: string;
  claimNumber: string;
  claimType: ClaimRow["claimType"];
  frequency: ClaimFrequency;
  payerClaimNumber: string | null;
  placeOfService: string | null;
  typeOfBill: string | null;
  priorAuthNumber: string | null;
  diagnoses: string[];
  parties: ClaimParties;
  scenario: TScenarioInput;
  patientId: string;
  payerId: string;
  dateOfService: string;
  originalClaimId: string | null;
  cob?: ClaimCob | null;
}

/**
 * Scrubs a claim as it stands. The payer's billing settings are read again (a changed filing limit
 * or NDC rule applies to claims not sent yet); the rest of the scenario is the built snapshot.
 */
async function scrub(db: DbOrTx, practiceId: string, ref: ReferenceHandle, c: ScrubTarget, lines: ClaimLineData[], overrides: readonly { rule: string; fingerprint: string }[], today: string) {
  const previousClaims = await previousClaimsFor(db, practiceId, c);
  const [payer] = await db.select().from(payers).where(and(eq(payers.id, c.payerId), eq(payers.practiceId, practiceId)));
  const scenario = payer ? { ...c.scenario, payer: toPayerProfile(payer) } : c.scenario;
  return scrubClaim(ref.prepared, { ...c, scenario, lines, today, previousClaims, overrides });
}

/* ------------------------------------------------------------------ parties */

async function loadParties(db: DbOrTx, practiceId: string, input: { claimType: ClaimRow["claimType"]; patientId: string; coverageId: string; locationId: string; providerId: string }): Promise<ClaimParties> {
  const [practice] = await db.select().from(practices).where(eq(practices.id, practiceId));
  const [settings] = await db.select().from(practiceSubmissionSettings).where(eq(practiceSubmissionSettings.practiceId, practiceId));
  const [location] = await db.select().from(locations).where(and(eq(locations.id, input.locationId), eq(locations.practiceId, practiceId)));
  const [patient] = await db.select().from(patients).where(and(eq(patients.id, input.patientId), eq(patients.practiceId, practiceId)));
  const [cov] = await db
    .select({ coverage: coverages, payer: payers })
    .from(coverages)
    .innerJoin(payers, and(eq(payers.id, coverages.payerId), eq(payers.practiceId, practiceId)))
    .where(and(eq(coverages.id, input.coverageId), eq(coverages.practiceId, practiceId)));
  const [provider] = await db.select().from(providers).where(and(eq(providers.id, input.providerId), eq(providers.practiceId, practiceId)));
  if (!practice || !location || !patient || !cov || !provider) throw new DomainError("NOT_FOUND", "A record this claim needs (practice, location, patient, coverage or provider) was not found.");
  return buildParties({
    claimType: input.claimType,
    practice,
    settings: settings ? { billingZipPlus4: settings.billingZipPlus4, billingTaxonomy: settings.billingTaxonomy, billingPhone: settings.billingPhone } : null,
    location,
    patient,
    coverage: cov.coverage,
    payer: cov.payer,
    provider,
  });
}

/* ------------------------------------------------------------------ build */

export interface BuildClaimInput {
  administrationIds: string[];
  /** the coverage to bill; default: the primary coverage in force on the date of service */
  coverageId?: string | undefined;
}

/** Several infusions of one visit become one scenario: their drugs together, the diagnoses of all (principal first). */
function mergeScenarios(parts: TScenarioInput[]): TScenarioInput {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const diagnoses: string[] = [];
  for (const p of parts) for (const d of p.diagnoses) if (!diagnoses.includes(d)) diagnoses.push(d);
  const otherDrugs = parts.flatMap((p) => p.otherDrugs ?? []);
  return { ...first, diagnoses: diagnoses.slice(0, 12), drugs: parts.flatMap((p) => p.drugs), ...(otherDrugs.length ? { otherDrugs } : {}) };
}

/**
 * What a claim for these infusions bills, as the engine builds it, without writing anything: the
 * infusions (locked, in id order), their current documentation, the coverage billed (the one asked for,
 * else the primary in force that day), the engine's scenario, its lines and diagnoses. `buildClaim`
 * writes and scrubs it; the demo seed stores it as the claim that was sent.
 */
export async function prepareClaim(tx: DbOrTx, actor: Actor, ids: readonly string[], coverageId: string | undefined, ref: ReferenceHandle, today: string) {
  // Lock the infusions (in id order, so two builders never deadlock).
  const locked = await tx
    .select({ id: administrations.id })
    .from(administrations)
    .where(and(inArray(administrations.id, ids), eq(administrations.practiceId, actor.practiceId)))
    .orderBy(asc(administrations.id))
    .for("update");
  if (locked.length !== ids.length) throw new DomainError("NOT_FOUND", "Infusion not found.", { field: "administrationIds" });
  const rows = await tx
    .select({ administration: administrations, order: orders, location: locations })
    .from(administrations)
    .innerJoin(orders, and(eq(orders.id, administrations.orderId), eq(orders.practiceId, actor.practiceId)))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .where(and(inArray(administrations.id, ids), eq(administrations.practiceId, actor.practiceId)))
    .orderBy(asc(administrations.plannedDate), asc(administrations.sequence));
  for (const r of rows) {
    if (r.administration.status !== "ready_for_billing") {
      throw new DomainError("INVALID_TRANSITION", `Infusion ${r.administration.sequence} (C${r.administration.cycle}D${r.administration.day}) is ${r.administration.status.replace(/_/g, " ")}, not ready for billing.`, { field: "administrationIds" });
    }
  }
  const patientId = rows[0]!.administration.patientId;
  if (rows.some((r) => r.administration.patientId !== patientId)) throw new DomainError("VALIDATION", "A claim bills one patient: these infusions belong to different patients.", { field: "administrationIds" });
  const location = rows[0]!.location;
  if (rows.some((r) => r.location.id !== location.id)) throw new DomainError("VALIDATION", "Infusions given at different locations go on separate claims.", { field: "administrationIds" });
  const providerId = rows[0]!.order.orderingProviderId;

  // Documentation (current version) of each infusion: the date of service must agree.
  const docs = await Promise.all(rows.map(async (r) => (await listDocumentationVersions(tx, actor.practiceId, r.administration.id)).find((v) => v.isCurrent) ?? null));
  const values = docs.map((d, i) => {
    if (!d) throw new DomainError("VALIDATION", `Infusion ${rows[i]!.administration.sequence} has no documentation.`, { field: "administrationIds" });
    return documentationValuesOf(d, d.vials);
  });
  const dos = values[0]!.actualDate!;
  if (values.some((v) => v.actualDate !== dos)) throw new DomainError("VALIDATION", "A claim has one date of service: these infusions were given on different days.", { field: "administrationIds" });

  // The coverage billed: the one asked for, else the primary in force that day.
  const covRows = await tx
    .select({ coverage: coverages, payer: payers })
    .from(coverages)
    .innerJoin(payers, and(eq(payers.id, coverages.payerId), eq(payers.practiceId, actor.practiceId)))
    .where(and(eq(coverages.patientId, patientId), eq(coverages.practiceId, actor.practiceId)));
  const inForce = coverageOn(covRows.map((c) => ({ ...c, priority: c.coverage.priority, effectiveDate: c.coverage.effectiveDate, endDate: c.coverage.endDate })), dos);
  const chosen = coverageId ? covRows.find((c) => c.coverage.id === coverageId) : inForce.primary;
  if (!chosen) {
    throw new DomainError("VALIDATION", coverageId ? "That coverage is not one of this patient's." : `The patient has no primary coverage in force on ${formatDate(dos)}. Add it on the patient page.`, { field: "coverageId" });
  }
  if (inForce[chosen.coverage.priority]?.coverage.id !== chosen.coverage.id) {
    throw new DomainError("VALIDATION", `The ${chosen.payer.name} coverage is not in force on ${formatDate(dos)}.`, { field: "coverageId" });
  }

  // Live claims already holding these infusions for this coverage.
  const held = await tx
    .select({ administrationId: claimAdministrations.administrationId, claimNumber: claims.claimNumber })
    .from(claimAdministrations)
    .innerJoin(claims, eq(claims.id, claimAdministrations.claimId))
    .where(and(inArray(claimAdministrations.administrationId, ids), eq(claimAdministrations.coverageId, chosen.coverage.id), eq(claimAdministrations.active, true), eq(claimAdministrations.practiceId, actor.practiceId)));
  if (held.length) throw new DomainError("CONFLICT", `This infusion is already on claim ${held[0]!.claimNumber} for ${chosen.payer.name}.`, { field: "administrationIds" });

  // The engine's scenario, from the same pure code the claim preview uses, billed to the chosen payer.
  const fees = await feeScheduleOn(tx, actor.practiceId, dos);
  const billing = claimTypeForLocation(location);
  if (billing === null) {
    throw new DomainError("VALIDATION", `${location.name} is billed by another entity: there is no claim of ours for its infusions. Close them as billed by the facility.`, { field: "administrationIds" });
  }
  const { claimType, typeOfBill } = billing;
  const parts: TScenarioInput[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const ctx: ClaimContext = {
      order: { indicationId: r.order.indicationId, diagnoses: r.order.diagnoses, phases: r.order.phases, combination: r.order.combination ?? null, weightDoseOverrideReason: r.order.weightDoseOverrideReason },
      administration: { phaseIndex: r.administration.phaseIndex, cycle: r.administration.cycle, includesCombination: r.administration.includesCombination, plannedDate: r.administration.plannedDate },
      placeOfService: location.placeOfService,
      billedBy: location.billedBy,
      site: { hospitalSite: location.hospitalSite, coveredEntityType: location.coveredEntityType340b },
      payer: toPayerProfile(chosen.payer),
      feeScheduleCents: fees,
      firstDoseDate: await firstDoseDateOfOrder(tx, actor.practiceId, r.order.id),
      today,
      priorAuths: await priorAuthsForAdministration(tx, actor.practiceId, ref.prepared, { orderId: r.order.id, administrationId: r.administration.id, date: dos }),
    };
    const s = toScenario(values[i]!, ctx);
    if (!s.ok) throw new DomainError("VALIDATION", `The claim cannot be built: ${s.missing.join("; ")}.`, { field: "administrationIds" });
    parts.push(s.scenario);
  }
  // toScenario already made it an 837I (type of bill, no place of service) where the practice bills as the facility.
  const scenario = mergeScenarios(parts);
  const parsed = parseScenario(scenario, ref.prepared);
  if (!parsed.ok) throw new DomainError("VALIDATION", `The claim cannot be built: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}.`, { field: "administrationIds" });
  const built = previewClaim(parsed.scenario, ref.prepared);
  const lines: ClaimLineData[] = built.claim.builtLines.map((l) => ({
    kind: l.kind,
    code: l.code,
    modifiers: [...l.modifiers],
    units: l.units,
    chargeCents: Math.max(0, l.chargeCents),
    ndc: l.ndc ? { code11: l.ndc.code, unit: l.ndc.unit, quantity: formatMilli(l.ndc.quantityMilli) } : null,
    diagnosisPointers: [...l.diagnosisPointers],
    revenueCode: l.revenueCode ?? null,
    priorAuthNumber: null,
    dateOfService: dos,
  }));
  return { rows, docs, patientId, location, providerId, chosen, claimType, typeOfBill, scenario, built, lines, dos };
}

/**
 * Builds a claim from ready-for-billing infusions of one patient, one date of service and one
 * coverage: the engine makes the lines, diagnoses, NDC quantities, charges and findings from the
 * documentation; they are snapshotted with the reference-data versions. Warnings the infusion's
 * documentation already acknowledged carry over as overrides with their reason.
 */
export async function buildClaim(db: DbOrTx, actor: Actor, input: BuildClaimInput, now: Date, refGiven?: ReferenceHandle) {
  const ids = [...new Set(input.administrationIds)].sort();
  if (ids.length === 0) throw new DomainError("VALIDATION", "Choose at least one infusion.", { field: "administrationIds" });
  const ref = await referenceFor(db, refGiven);
  const today = isoDate(now);
  return db.transaction(async (tx) => {
    const { rows, docs, patientId, location, providerId, chosen, claimType, typeOfBill, scenario, built, lines, dos } = await prepareClaim(tx, actor, ids, input.coverageId, ref, today);

    const seq = await nextCounter(tx, actor.practiceId, "claim", now);
    const claimNumber = formatClaimNumber(seq);
    const parties = await loadParties(tx, actor.practiceId, { claimType, patientId, coverageId: chosen.coverage.id, locationId: location.id, providerId });
    const target: ScrubTarget = {
      claimNumber,
      claimType,
      frequency: "original",
      payerClaimNumber: null,
      placeOfService: claimType === "professional" ? location.placeOfService : null,
      typeOfBill,
      priorAuthNumber: built.claim.priorAuthNumber ?? null,
      diagnoses: built.diagnoses,
      parties,
      scenario,
      patientId,
      payerId: chosen.payer.id,
      dateOfService: dos,
      originalClaimId: null,
    };
    // Warnings the documentation acknowledged carry over (same rule and fingerprint = the same warning).
    const acks = (await Promise.all(rows.map((r, i) => listAcknowledgments(tx, actor.practiceId, r.administration.id).then((a) => a.filter((x) => x.documentationVersion === docs[i]!.version))))).flat();
    const firstPass = await scrub(tx, actor.practiceId, ref, target, lines, [], today);
    const carried = firstPass.findings
      .filter((f) => f.severity === "warning")
      .map((f) => ({ f, ack: acks.find((a) => a.rule === f.rule && a.fingerprint === f.fingerprint) }))
      .filter((x) => x.ack !== undefined);
    const overrides = carried.map((x) => ({ rule: x.f.rule, fingerprint: x.f.fingerprint }));
    const result = overrides.length ? await scrub(tx, actor.practiceId, ref, target, lines, overrides, today) : firstPass;

    const [claim] = await tx
      .insert(claims)
      .values({
        practiceId: actor.practiceId,
        claimNumber,
        patientId,
        coverageId: chosen.coverage.id,
        payerId: chosen.payer.id,
        locationId: location.id,
        renderingProviderId: providerId,
        claimType,
        frequency: "original",
        status: "draft",
        dateOfService: dos,
        placeOfService: target.placeOfService,
        typeOfBill,
        priorAuthNumber: target.priorAuthNumber,
        diagnoses: built.diagnoses,
        totalChargeCents: totalChargeCents(lines),
        parties,
        scenario,
        findings: result.findings,
        blocked: result.blocked,
        referenceVersions: referenceVersions(ref.data),
        scrubbedAt: now,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeLines(tx, actor.practiceId, claim!.id, lines);
    await tx.insert(claimAdministrations).values(ids.map((administrationId) => ({ claimId: claim!.id, administrationId, coverageId: chosen.coverage.id, practiceId: actor.practiceId, active: true })));
    if (carried.length) {
      await tx.insert(claimOverrides).values(
        carried.map((x) => ({
          practiceId: actor.practiceId,
          claimId: claim!.id,
          rule: x.f.rule,
          fingerprint: x.f.fingerprint,
          message: x.f.message,
          reason: x.ack!.reason,
          source: "documentation",
          userId: null,
          createdAt: now,
        })),
      );
    }
    await recordAudit(tx, actor, {
      action: "claim.built",
      entityType: "claim",
      entityId: claim!.id,
      before: null,
      after: {
        claimNumber,
        status: "draft",
        administrationIds: ids,
        payer: chosen.payer.name,
        coverageId: chosen.coverage.id,
        claimType,
        dateOfService: dos,
        totalChargeCents: claim!.totalChargeCents,
        lines: lines.map(lineSummary),
        diagnoses: built.diagnoses,
        findings: result.findings.map((f) => `${f.severity} ${f.rule}`),
        overridesFromDocumentation: carried.map((x) => x.f.rule),
        referenceVersions: claim!.referenceVersions,
      },
    });
    for (const id of ids) {
      await recordAudit(tx, actor, { action: "administration.claim_built", entityType: "administration", entityId: id, before: null, after: { claimId: claim!.id, claimNumber } });
    }
    return { id: claim!.id, claimNumber, status: claim!.status as ClaimState };
  });
}

/* ------------------------------------------------------------------ edit */

export interface ClaimEditInput {
  claimId: string;
  baseRevision: number;
  lines?: ClaimLineData[] | undefined;
  /** ICD-10-CM, dot optional; stored without the dot */
  diagnoses?: string[] | undefined;
  priorAuthNumber?: string | null | undefined;
}

function staleRevision(): DomainError {
  return new DomainError("CONFLICT", "Someone else changed this claim since you opened it. Reload to see their changes, then make yours again.");
}

function scrubTargetOf(c: ClaimRow, over: Partial<ScrubTarget> = {}): ScrubTarget {
  return {
    id: c.id,
    claimNumber: c.claimNumber,
    claimType: c.claimType,
    frequency: c.frequency,
    payerClaimNumber: c.payerClaimNumber,
    placeOfService: c.placeOfService,
    typeOfBill: c.typeOfBill,
    priorAuthNumber: c.priorAuthNumber,
    diagnoses: c.diagnoses,
    parties: c.parties,
    scenario: c.scenario,
    patientId: c.patientId,
    payerId: c.payerId,
    dateOfService: c.dateOfService,
    originalClaimId: c.originalClaimId,
    cob: c.cob,
    ...over,
  };
}

/**
 * Edits a draft claim's lines, diagnoses or prior authorization number. The claim is re-scrubbed;
 * the edit, with before and after, goes to the audit trail. `baseRevision` is the revision the user
 * saw: a change by someone else in between makes this a conflict.
 */
export async function updateClaim(db: DbOrTx, actor: Actor, input: ClaimEditInput, now: Date, refGiven?: ReferenceHandle) {
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    if (c.status !== "draft") {
      throw new DomainError("INVALID_TRANSITION", c.status === "ready" ? "This claim is ready to send: reopen it to edit." : `A claim that is ${c.status.replace(/_/g, " ")} cannot be edited; correct it with a replacement claim.`);
    }
    if (c.revision !== input.baseRevision) throw staleRevision();
    const before = await linesOf(tx, actor.practiceId, c.id);
    const lines = (input.lines ?? before).map((l) => ({ ...l, dateOfService: l.dateOfService || c.dateOfService }));
    const diagnoses = input.diagnoses ? dedupe(input.diagnoses.map((d) => d.replace(".", "").toUpperCase())) : c.diagnoses;
    for (const [i, l] of lines.entries()) {
      for (const p of l.diagnosisPointers) {
        if (p > diagnoses.length) throw new DomainError("VALIDATION", `Line ${i + 1} points to diagnosis ${p}, but the claim lists ${diagnoses.length}.`, { field: `lines.${i}.diagnosisPointers` });
      }
    }
    const priorAuthNumber = input.priorAuthNumber !== undefined ? input.priorAuthNumber : c.priorAuthNumber;
    const overrides = await overridesOf(tx, actor.practiceId, c.id);
    const result = await scrub(tx, actor.practiceId, ref, scrubTargetOf(c, { diagnoses, priorAuthNumber }), lines, overrides, isoDate(now));
    const total = totalChargeCents(lines);
    const [u] = await tx
      .update(claims)
      .set({ diagnoses, priorAuthNumber, totalChargeCents: total, findings: result.findings, blocked: result.blocked, referenceVersions: referenceVersions(ref.data), scrubbedAt: now, revision: c.revision + 1, updatedAt: now })
      .where(and(eq(claims.id, c.id), eq(claims.practiceId, actor.practiceId), eq(claims.revision, c.revision), eq(claims.status, "draft")))
      .returning({ revision: claims.revision });
    if (!u) throw staleRevision();
    await writeLines(tx, actor.practiceId, c.id, lines);
    await recordAudit(tx, actor, {
      action: "claim.edited",
      entityType: "claim",
      entityId: c.id,
      before: { revision: c.revision, totalChargeCents: c.totalChargeCents, lines: before.map(lineSummary), diagnoses: c.diagnoses, priorAuthNumber: c.priorAuthNumber },
      after: { revision: u.revision, totalChargeCents: total, lines: lines.map(lineSummary), diagnoses, priorAuthNumber, findings: result.findings.map((f) => `${f.severity} ${f.rule}`) },
    });
    return { id: c.id, revision: u.revision, totalChargeCents: total, findings: result.findings, blocked: result.blocked };
  });
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Re-reads the parties and re-scrubs a draft claim (after a fix to the patient, coverage, payer or practice). */
export async function refreshClaim(db: DbOrTx, actor: Actor, input: { claimId: string }, now: Date, refGiven?: ReferenceHandle) {
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    if (c.status !== "draft") throw new DomainError("INVALID_TRANSITION", "Only a draft claim is refreshed from the records.");
    const r = await rescrubWithParties(tx, actor, ref, c, now);
    await recordAudit(tx, actor, { action: "claim.refreshed", entityType: "claim", entityId: c.id, before: { findings: c.findings.map((f) => `${f.severity} ${f.rule}`) }, after: { findings: r.findings.map((f) => `${f.severity} ${f.rule}`) } });
    return { id: c.id, revision: c.revision + 1, findings: r.findings, blocked: r.blocked };
  });
}

async function rescrubWithParties(tx: Tx, actor: Actor, ref: ReferenceHandle, c: ClaimRow, now: Date) {
  const parties = await loadParties(tx, actor.practiceId, { claimType: c.claimType, patientId: c.patientId, coverageId: c.coverageId, locationId: c.locationId, providerId: c.renderingProviderId });
  const lines = await linesOf(tx, actor.practiceId, c.id);
  const overrides = await overridesOf(tx, actor.practiceId, c.id);
  const result = await scrub(tx, actor.practiceId, ref, scrubTargetOf(c, { parties }), lines, overrides, isoDate(now));
  await tx
    .update(claims)
    .set({ parties, findings: result.findings, blocked: result.blocked, referenceVersions: referenceVersions(ref.data), scrubbedAt: now, revision: c.revision + 1, updatedAt: now })
    .where(and(eq(claims.id, c.id), eq(claims.practiceId, actor.practiceId)));
  return result;
}

/**
 * Scrubs a ready claim again just before it is sent (today's date for timely filing, the reference
 * data in force) and stores the findings; the caller refuses to send it when an error appeared.
 * The parties stay as they were when the biller made the claim ready.
 */
export async function rescrubClaimForSending(tx: Tx, actor: Actor, ref: ReferenceHandle, c: ClaimRow, now: Date) {
  const lines = await linesOf(tx, actor.practiceId, c.id);
  const overrides = await overridesOf(tx, actor.practiceId, c.id);
  const result = await scrub(tx, actor.practiceId, ref, scrubTargetOf(c), lines, overrides, isoDate(now));
  await tx
    .update(claims)
    .set({ findings: result.findings, blocked: result.blocked, referenceVersions: referenceVersions(ref.data), scrubbedAt: now, updatedAt: now })
    .where(and(eq(claims.id, c.id), eq(claims.practiceId, actor.practiceId)));
  return result;
}

/* ------------------------------------------------------------------ overrides */

export const MIN_OVERRIDE_REASON = 5;

/** Overrides one warning of a draft claim with a reason. Errors never can be. */
export async function overrideWarning(db: DbOrTx, actor: Actor, input: { claimId: string; rule: string; fingerprint: string; reason: string }, now: Date, refGiven?: ReferenceHandle) {
  const reason = input.reason.trim();
  if (reason.length < MIN_OVERRIDE_REASON) throw new DomainError("VALIDATION", `Give a reason of at least ${MIN_OVERRIDE_REASON} characters.`, { field: "reason" });
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    if (c.status !== "draft") throw new DomainError("INVALID_TRANSITION", `Warnings are overridden while the claim is a draft; this one is ${c.status.replace(/_/g, " ")}.`);
    const lines = await linesOf(tx, actor.practiceId, c.id);
    const overrides = await overridesOf(tx, actor.practiceId, c.id);
    const current = await scrub(tx, actor.practiceId, ref, scrubTargetOf(c), lines, overrides, isoDate(now));
    const f = current.findings.find((x) => x.rule === input.rule && x.fingerprint === input.fingerprint);
    if (!f) throw new DomainError("CONFLICT", "That finding is no longer on this claim (the claim changed). Reload to see its current findings.");
    if (f.severity === "error") throw new DomainError("VALIDATION", `Errors cannot be overridden: ${f.suggestedFix?.action ?? "correct the claim."}`, { field: "fingerprint" });
    if (f.severity !== "warning") throw new DomainError("VALIDATION", "Only warnings need an override; this finding is for information.", { field: "fingerprint" });
    if (f.overridden) throw new DomainError("CONFLICT", "This warning is already overridden.");
    const [o] = await tx
      .insert(claimOverrides)
      .values({ practiceId: actor.practiceId, claimId: c.id, rule: f.rule, fingerprint: f.fingerprint, message: f.message, reason, source: "claim", userId: actor.userId, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!o) throw new DomainError("CONFLICT", "This warning is already overridden.");
    const result = await scrub(tx, actor.practiceId, ref, scrubTargetOf(c), lines, [...overrides, { rule: f.rule, fingerprint: f.fingerprint }], isoDate(now));
    await tx
      .update(claims)
      .set({ findings: result.findings, blocked: result.blocked, scrubbedAt: now, revision: c.revision + 1, updatedAt: now })
      .where(and(eq(claims.id, c.id), eq(claims.practiceId, actor.practiceId)));
    await recordAudit(tx, actor, {
      action: "claim.warning_overridden",
      entityType: "claim",
      entityId: c.id,
      before: null,
      after: { rule: f.rule, fingerprint: f.fingerprint, message: f.message, reason },
    });
    return { id: o.id, rule: o.rule, fingerprint: o.fingerprint, reason: o.reason };
  });
}

/* ------------------------------------------------------------------ transitions */

function transition(tx: Tx, actor: Actor, c: Pick<ClaimRow, "id" | "status">, event: ClaimEvent, set: Record<string, unknown>, note?: Record<string, unknown>) {
  return applyTransition(tx, actor, { machine: claimMachine, table: claims, entityType: "claim", id: c.id, from: c.status, event, set, ...(note ? { note } : {}) });
}

/**
 * draft → ready. The parties are read again from the records (a fix on the patient or coverage
 * page applies), the claim is re-scrubbed, and it must have no error and no warning without an
 * override.
 */
export async function markClaimReady(db: DbOrTx, actor: Actor, input: { claimId: string }, now: Date, refGiven?: ReferenceHandle) {
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    if (!canTransition(claimMachine, c.status, "mark_ready")) throw new DomainError("INVALID_TRANSITION", `Only a draft claim is made ready; this one is ${c.status.replace(/_/g, " ")}.`);
    const result = await rescrubWithParties(tx, actor, ref, c, now);
    const blockers = readyBlockers(result);
    if (blockers.length) {
      // The refreshed findings are kept (the write above) even though the transition is refused.
      return { id: c.id, status: c.status as ClaimState, blockers, findings: result.findings };
    }
    await transition(tx, actor, c, "mark_ready", { updatedAt: now }, { totalChargeCents: c.totalChargeCents, warningsOverridden: result.findings.filter((f) => f.overridden).map((f) => f.rule) });
    return { id: c.id, status: "ready" as ClaimState, blockers: [], findings: result.findings };
  });
}

/** ready → draft, to edit again. */
export async function reopenClaim(db: DbOrTx, actor: Actor, input: { claimId: string }, now: Date) {
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    await transition(tx, actor, c, "reopen", { updatedAt: now, revision: c.revision + 1 });
    return { id: c.id, status: "draft" as ClaimState };
  });
}

/**
 * draft/ready → cancelled with a reason: the infusions are free again. Cancelling a replacement
 * gives the infusions back to the claim it was replacing.
 */
export async function cancelClaim(db: DbOrTx, actor: Actor, input: { claimId: string; reason: string }, now: Date) {
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    await transition(tx, actor, c, "cancel", { cancelReason: input.reason, updatedAt: now }, { reason: input.reason });
    await tx.update(claimAdministrations).set({ active: false }).where(and(eq(claimAdministrations.claimId, c.id), eq(claimAdministrations.practiceId, actor.practiceId)));
    if (c.originalClaimId && c.frequency !== "void") {
      // The original holds its infusions again (nobody else could take them: this claim held them).
      await tx
        .update(claimAdministrations)
        .set({ active: true })
        .where(and(eq(claimAdministrations.claimId, c.originalClaimId), eq(claimAdministrations.practiceId, actor.practiceId)));
      await recordAudit(tx, actor, { action: "claim.replacement_cancelled", entityType: "claim", entityId: c.originalClaimId, before: { replacementClaimId: c.id }, after: { replacementClaimId: null, reason: input.reason } });
    }
    return { id: c.id, status: "cancelled" as ClaimState };
  });
}

/** ready → submitted on paper (CMS-1500), recorded with who and when. Professional claims only. */
export async function submitClaimOnPaper(db: DbOrTx, actor: Actor, input: { claimId: string }, now: Date, refGiven?: ReferenceHandle) {
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    if (c.claimType !== "professional") throw new DomainError("VALIDATION", "Only professional claims go on a CMS-1500; send institutional claims in an 837I batch.");
    if (!canTransition(claimMachine, c.status, "submit_paper")) throw new DomainError("INVALID_TRANSITION", `Only a ready claim is sent on paper; this one is ${c.status.replace(/_/g, " ")}.`);
    const r = await rescrubClaimForSending(tx, actor, ref, c, now);
    if (r.blocked) throw new DomainError("VALIDATION", `This claim has an error finding and cannot be sent: ${r.findings.find((f) => f.severity === "error")!.message}`);
    await transition(tx, actor, c, "submit_paper", { submissionChannel: "paper", submittedAt: now, submittedByUserId: actor.userId, updatedAt: now }, { channel: "paper" });
    await settleOriginal(tx, actor, c, now);
    return { id: c.id, status: "submitted" as ClaimState };
  });
}

/**
 * When a replacement or void goes out, the claim it corrects becomes replaced or voided (a void
 * also frees the infusions for billing again). Called by every submission path.
 */
export async function settleOriginal(tx: Tx, actor: Actor, c: Pick<ClaimRow, "id" | "claimNumber" | "originalClaimId" | "frequency">, now: Date): Promise<void> {
  if (!c.originalClaimId) return;
  const original = await lockClaim(tx, actor, c.originalClaimId);
  const event: ClaimEvent = c.frequency === "void" ? "void" : "replace";
  if (!canTransition(claimMachine, original.status, event)) {
    throw new DomainError("CONFLICT", `Claim ${original.claimNumber} is now ${original.status.replace(/_/g, " ")}: it can no longer be ${event === "void" ? "voided" : "replaced"} by ${c.claimNumber}. Cancel ${c.claimNumber}.`);
  }
  await transition(tx, actor, original, event, { updatedAt: now }, { byClaimId: c.id, byClaimNumber: c.claimNumber });
  if (event === "void") {
    await tx.update(claimAdministrations).set({ active: false }).where(and(eq(claimAdministrations.claimId, original.id), eq(claimAdministrations.practiceId, actor.practiceId)));
  }
}

/* ------------------------------------------------------------------ replacement and void */

/** A claim that corrects another and is not cancelled (at most one at a time). */
async function openCorrectionOf(tx: Tx, practiceId: string, claimId: string) {
  const [r] = await tx
    .select({ id: claims.id, claimNumber: claims.claimNumber, status: claims.status })
    .from(claims)
    .where(and(eq(claims.practiceId, practiceId), eq(claims.originalClaimId, claimId), inArray(claims.status, ["draft", "ready", "batched"])));
  return r ?? null;
}

/**
 * A new claim that corrects `claimId`, in one transaction: lines, diagnoses and overrides copied
 * (then edited as a draft), parties read again from the records. After a rejection the payer never
 * took the claim into adjudication, so the new claim is an original (frequency 1); after acceptance
 * or adjudication it is a replacement (frequency 7) carrying the payer's claim number (REF*F8).
 * The infusions move to the new claim; the original becomes "replaced" when the new one is sent.
 */
export async function createReplacement(db: DbOrTx, actor: Actor, input: { claimId: string; reason: string; payerClaimNumber?: string | null | undefined }, now: Date, refGiven?: ReferenceHandle) {
  return createCorrection(db, actor, { ...input, kind: "replace" }, now, refGiven);
}

/** A void (frequency 8) of an accepted or adjudicated claim; the original becomes "voided" when the void is sent. */
export async function createVoid(db: DbOrTx, actor: Actor, input: { claimId: string; reason: string; payerClaimNumber?: string | null | undefined }, now: Date, refGiven?: ReferenceHandle) {
  return createCorrection(db, actor, { ...input, kind: "void" }, now, refGiven);
}

async function createCorrection(db: DbOrTx, actor: Actor, input: { claimId: string; reason: string; payerClaimNumber?: string | null | undefined; kind: "replace" | "void" }, now: Date, refGiven?: ReferenceHandle) {
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const o = await lockClaim(tx, actor, input.claimId);
    const event: ClaimEvent = input.kind;
    if (!canTransition(claimMachine, o.status, event)) {
      throw new DomainError(
        "INVALID_TRANSITION",
        input.kind === "void"
          ? `Only a claim the payer accepted or adjudicated is voided; this one is ${o.status.replace(/_/g, " ")}${o.status === "rejected" ? " (the payer never took it: nothing to void)" : ""}.`
          : `A claim that is ${o.status.replace(/_/g, " ")} cannot be replaced${o.status === "draft" || o.status === "ready" ? "; edit it instead" : ""}.`,
      );
    }
    const open = await openCorrectionOf(tx, actor.practiceId, o.id);
    if (open) throw new DomainError("CONFLICT", `Claim ${open.claimNumber} already corrects this claim (${open.status}). Finish or cancel it first.`);
    const resubmission = input.kind === "replace" && o.status === "rejected";
    const frequency: ClaimFrequency = resubmission ? "original" : input.kind === "void" ? "void" : "replacement";
    const payerClaimNumber = resubmission ? null : (input.payerClaimNumber?.trim() || o.payerClaimControlNumber);
    if (!resubmission && !payerClaimNumber) {
      throw new DomainError("VALIDATION", `The payer's claim number for ${o.claimNumber} is not known yet (it comes on the 277CA or the 835). Enter it from the payer's portal: a ${input.kind === "void" ? "void" : "replacement"} must carry it (REF*F8).`, { field: "payerClaimNumber" });
    }
    const lines = await linesOf(tx, actor.practiceId, o.id);
    const parties = await loadParties(tx, actor.practiceId, { claimType: o.claimType, patientId: o.patientId, coverageId: o.coverageId, locationId: o.locationId, providerId: o.renderingProviderId });
    const claimNumber = formatClaimNumber(await nextCounter(tx, actor.practiceId, "claim", now));
    const copiedOverrides = await tx.select().from(claimOverrides).where(and(eq(claimOverrides.claimId, o.id), eq(claimOverrides.practiceId, actor.practiceId)));
    const target = scrubTargetOf(o, { id: undefined, claimNumber, frequency, payerClaimNumber, parties, originalClaimId: o.id });
    const result = await scrub(tx, actor.practiceId, ref, target, lines, copiedOverrides, isoDate(now));
    const [n] = await tx
      .insert(claims)
      .values({
        practiceId: actor.practiceId,
        claimNumber,
        patientId: o.patientId,
        coverageId: o.coverageId,
        payerId: o.payerId,
        locationId: o.locationId,
        renderingProviderId: o.renderingProviderId,
        claimType: o.claimType,
        frequency,
        originalClaimId: o.id,
        payerClaimNumber,
        status: "draft",
        dateOfService: o.dateOfService,
        placeOfService: o.placeOfService,
        typeOfBill: o.typeOfBill,
        priorAuthNumber: o.priorAuthNumber,
        priorAuthId: o.priorAuthId,
        diagnoses: o.diagnoses,
        totalChargeCents: totalChargeCents(lines),
        parties,
        scenario: o.scenario,
        findings: result.findings,
        blocked: result.blocked,
        referenceVersions: referenceVersions(ref.data),
        scrubbedAt: now,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeLines(tx, actor.practiceId, n!.id, lines);
    if (copiedOverrides.length) {
      await tx.insert(claimOverrides).values(copiedOverrides.map((x) => ({ practiceId: actor.practiceId, claimId: n!.id, rule: x.rule, fingerprint: x.fingerprint, message: x.message, reason: x.reason, source: x.source, userId: x.userId, createdAt: x.createdAt })));
    }
    const links = await tx.select().from(claimAdministrations).where(and(eq(claimAdministrations.claimId, o.id), eq(claimAdministrations.practiceId, actor.practiceId)));
    if (input.kind === "replace") {
      // The infusions move to the new claim (one live claim per infusion and coverage).
      await tx.update(claimAdministrations).set({ active: false }).where(and(eq(claimAdministrations.claimId, o.id), eq(claimAdministrations.practiceId, actor.practiceId)));
    }
    if (links.length) {
      await tx.insert(claimAdministrations).values(links.map((l) => ({ claimId: n!.id, administrationId: l.administrationId, coverageId: l.coverageId, practiceId: actor.practiceId, active: input.kind === "replace" })));
    }
    const what = resubmission ? "corrected resubmission" : input.kind === "void" ? "void" : "replacement";
    await recordAudit(tx, actor, {
      action: input.kind === "void" ? "claim.void_created" : "claim.replacement_created",
      entityType: "claim",
      entityId: n!.id,
      before: null,
      after: { claimNumber, frequency, originalClaimId: o.id, originalClaimNumber: o.claimNumber, payerClaimNumber, reason: input.reason, lines: lines.map(lineSummary), status: "draft" },
    });
    await recordAudit(tx, actor, {
      action: input.kind === "void" ? "claim.void_started" : "claim.replacement_started",
      entityType: "claim",
      entityId: o.id,
      before: { status: o.status },
      after: { status: o.status, correctedBy: claimNumber, correctedByClaimId: n!.id, kind: what, reason: input.reason },
    });
    return { id: n!.id, claimNumber, frequency, status: "draft" as ClaimState };
  });
}

/* ------------------------------------------------------------------ secondary claims (COB) */

/** The primary's posted, not reversed claim payments with their lines and adjustments (COB input). */
async function postedPaymentsOf(db: DbOrTx, practiceId: string, claimId: string, lines: readonly { id: string; position: number }[]) {
  const pays = await db
    .select({ p: claimPayments, date: remittancePayments.paymentDate, fileDate: remittancePayments.createdAt })
    .from(claimPayments)
    .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
    .where(and(eq(claimPayments.practiceId, practiceId), eq(claimPayments.claimId, claimId), eq(claimPayments.status, "posted"), eq(claimPayments.isReversal, false), isNull(claimPayments.reversedByClaimPaymentId)))
    .orderBy(asc(claimPayments.createdAt));
  if (pays.length === 0) return [];
  const ids = pays.map((x) => x.p.id);
  const payLines = await db.select().from(claimPaymentLines).where(and(eq(claimPaymentLines.practiceId, practiceId), inArray(claimPaymentLines.claimPaymentId, ids))).orderBy(asc(claimPaymentLines.position));
  const adjustments = await db.select().from(remittanceAdjustments).where(and(eq(remittanceAdjustments.practiceId, practiceId), inArray(remittanceAdjustments.claimPaymentId, ids)));
  const positionOf = new Map(lines.map((l) => [l.id, l.position]));
  const adj = (a: typeof remittanceAdjustments.$inferSelect) => ({ group: a.groupCode, carc: a.carc, amountCents: a.amountCents, quantity: a.quantity === null ? null : Number(a.quantity) });
  return pays.map(({ p, date, fileDate }) => ({
    row: p,
    posted: {
      paidCents: p.paidCents,
      payerClaimNumber: p.payerClaimNumber,
      paymentDate: date ?? isoDate(fileDate),
      claimAdjustments: adjustments.filter((a) => a.claimPaymentId === p.id && a.claimPaymentLineId === null).map(adj),
      lines: payLines
        .filter((l) => l.claimPaymentId === p.id)
        .map((l) => ({
          claimLinePosition: l.claimLineId ? (positionOf.get(l.claimLineId) ?? null) : null,
          code: l.code,
          modifiers: l.modifiers,
          units: Number(l.units),
          chargeCents: l.chargeCents,
          paidCents: l.paidCents,
          adjustments: adjustments.filter((a) => a.claimPaymentLineId === l.id).map(adj),
        })),
    } satisfies PostedClaimPayment,
  }));
}

/**
 * The payer after the one a claim was billed to: a primary claim's secondary, a secondary claim's
 * tertiary; nothing after the tertiary.
 */
export function nextPriorityOf(o: Pick<ClaimRow, "primaryClaimId" | "parties">): "secondary" | "tertiary" | null {
  if (!o.primaryClaimId) return "secondary";
  return o.parties.payer.responsibility === "S" ? "tertiary" : null;
}

/**
 * Whether the next payer's claim (the secondary after the primary, the tertiary after the
 * secondary) can be billed, in words: the crossover (the payer forwarded the claim), the live
 * next claim, no such coverage, or a claim not adjudicated yet. Read by the claim and remittance
 * pages and checked again by billSecondaryClaim inside its transaction.
 */
export async function secondaryStatusOf(db: DbOrTx, practiceId: string, o: ClaimRow) {
  const next = nextPriorityOf(o);
  if (!next) return { canBill: false as const, reason: `This is the tertiary claim of ${o.cob?.primaryClaimNumber ?? "the secondary claim"}: there is no further payer.`, secondaryClaim: null, crossover: null, next };
  const [live] = await db
    .select({ id: claims.id, claimNumber: claims.claimNumber, status: claims.status })
    .from(claims)
    .where(and(eq(claims.practiceId, practiceId), eq(claims.primaryClaimId, o.id), notInArray(claims.status, ["cancelled", "voided", "replaced"])));
  const [fwd] = await db
    .select({ name: claimPayments.forwardedToName, statusCode: claimPayments.statusCode, date: remittancePayments.paymentDate })
    .from(claimPayments)
    .innerJoin(remittancePayments, eq(remittancePayments.id, claimPayments.paymentId))
    .where(and(eq(claimPayments.practiceId, practiceId), eq(claimPayments.claimId, o.id), eq(claimPayments.status, "posted"), isNotNull(claimPayments.forwardedToName), isNull(claimPayments.reversedByClaimPaymentId)));
  const crossover = fwd ? { forwardedTo: fwd.name!, statusCode: fwd.statusCode, date: fwd.date } : null;
  const secondaryClaim = live ?? null;
  const payerWord = next === "secondary" ? "primary" : "secondary";
  if (crossover) {
    return {
      canBill: false as const,
      reason: `The ${payerWord} forwarded this claim to ${crossover.forwardedTo} (crossover${crossover.date ? ` on the 835 of ${formatDate(crossover.date)}` : ""}): the ${next} payer received it from the ${payerWord}, so it is not billed again.`,
      secondaryClaim,
      crossover,
      next,
    };
  }
  if (secondaryClaim) return { canBill: false as const, reason: `${next === "secondary" ? "Secondary" : "Tertiary"} claim ${secondaryClaim.claimNumber} is already ${secondaryClaim.status.replace(/_/g, " ")}.`, secondaryClaim, crossover, next };
  if (!["adjudicated", "closed"].includes(o.status) || o.adjudicatedAt === null) {
    return { canBill: false as const, reason: `The ${payerWord} has not adjudicated claim ${o.claimNumber} yet (it is ${o.status.replace(/_/g, " ")}): bill the ${next} once the ${payerWord}'s 835 is posted.`, secondaryClaim, crossover, next };
  }
  const coverage = await nextCoverageOf(db, practiceId, o, next);
  if (!coverage) return { canBill: false as const, reason: `The patient has no ${next} coverage in force on ${o.dateOfService}.`, secondaryClaim, crossover, next };
  return { canBill: true as const, reason: null, secondaryClaim, crossover, next, coverageId: coverage.id, payerName: coverage.payerName };
}

async function nextCoverageOf(db: DbOrTx, practiceId: string, o: Pick<ClaimRow, "patientId" | "payerId" | "dateOfService" | "cob">, next: "secondary" | "tertiary") {
  const rows = await db
    .select({ id: coverages.id, priority: coverages.priority, effectiveDate: coverages.effectiveDate, endDate: coverages.endDate, payerId: coverages.payerId, payerName: payers.name })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, o.patientId), eq(coverages.priority, next)));
  const c = coverageOn(rows, o.dateOfService)[next];
  return c && c.payerId !== o.payerId ? c : null;
}

/**
 * "Bill secondary": once the primary adjudicated (its 835 posted) and a secondary coverage is in
 * force on the date of service, builds the secondary claim through the claims flow: the primary's
 * lines to the secondary payer (SBR01 = S), with the primary's adjudication from the posted
 * remittance as the COB loops (2320/2330A/2330B, 2430), scrubbed, as a draft. The same on an
 * adjudicated secondary claim with a tertiary coverage in force bills the tertiary (SBR01 = T) with
 * both prior payers' adjudications (COB with two other payers). Refused with the reason when the
 * payer forwarded the claim (crossover), when the next claim is live, with no such coverage, or
 * before the payer adjudicated. One transaction; the claim is locked, so of two concurrent
 * requests one builds and the other sees the live claim.
 */
export async function billSecondaryClaim(db: DbOrTx, actor: Actor, input: { claimId: string }, now: Date, refGiven?: ReferenceHandle) {
  const ref = await referenceFor(db, refGiven);
  return db.transaction(async (tx) => {
    const o = await lockClaim(tx, actor, input.claimId);
    const status = await secondaryStatusOf(tx, actor.practiceId, o);
    if (!status.canBill) throw new DomainError(status.secondaryClaim ? "CONFLICT" : "VALIDATION", status.reason);
    const lines = await linesOf(tx, actor.practiceId, o.id);
    const lineIds = await tx.select({ id: claimLines.id, position: claimLines.position }).from(claimLines).where(and(eq(claimLines.claimId, o.id), eq(claimLines.practiceId, actor.practiceId)));
    const payments = await postedPaymentsOf(tx, actor.practiceId, o.id, lineIds);
    const result = cobFromRemittance({ primary: o, lines, payments: payments.map((p) => p.posted) });
    if (!result.ok) throw new DomainError("VALIDATION", result.reason);
    const [cov] = await tx.select({ payerId: coverages.payerId }).from(coverages).where(eq(coverages.id, status.coverageId));
    const parties = await loadParties(tx, actor.practiceId, { claimType: o.claimType, patientId: o.patientId, coverageId: status.coverageId, locationId: o.locationId, providerId: o.renderingProviderId });
    const claimNumber = formatClaimNumber(await nextCounter(tx, actor.practiceId, "claim", now));
    const target = scrubTargetOf(o, { id: undefined, claimNumber, frequency: "original", payerClaimNumber: null, parties, payerId: cov!.payerId, originalClaimId: null, cob: result.cob });
    const scrubbed = await scrub(tx, actor.practiceId, ref, target, lines, [], isoDate(now));
    const [n] = await tx
      .insert(claims)
      .values({
        practiceId: actor.practiceId,
        claimNumber,
        patientId: o.patientId,
        coverageId: status.coverageId,
        payerId: cov!.payerId,
        locationId: o.locationId,
        renderingProviderId: o.renderingProviderId,
        claimType: o.claimType,
        frequency: "original",
        primaryClaimId: o.id,
        cob: result.cob,
        status: "draft",
        dateOfService: o.dateOfService,
        placeOfService: o.placeOfService,
        typeOfBill: o.typeOfBill,
        priorAuthNumber: null,
        diagnoses: o.diagnoses,
        totalChargeCents: totalChargeCents(lines),
        parties,
        scenario: o.scenario,
        findings: scrubbed.findings,
        blocked: scrubbed.blocked,
        referenceVersions: referenceVersions(ref.data),
        scrubbedAt: now,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeLines(tx, actor.practiceId, n!.id, lines);
    const links = await tx.select().from(claimAdministrations).where(and(eq(claimAdministrations.claimId, o.id), eq(claimAdministrations.practiceId, actor.practiceId), eq(claimAdministrations.active, true)));
    if (links.length) {
      await tx.insert(claimAdministrations).values(links.map((l) => ({ claimId: n!.id, administrationId: l.administrationId, coverageId: status.coverageId, practiceId: actor.practiceId, active: true })));
    }
    const cob = result.cob.otherPayer;
    await recordAudit(tx, actor, {
      action: "claim.secondary_created",
      entityType: "claim",
      entityId: n!.id,
      before: null,
      after: { claimNumber, priority: status.next, priorPayers: priorPayersOf(result.cob).length, primaryClaimId: o.id, primaryClaimNumber: o.claimNumber, payer: status.payerName, primaryPaidCents: cob.paidCents, remainingPatientLiabilityCents: cob.remainingPatientLiabilityCents ?? null, lineLevel: result.cob.lines.length > 0, lines: lines.map(lineSummary), status: "draft" },
    });
    return { id: n!.id, claimNumber, status: "draft" as ClaimState, blocked: scrubbed.blocked, priority: status.next };
  });
}

/* ------------------------------------------------------------------ remittance hooks */

/**
 * Called by remittance posting (issue 11): the payer adjudicated the claim. Moves it to
 * adjudicated from submitted, accepted or adjudicated (a later 835 may re-adjudicate), records the
 * outcome and amounts, and the payer's claim number when given. Runs inside the caller's transaction.
 */
export async function recordAdjudication(
  db: DbOrTx,
  actor: Actor,
  input: { claimId: string; outcome: AdjudicationOutcome; paidCents: number; patientResponsibilityCents: number; payerClaimControlNumber?: string | null | undefined; remittanceId?: string | null | undefined },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    await transition(
      tx,
      actor,
      c,
      "adjudicate",
      {
        adjudicatedAt: now,
        adjudicationOutcome: input.outcome,
        paidCents: input.paidCents,
        patientResponsibilityCents: input.patientResponsibilityCents,
        ...(input.payerClaimControlNumber ? { payerClaimControlNumber: input.payerClaimControlNumber } : {}),
        updatedAt: now,
      },
      { remittanceId: input.remittanceId ?? null },
    );
    return { id: c.id, status: "adjudicated" as ClaimState };
  });
}

/** adjudicated or rejected → closed, with the reason (paid in full, written off, not re-sent …). */
export async function closeClaim(db: DbOrTx, actor: Actor, input: { claimId: string; reason: string }, now: Date) {
  return db.transaction(async (tx) => {
    const c = await lockClaim(tx, actor, input.claimId);
    await transition(tx, actor, c, "close", { closedAt: now, closeReason: input.reason, updatedAt: now }, { reason: input.reason });
    if (c.status === "rejected") {
      // A rejected claim closed without a correction leaves its infusions unbilled for this coverage.
      await tx.update(claimAdministrations).set({ active: false }).where(and(eq(claimAdministrations.claimId, c.id), eq(claimAdministrations.practiceId, actor.practiceId)));
    }
    return { id: c.id, status: "closed" as ClaimState };
  });
}

/** The live claim holding an infusion for a coverage (any coverage when none is given), or null. */
export async function liveClaimOf(db: DbOrTx, practiceId: string, administrationId: string, coverageId?: string) {
  const [r] = await db
    .select({ id: claims.id, claimNumber: claims.claimNumber, status: claims.status, coverageId: claimAdministrations.coverageId })
    .from(claimAdministrations)
    .innerJoin(claims, eq(claims.id, claimAdministrations.claimId))
    .where(
      and(
        eq(claimAdministrations.practiceId, practiceId),
        eq(claimAdministrations.administrationId, administrationId),
        eq(claimAdministrations.active, true),
        ...(coverageId ? [eq(claimAdministrations.coverageId, coverageId)] : []),
      ),
    );
  return r ?? null;
}

/** What the claim page offers the actor in the claim's state. */
export function claimActions(c: Pick<ClaimRow, "status" | "claimType" | "blocked" | "frequency">, role: Actor["role"], hasOpenCorrection: boolean) {
  const write = role !== null && can(role, "claim.write");
  const submit = role !== null && can(role, "claim.submit");
  const t = (e: ClaimEvent) => canTransition(claimMachine, c.status, e);
  return {
    edit: write && c.status === "draft",
    overrideWarnings: write && c.status === "draft",
    markReady: write && t("mark_ready"),
    reopen: write && t("reopen"),
    cancel: write && t("cancel"),
    submitOnPaper: submit && t("submit_paper") && c.claimType === "professional" && !c.blocked,
    replace: write && t("replace") && !hasOpenCorrection,
    void: write && t("void") && !hasOpenCorrection && c.frequency !== "void",
    close: write && t("close"),
  };
}

export const LIVE_STATES = LIVE_CLAIM_STATES;

/* ------------------------------------------------------------------ edits from the form */

/** What the claim form sends for a line: NDC in any format; kind and date come from the claim. */
export interface EditedLine {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  ndc: { code: string; unit: "ML" | "UN"; quantity: string } | null;
  diagnosisPointers: number[];
  revenueCode?: string | null | undefined;
  priorAuthNumber: string | null;
}

/** Normalises edited lines: NDC to 11 digits (a bad one is a field error), the line's kind from the code. */
export function normaliseEditedLines(ref: PreparedReference, lines: readonly EditedLine[], dateOfService: string): ClaimLineData[] {
  const waste = new Set((ref.modifiersByRole.get("waste") ?? []).map((m) => m.code));
  return lines.map((l, i) => {
    let ndc: ClaimLineData["ndc"] = null;
    if (l.ndc) {
      const n = normalizeNdc(l.ndc.code);
      if (!n.ok) throw new DomainError("VALIDATION", `Line ${i + 1}: ${n.message}`, { field: `lines.${i}.ndc.code` });
      ndc = { code11: n.ndc11, unit: l.ndc.unit, quantity: canonicalDecimal(l.ndc.quantity)! };
    }
    const kind: ClaimLineData["kind"] = ref.drugsByHcpcs.has(l.code) ? (l.modifiers.some((m) => waste.has(m)) ? "waste" : "drug") : ref.adminByCode.has(l.code) ? "admin" : "other";
    return {
      kind,
      code: l.code,
      modifiers: [...l.modifiers],
      units: l.units,
      chargeCents: l.chargeCents,
      ndc,
      diagnosisPointers: [...l.diagnosisPointers],
      revenueCode: l.revenueCode ?? null,
      priorAuthNumber: l.priorAuthNumber,
      dateOfService,
    };
  });
}

/** updateClaim with the form's lines (NDC in any format). */
export async function editClaim(db: Db, actor: Actor, input: Omit<ClaimEditInput, "lines"> & { lines?: EditedLine[] | undefined }, now: Date) {
  const ref = await referenceFor(db);
  const [c] = await db.select({ dateOfService: claims.dateOfService }).from(claims).where(and(eq(claims.id, input.claimId), eq(claims.practiceId, actor.practiceId)));
  if (!c) throw new DomainError("NOT_FOUND", "Claim not found.");
  const lines = input.lines ? normaliseEditedLines(ref.prepared, input.lines, c.dateOfService) : undefined;
  return updateClaim(db, actor, { ...input, lines }, now, ref);
}

/* ------------------------------------------------------------------ reads */

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The latest claim correcting another, as the worklist reads it. */
export interface ClaimCorrectionRef {
  claimNumber: string;
  frequency: ClaimFrequency;
  status: ClaimState;
}

/** "number|frequency|status" from the list query → the correcting claim. */
export function parseCorrectionRef(v: string | null): ClaimCorrectionRef | null {
  if (!v) return null;
  const [claimNumber, frequency, status] = v.split("|");
  return { claimNumber: claimNumber!, frequency: frequency as ClaimFrequency, status: status as ClaimState };
}

/** One line of what a claim in the worklist needs next, in billing words. */
export function claimNote(c: {
  status: ClaimState;
  blocked: boolean;
  findings: StoredClaimFinding[];
  rejection: ClaimRow["rejection"];
  adjudicationOutcome: ClaimRow["adjudicationOutcome"];
  paidCents: number | null;
  correctedBy?: ClaimCorrectionRef | null;
}): string {
  const k = c.correctedBy;
  if (k && (["draft", "ready", "batched"] as ClaimState[]).includes(k.status) && (["rejected", "accepted", "adjudicated", "closed"] as ClaimState[]).includes(c.status)) {
    const what = k.frequency === "original" ? "Resubmission" : k.frequency === "void" ? "Void" : "Corrected claim";
    return `${what} ${k.claimNumber} is ${k.status === "draft" ? "a draft" : k.status === "ready" ? "ready" : "in a batch"}: send it`;
  }
  if (k && c.status === "replaced") return k.frequency === "original" ? `Resubmitted as ${k.claimNumber}` : `Replaced by ${k.claimNumber}`;
  if (k && c.status === "voided") return `Voided by ${k.claimNumber}`;
  if (c.status === "rejected" && c.rejection) return `Rejected (${c.rejection.source}): ${c.rejection.reasons[0] ?? "see the claim"}`;
  const errors = c.findings.filter((f) => f.severity === "error");
  const open = c.findings.filter((f) => f.severity === "warning" && !f.overridden);
  switch (c.status) {
    case "draft":
      if (errors.length) return `Fix: ${errors[0]!.message}`;
      if (open.length) return `Override or fix ${open.length} warning${open.length === 1 ? "" : "s"} (${findingTopics(open)})`;
      return "Scrubbed clean: mark it ready to send";
    case "ready":
      return errors.length ? `Fix: ${errors[0]!.message}` : "Ready: add it to an 837 batch or print the CMS-1500";
    case "batched":
      return "In a batch: submit the batch file";
    case "submitted":
      return "Waiting for the acknowledgment (999 / 277CA)";
    case "accepted":
      return "Accepted: waiting for the remittance (835)";
    case "adjudicated":
      return c.adjudicationOutcome === "denied"
        ? "Denied: work the denial"
        : `${c.adjudicationOutcome === "partially_paid" ? "Partially paid" : c.adjudicationOutcome === "paid" ? "Paid" : "Adjudicated"}${c.paidCents !== null ? ` ${money(c.paidCents)}` : ""}`;
    case "closed":
      return "Closed";
    case "replaced":
      return "Replaced by a resubmission or replacement claim";
    case "voided":
      return "Voided";
    case "cancelled":
      return "Cancelled before it was sent";
    case "rejected":
      return "Rejected: fix and resubmit";
  }
}

export async function listClaimsPage(db: Db, actor: Actor, p: ClaimListParams, now: Date) {
  const asOf = isoDate(now);
  const r = await listClaimsWithCounts(db, actor.practiceId, p, asOf);
  const counts = r.counts;
  return {
    items: r.rows.map((c) => {
      const unsent = (["draft", "ready", "batched", "rejected"] as ClaimState[]).includes(c.status);
      const correctedBy = parseCorrectionRef(c.correction);
      return {
        id: c.id,
        claimNumber: c.claimNumber,
        patientId: c.patientId,
        patientName: `${c.patientLastName}, ${c.patientFirstName}`,
        patientMrn: c.patientMrn,
        dateOfService: c.dateOfService,
        payerId: c.payerId,
        payerName: c.payerName,
        claimType: c.claimType,
        frequency: c.frequency,
        status: c.status,
        totalChargeCents: Number(c.totalChargeCents),
        paidCents: c.paidCents === null ? null : Number(c.paidCents),
        adjudicationOutcome: c.adjudicationOutcome,
        ageDays: Number(c.ageDays),
        filingDeadline: c.filingDeadline,
        daysLeftToFile: unsent ? daysLeft(c.filingDeadline, asOf) : null,
        errors: c.findings.filter((f) => f.severity === "error").length,
        openWarnings: c.findings.filter((f) => f.severity === "warning" && !f.overridden).length,
        note: claimNote({ ...c, paidCents: c.paidCents === null ? null : Number(c.paidCents), correctedBy }),
        batchIcn: c.batchIcn === null ? null : Number(c.batchIcn),
        correctedBy,
        resubmitted: c.status === "replaced" && correctedBy?.frequency === "original",
        submittedAt: c.submittedAt,
        updatedAt: c.updatedAt,
      };
    }),
    total: r.total,
    totalCapped: r.totalCapped,
    page: p.page,
    pageSize: p.pageSize,
    totalChargeCents: r.totalChargeCents,
    counts,
  };
}

/** A claim's audit event in one sentence for the history list. */
export function historyText(action: string, before: unknown, after: unknown): string {
  const a = (after ?? {}) as Record<string, unknown>;
  const b = (before ?? {}) as Record<string, unknown>;
  const status = (s: unknown) => String(s ?? "").replace(/_/g, " ");
  switch (action) {
    case "claim.built":
      return `Built from ${Array.isArray(a.administrationIds) ? a.administrationIds.length : 1} infusion(s) for ${String(a.payer ?? "the payer")}: ${money(Number(a.totalChargeCents ?? 0))}`;
    case "claim.edited":
      return `Edited: total ${money(Number(b.totalChargeCents ?? 0))} → ${money(Number(a.totalChargeCents ?? 0))}; lines ${(a.lines as string[] | undefined)?.join("; ") ?? ""}`;
    case "claim.warning_overridden":
      return `Warning overridden (${findingTopic(String(a.rule))}): “${String(a.reason)}”`;
    case "claim.refreshed":
      return "Patient, coverage and provider details read again from the records";
    case "claim.replacement_created":
    case "claim.void_created":
      return `Created as the ${a.frequency === "void" ? "void" : a.frequency === "replacement" ? "replacement" : "corrected resubmission"} of ${String(a.originalClaimNumber)}: “${String(a.reason)}”`;
    case "claim.replacement_started":
    case "claim.void_started":
      return `Being corrected by ${String(a.correctedBy)} (${String(a.kind)}): “${String(a.reason)}”`;
    case "claim.replacement_cancelled":
      return "The correction was cancelled; this claim holds its infusions again";
    case "claim.acknowledged":
      return String(a.text ?? "Acknowledgment received");
    default: {
      const [, event] = action.split(".");
      const extra = a.reason ? `: “${String(a.reason)}”` : a.channel ? ` (${(SUBMISSION_CHANNEL_LABELS as Record<string, string | undefined>)[String(a.channel)] ?? status(a.channel)})` : a.byClaimNumber ? ` by ${String(a.byClaimNumber)}` : a.batchIcn ? ` (batch ${String(a.batchIcn)})` : "";
      return `${describeClaimTransition(event ?? action, b.status, a.status)}${extra}`;
    }
  }
}

export async function getClaimDetail(db: Db, actor: Actor, claimId: string, now: Date) {
  const row = await getClaimRow(db, actor.practiceId, claimId);
  // Another practice's claim is reported exactly like a missing one.
  if (!row) throw new DomainError("NOT_FOUND", "Claim not found.");
  const c = row.claim;
  const ref = await referenceFor(db);
  const [lineRows, overrides, admins, batches, acks, history, family] = await Promise.all([
    getClaimLines(db, actor.practiceId, c.id),
    getClaimOverrides(db, actor.practiceId, c.id),
    getClaimAdministrations(db, actor.practiceId, c.id),
    getClaimBatches(db, actor.practiceId, c.id),
    getClaimAcknowledgments(db, actor.practiceId, c.id),
    getClaimHistory(db, actor.practiceId, c.id),
    getClaimFamily(db, actor.practiceId, c),
  ]);
  const lines = lineRows.map(lineDataOf);
  const submittedBy = c.submittedByUserId ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, c.submittedByUserId)))[0]?.name ?? null) : null;
  const openCorrection = family.corrections.some((x) => ["draft", "ready", "batched"].includes(x.status));
  const deadline = filingDeadline(c.dateOfService, row.payer);
  const icd = (code: string) => {
    const withDot = code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
    const hit = ref.data.icd10Codes.find((x) => x.code === withDot);
    return { code: withDot, description: hit?.description ?? null };
  };
  const actions = claimActions(c, actor.role, openCorrection);
  const secondary = await secondaryStatusOf(db, actor.practiceId, c);
  return {
    secondary: {
      crossover: secondary.crossover ? secondary.reason : null,
      claim: secondary.secondaryClaim,
      primary: c.primaryClaimId ? { id: c.primaryClaimId, claimNumber: c.cob?.primaryClaimNumber ?? "" } : null,
    },
    claim: {
      id: c.id,
      claimNumber: c.claimNumber,
      status: c.status,
      claimType: c.claimType,
      frequency: c.frequency,
      dateOfService: c.dateOfService,
      placeOfService: c.placeOfService,
      typeOfBill: c.typeOfBill,
      priorAuthNumber: c.priorAuthNumber,
      payerClaimNumber: c.payerClaimNumber,
      payerClaimControlNumber: c.payerClaimControlNumber,
      diagnoses: c.diagnoses.map(icd),
      totalChargeCents: Number(c.totalChargeCents),
      revision: c.revision,
      blocked: c.blocked,
      scrubbedAt: c.scrubbedAt,
      referenceVersions: c.referenceVersions,
      submissionChannel: c.submissionChannel,
      submittedAt: c.submittedAt,
      submittedByName: submittedBy,
      acceptedAt: c.acceptedAt,
      rejectedAt: c.rejectedAt,
      rejection: c.rejection ?? null,
      adjudicatedAt: c.adjudicatedAt,
      adjudicationOutcome: c.adjudicationOutcome,
      paidCents: c.paidCents === null ? null : Number(c.paidCents),
      patientResponsibilityCents: c.patientResponsibilityCents === null ? null : Number(c.patientResponsibilityCents),
      closedAt: c.closedAt,
      closeReason: c.closeReason,
      cancelReason: c.cancelReason,
      createdAt: c.createdAt,
      createdByName: row.createdByName,
      filingDeadline: deadline.deadline,
      filingLimit: deadline.limit,
      daysLeftToFile: daysLeft(deadline.deadline, isoDate(now)),
    },
    patient: { id: row.patient.id, firstName: row.patient.firstName, lastName: row.patient.lastName, mrn: row.patient.mrn, dateOfBirth: row.patient.dateOfBirth },
    payer: { id: row.payer.id, name: row.payer.name, ediPayerId: row.payer.ediPayerId, kind: row.payer.kind, responsibility: row.coverage.priority, memberId: c.parties.subscriber.memberId },
    location: { id: row.location.id, name: row.location.name, placeOfService: row.location.placeOfService },
    provider: { id: row.provider.id, name: providerDisplayName(row.provider), npi: row.provider.npi },
    billingProvider: { name: c.parties.billingProvider.name, npi: c.parties.billingProvider.npi, tin: c.parties.billingProvider.tin, address: c.parties.billingProvider.address },
    lines: lines.map((l, i) => ({ ...l, position: i + 1, lineControlNumber: lineControlNumber(c.claimNumber, i + 1) })),
    arithmetic: claimArithmetic(ref.prepared, c.scenario, lines, Number(c.totalChargeCents)),
    findings: c.findings,
    blockers: c.status === "draft" ? readyBlockers({ findings: c.findings }) : [],
    overrides: overrides.map((o) => ({ id: o.id, rule: o.rule, message: o.message, reason: o.reason, source: o.source, userName: o.userName, createdAt: o.createdAt })),
    administrations: admins.map((a) => ({ id: a.id, sequence: a.sequence, cycleLabel: `C${a.cycle}D${a.day}`, actualDate: a.actualDate, active: a.active })),
    batches: batches.map((b) => ({
      id: b.id,
      status: b.status,
      interchangeControlNumber: b.interchangeControlNumber,
      groupControlNumber: b.groupControlNumber,
      transactionSetControlNumber: b.transactionSetControlNumber,
      fileName: b.fileName,
      createdAt: b.createdAt,
      submittedAt: b.submittedAt,
      submissionChannel: b.submissionChannel,
      ackStatus: b.ackStatus,
    })),
    acknowledgments: acks.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      reference: a.reference,
      payerClaimNumber: a.payerClaimNumber,
      summary: ackSummary(a.detail),
      segment: a.segment,
      outcome: a.outcome,
      createdAt: a.createdAt,
      fileId: a.fileId,
      fileName: a.fileName,
    })),
    history: history.map((h) => ({ id: h.id, action: h.action, text: historyText(h.action, h.before, h.after), actorName: h.actorName, createdAt: h.createdAt })),
    family: {
      original: family.original ? { id: family.original.id, claimNumber: family.original.claimNumber, status: family.original.status, frequency: family.original.frequency } : null,
      corrections: family.corrections.map((x) => ({ id: x.id, claimNumber: x.claimNumber, status: x.status, frequency: x.frequency })),
    },
    actions: {
      ...actions,
      refresh: actions.edit,
      printCms1500: c.claimType === "professional",
      // offered once the payer adjudicated; the service says why when there is no next coverage
      billSecondary: actor.role !== null && can(actor.role, "claim.write") && ["adjudicated", "closed"].includes(c.status) && (secondary.next === "secondary" ? !secondary.secondaryClaim && !secondary.crossover : secondary.canBill),
      /** which payer "Bill …" bills: the secondary after a primary claim, the tertiary after a secondary */
      nextPayer: secondary.next,
    },
  };
}

/** The stored detail of an acknowledgment answer as sentences (999 errors or 277CA status codes). */
function ackSummary(detail: unknown): string[] {
  if (!detail || typeof detail !== "object") return [];
  const d = detail as { errors?: { description?: string }[]; statusCodes?: { description?: string }[] };
  return [...(d.errors ?? []), ...(d.statusCodes ?? [])].map((x) => x.description ?? "").filter(Boolean);
}

/**
 * The arithmetic under the claim: the engine's own explanation of the documented infusion (mg →
 * units, waste, NDC quantity, minutes → codes) and the charges of the claim's lines as they are now.
 */
export function claimArithmetic(ref: PreparedReference, scenario: TScenarioInput, lines: readonly ClaimLineData[], totalCents: number) {
  const steps: { topic: string; text: string }[] = [];
  const parsed = parseScenario(scenario, ref);
  if (parsed.ok) {
    const r = previewClaim(parsed.scenario, ref);
    const vials = parsed.scenario.drugs.flatMap((d) =>
      d.vials.map((v) => {
        const n = normalizeNdc(v.ndc);
        return { drug: d.drug as DocumentationValues["vials"][number]["drug"], ndc11: n.ok ? n.ndc11 : v.ndc, lotNumber: null, expiryDate: null, count: v.count };
      }),
    );
    const values = { vials } as unknown as DocumentationValues;
    for (const s of explainClaim(ref, values, scenario, r, {})) if (s.topic !== "charge") steps.push(s);
  }
  lines.forEach((l, i) => {
    const unit = l.units > 0 ? Math.round(l.chargeCents / l.units) : 0;
    const exact = unit * l.units === l.chargeCents;
    steps.push({ topic: "charge", text: `Line ${i + 1} ${[l.code, ...l.modifiers].join("-")}: ${l.units} × ${exact ? money(unit) : "(entered)"} = ${money(l.chargeCents)}${l.chargeCents === 0 ? " (no charge)" : ""}.` });
  });
  steps.push({ topic: "charge", text: `Total charge (CLM02) = ${lines.map((l) => money(l.chargeCents)).join(" + ") || "$0.00"} = ${money(totalCents)}.` });
  return steps;
}

export async function unbilledPage(db: Db, actor: Actor, p: UnbilledParams, now: Date) {
  const asOf = isoDate(now);
  const [r, byAge] = await Promise.all([listUnbilled(db, actor.practiceId, p, asOf), unbilledByAge(db, actor.practiceId, asOf)]);
  return {
    items: r.rows.map((x) => ({
      id: x.id,
      patientId: x.patientId,
      patientName: `${x.patientLastName}, ${x.patientFirstName}`,
      patientMrn: x.patientMrn,
      cycleLabel: `C${x.cycle}D${x.day}`,
      dateOfService: x.dateOfService,
      payerName: x.payerName,
      locationName: x.locationName,
      // listUnbilled leaves out the locations another entity bills, so each of these has a claim type.
      claimType: claimTypeForLocation(x)!.claimType,
      ageDays: Number(x.ageDays),
      filingDeadline: x.filingDeadline,
      daysLeftToFile: x.filingDeadline ? daysLeft(x.filingDeadline, asOf) : null,
    })),
    total: r.total,
    page: p.page,
    pageSize: p.pageSize,
    byAge,
  };
}

export async function filingDeadlinePage(db: Db, actor: Actor, p: { page: number; pageSize: number }, now: Date) {
  const r = await listFilingDeadlines(db, actor.practiceId, p, isoDate(now));
  return {
    items: r.rows.map((x) => ({
      kind: x.kind,
      id: x.id,
      claimNumber: x.claimNumber,
      status: x.status,
      cycleLabel: x.cycleLabel,
      patientId: x.patientId,
      patientName: `${x.patientLastName}, ${x.patientFirstName}`,
      patientMrn: x.patientMrn,
      dateOfService: x.dateOfService,
      payerName: x.payerName,
      deadline: x.deadline,
      daysLeft: x.daysLeft,
      amountCents: x.amountCents === null ? null : Number(x.amountCents),
    })),
    total: r.total,
    page: p.page,
    pageSize: p.pageSize,
  };
}

export async function overridesPage(db: Db, actor: Actor, p: { page: number; pageSize: number }) {
  const r = await listOverrides(db, actor.practiceId, p);
  return {
    items: r.rows.map((x) => ({
      id: x.id,
      claimId: x.claimId,
      claimNumber: x.claimNumber,
      claimStatus: x.claimStatus,
      patientName: `${x.patientLastName}, ${x.patientFirstName}`,
      dateOfService: x.dateOfService,
      payerName: x.payerName,
      rule: x.rule,
      message: x.message,
      reason: x.reason,
      source: x.source,
      userName: x.userName,
      createdAt: x.createdAt,
    })),
    total: r.total,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** The claims of one infusion, newest first (another practice's infusion has none). */
export async function infusionClaims(db: DbOrTx, actor: Actor, administrationId: string) {
  const rows = await claimsOfAdministration(db, actor.practiceId, administrationId);
  return rows.map((c) => ({
    id: c.id,
    claimNumber: c.claimNumber,
    status: c.status,
    frequency: c.frequency,
    claimType: c.claimType,
    totalChargeCents: Number(c.totalChargeCents),
    payerName: c.payerName,
    submittedAt: c.submittedAt,
    rejectionReason: c.rejection ? c.rejection.reasons.join(" ") || null : null,
    active: c.active,
  }));
}
