import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { schema, type Db, type DbHandle } from "@/db/client";
import { administrations, auditEvents, authorizations, claimAdministrations, claims, denialWorkItems, orders, payers, priorAuthDecisions, priorAuthRequests } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { Role } from "@/server/domain/auth/roles";
import { callerFor, makeSession, makeUser, makeWorld } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice } from "../factories/claims";
import { postRemit, workItem } from "../factories/kpis";
import { makeSentClaim } from "../factories/remittance";
import { createTestDb } from "../helpers/test-db";

/**
 * 100 people press the same button on the same record at the same moment: an administration, a
 * claim, a prior-authorization request and a denial work item. On PostgreSQL every call runs on its
 * own connection of a pool (as many connections as the server has free, up to 100), so the calls
 * really race inside the database. Exactly one wins; the other 99 get a conflict (never a server
 * error); the record, the rows that depend on it and the audit trail show that one change once.
 */

const CALLS = 100;
let h: DbHandle & { url?: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
/** the database the racing callers use: a wide pool on PostgreSQL, the one embedded database on PGlite */
let raceDb: Db;
let raceSql: postgres.Sql | undefined;
let poolSize = 1;
const clock = () => CLAIM_NOW;

type Caller = ReturnType<typeof callerFor>;
/** Several users of a role, so the winner's identity can be checked against the record and its audit row. */
async function team(role: Role, n: number): Promise<{ userId: string; caller: Caller }[]> {
  const out: { userId: string; caller: Caller }[] = [];
  for (let i = 0; i < n; i++) {
    const u = await makeUser(h.db, w.practice.id, role, { name: `Racing ${role} ${i + 1}` });
    out.push({ userId: u.id, caller: callerFor(raceDb, await makeSession(h.db, u), clock) });
  }
  return out;
}

interface Race<T> {
  winner: { index: number; value: T };
  losers: { code: string; domainCode: string | undefined; message: string }[];
}

/** Starts all calls at once and splits the outcomes into the one winner and the rest. */
async function race<T>(call: (i: number) => Promise<T>): Promise<Race<T>> {
  const settled = await Promise.allSettled(Array.from({ length: CALLS }, (_, i) => call(i)));
  const won = settled.flatMap((s, index) => (s.status === "fulfilled" ? [{ index, value: s.value }] : []));
  const losers = settled.flatMap((s) => {
    if (s.status === "fulfilled") return [];
    const e = s.reason as { code?: string; message?: string; cause?: { code?: string } };
    return [{ code: String(e.code), domainCode: e.cause?.code, message: String(e.message) }];
  });
  // One winner, and every other call a conflict: never a server error, a timeout or a second winner.
  expect(won, `winners: ${won.length}; other outcomes: ${JSON.stringify(losers.filter((l) => l.code !== "CONFLICT").slice(0, 3))}`).toHaveLength(1);
  expect(losers.filter((l) => l.code !== "CONFLICT")).toEqual([]);
  expect(losers).toHaveLength(CALLS - 1);
  return { winner: won[0]!, losers };
}

async function auditOf(entityId: string, action: string) {
  return h.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.seq));
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  if (h.url) {
    // One connection per call when the server has them to spare; other test files and processes
    // share the server, so leave them room.
    const probe = postgres(h.url, { max: 1, onnotice: () => {} });
    const [free] = await probe<{ n: number }[]>`
      select (select setting::int from pg_settings where name = 'max_connections')
           - (select setting::int from pg_settings where name = 'superuser_reserved_connections')
           - (select count(*)::int from pg_stat_activity) as n`;
    await probe.end();
    poolSize = Math.max(2, Math.min(CALLS, free!.n - 20));
    raceSql = postgres(h.url, { max: poolSize, onnotice: () => {} });
    raceDb = drizzle(raceSql, { schema }) as unknown as Db;
  } else {
    raceDb = h.db;
  }
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, callerFor(h.db, w.as.admin.session, clock), CLAIM_NOW);
}, 240_000);
afterAll(async () => {
  await raceSql?.end({ timeout: 5 });
  await h?.close();
});

describe(`${CALLS} concurrent transitions on one record`, () => {
  it("uses separate connections on PostgreSQL", () => {
    if (h.url) expect(poolSize).toBeGreaterThanOrEqual(10);
  });

  it("an administration is started once; its order becomes active once", async () => {
    const billers = await team("biller", 5);
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare, { lastName: "Racestart" });
    const o = await billers[0]!.caller.orders.create({
      patientId: p.patientId,
      indicationId: "nsclc-stage3-consolidation",
      diagnoses: ["C34.11"],
      phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
      durationMonths: 12,
      combination: null,
      startDate: "2026-09-14",
      orderingProviderId: setup.providers.oncologistA,
      locationId: setup.locations.office,
      weightKg: "67.3",
      notes: null,
    });
    await billers[0]!.caller.orders.sign({ orderId: o.id });
    const [first] = await h.db.select().from(administrations).where(eq(administrations.orderId, o.id)).orderBy(asc(administrations.sequence)).limit(1);

    const r = await race((i) => billers[i % billers.length]!.caller.administrations.start({ administrationId: first!.id }));
    expect(r.winner.value).toMatchObject({ status: "in_progress" });
    const who = billers[r.winner.index % billers.length]!.userId;

    const [a] = await h.db.select().from(administrations).where(eq(administrations.id, first!.id));
    expect(a!.status).toBe("in_progress");
    const started = await auditOf(first!.id, "administration.start");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ actorUserId: who, before: { status: "scheduled" }, after: expect.objectContaining({ status: "in_progress" }) });
    const [order] = await h.db.select().from(orders).where(eq(orders.id, o.id));
    expect(order!.status).toBe("active");
    const activated = await auditOf(o.id, "order.activate");
    expect(activated).toHaveLength(1);
    expect(activated[0]!.actorUserId).toBe(who);
  });

  it("a claim is cancelled once, with the winner's reason; its infusion is released once", async () => {
    const billers = await team("biller", 5);
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare, { lastName: "Racecancel" });
    const inf = await makeReadyInfusion(h.db, billers[0]!.caller, setup, p.patientId);
    const c = await billers[0]!.caller.claims.build({ administrationIds: [inf.administrationId] });

    const r = await race((i) => billers[i % billers.length]!.caller.claims.cancel({ claimId: c.id, reason: `Entered twice (desk ${i})` }));
    const reason = `Entered twice (desk ${r.winner.index})`;
    const who = billers[r.winner.index % billers.length]!.userId;

    const [claim] = await h.db.select().from(claims).where(eq(claims.id, c.id));
    expect(claim).toMatchObject({ status: "cancelled", cancelReason: reason });
    const cancelled = await auditOf(c.id, "claim.cancel");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ actorUserId: who, before: { status: "draft" }, after: expect.objectContaining({ status: "cancelled", reason }) });
    const links = await h.db.select().from(claimAdministrations).where(eq(claimAdministrations.claimId, c.id));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => !l.active)).toBe(true);
    // The infusion is free again: a new claim can be built from it, exactly once.
    const again = await billers[0]!.caller.claims.build({ administrationIds: [inf.administrationId] });
    expect(again.status).toBe("draft");
  });

  it("a prior-authorization request is decided once: one decision, one authorization", async () => {
    // The plan requires authorization from here on (the claims set-up turned it off for billing tests).
    await h.db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, setup.payers.commercial));
    const coordinators = await team("pa_coordinator", 5);
    const billers = await team("biller", 1);
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.commercial, { lastName: "Racedecide" });
    const o = await billers[0]!.caller.orders.create({
      patientId: p.patientId,
      indicationId: "nsclc-stage3-consolidation",
      diagnoses: ["C34.11"],
      phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
      durationMonths: 12,
      combination: null,
      startDate: "2026-10-05",
      orderingProviderId: setup.providers.oncologistA,
      locationId: setup.locations.office,
      weightKg: "67.3",
      notes: null,
    });
    await billers[0]!.caller.orders.sign({ orderId: o.id });
    const opened = await coordinators[0]!.caller.priorAuths.openForOrder({ orderId: o.id });
    expect(opened.id).toBeTruthy();
    const d = await coordinators[0]!.caller.priorAuths.get({ id: opened.id! });
    const drafted = await coordinators[0]!.caller.priorAuths.update({
      id: d.request.id,
      revision: d.request.revision,
      requestedLines: d.request.requestedLines,
      startDate: d.request.startDate,
      endDate: d.request.endDate,
      clinical: { stage: "IIIA", biomarkers: [{ name: "PD-L1", result: "TPS 60% (22C3)" }], priorTherapies: "Concurrent chemoradiation completed 2026-08-20, no progression.", ecog: "1", intent: "consolidation", notes: null },
      channel: "portal",
      payerReference: null,
      payerContact: "Provider services",
      notes: null,
    });
    const sent = await coordinators[0]!.caller.priorAuths.transition({ id: d.request.id, revision: drafted.revision, event: "submit", payerReference: "CASE-RACE-1" });
    expect(sent.status).toBe("submitted");

    const r = await race((i) =>
      coordinators[i % coordinators.length]!.caller.priorAuths.decide({
        id: d.request.id,
        revision: sent.revision,
        outcome: "approve",
        decidedOn: "2026-09-15",
        authorizationNumber: `AUTH-RACE-${String(i).padStart(3, "0")}`,
        startDate: d.request.startDate,
        endDate: d.request.endDate,
        lines: d.request.requestedLines,
        denialReason: null,
        exceedsRequestConfirmed: false,
        replaceOverlapping: false,
        payerReference: null,
        note: null,
      }),
    );
    expect(r.winner.value.status).toBe("approved");
    const number = `AUTH-RACE-${String(r.winner.index).padStart(3, "0")}`;
    const who = coordinators[r.winner.index % coordinators.length]!.userId;

    const [req] = await h.db.select().from(priorAuthRequests).where(eq(priorAuthRequests.id, d.request.id));
    expect(req).toMatchObject({ status: "approved", revision: sent.revision + 1 });
    const decisions = await h.db.select().from(priorAuthDecisions).where(eq(priorAuthDecisions.requestId, d.request.id));
    expect(decisions).toHaveLength(1);
    const auths = await h.db.select().from(authorizations).where(eq(authorizations.requestId, d.request.id));
    expect(auths).toHaveLength(1);
    expect(auths[0]).toMatchObject({ authorizationNumber: number, decisionId: decisions[0]!.id });
    const approved = await auditOf(d.request.id, "prior_auth.approve");
    expect(approved).toHaveLength(1);
    expect(approved[0]).toMatchObject({ actorUserId: who, before: { status: "submitted" } });
  });

  it("a denial work item is started once, assigned to whoever started it", async () => {
    const billers = await team("biller", 5);
    const sent = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RACE0001", lastName: "Racedenial" });
    const cp = await postRemit(h.db, w.practice.id, sent.claim.id, { posted: "2026-09-10", paid: 0, denied: 2_280_000 });
    await workItem(h.db, w.practice.id, sent.claim.id, cp, { amount: 2_280_000, opened: "2026-09-10", category: "medical-necessity" });
    const [item] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, sent.claim.id));

    const r = await race((i) => billers[i % billers.length]!.caller.denials.start({ id: item!.id, revision: item!.revision }));
    expect(r.winner.value).toMatchObject({ status: "in_progress", revision: item!.revision + 1 });
    const who = billers[r.winner.index % billers.length]!.userId;

    const [after] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.id, item!.id));
    expect(after).toMatchObject({ status: "in_progress", revision: item!.revision + 1, assigneeUserId: who });
    const started = await auditOf(item!.id, "denial.start");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ actorUserId: who, before: { status: "open" } });
  });
});
