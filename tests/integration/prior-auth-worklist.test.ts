import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, coverages, patients } from "@/db/schema";
import { seedFeeSchedule } from "@/db/seed/demo-documentation";
import { seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import type { TUpdateRequestInput } from "@/server/api/routers/prior-auths/schemas";
import type { SessionUser } from "@/server/services/auth";
import { callerFor, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

/*
 * The coordinator's queue around the requests: who can be assigned, the orders "New request" offers,
 * the practice's authorization alerts, the request form's parties (indication, diagnoses, provider,
 * site) and the queue's CSV. Orders start 2026-09-14, q2w, 72 units of J9173 per infusion.
 */
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: async () => state.db }));
vi.mock("@/server/auth/auth", () => ({ currentUser: async () => state.user, currentSessionId: async () => null, currentIdentity: async () => ({ user: state.user, operator: null }) }));
const { GET: exportPriorAuths } = await import("@/app/api/export/prior-auths/route");

const NOW = new Date("2026-09-01T14:00:00Z");
let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller, manager: Caller, pa: Caller, other: Caller;
let patientId: string;
let orderId: string;
let requestId: string;

beforeAll(async () => {
  h = await createTestDb();
  state.db = h.db;
  w = await makeWorld(h.db);
  const clock = () => NOW;
  biller = callerFor(h.db, w.as.biller.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await h.db.transaction((tx) => seedPracticeSetup(tx, { practiceId: w.practice.id, otherPracticeId: w.other.id, now: NOW }));
  await h.db.transaction((tx) => seedFeeSchedule(tx, w.practice.id, NOW));
  const mrn = `MRN-${randomBytes(3).toString("hex").toUpperCase()}`;
  const [p] = await h.db
    .insert(patients)
    .values({ practiceId: w.practice.id, mrn, firstName: "Ines", lastName: "Queueberg", dateOfBirth: "1950-05-06", sex: "female", addressLine1: "1 Main St", city: "Madison", state: "WI", zip: "53703" })
    .returning();
  patientId = p!.id;
  await h.db.insert(coverages).values({ practiceId: w.practice.id, patientId, payerId: setup.payers.commercial, memberId: "NWH100200", priority: "primary", relationship: "self", effectiveDate: "2026-01-01" });
  const o = await biller.orders.create({
    patientId,
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
  await biller.orders.sign({ orderId: o.id });
  orderId = o.id;
}, 240_000);
afterAll(() => h?.close());

describe("priorAuths.candidates", () => {
  it("offers the signed order with its open request to coordinators, by name or MRN; not to billers or another practice", async () => {
    const all = await pa.priorAuths.candidates({ q: "queueberg" });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ orderId, patientName: "Queueberg, Ines", orderStatus: "signed", nextInfusion: "2026-09-14", openRequest: { status: "needed" }, evaluation: { required: true } });
    expect(all[0]!.indicationName).toMatch(/NSCLC|non-small/i);
    requestId = all[0]!.openRequest!.id;
    expect(await pa.priorAuths.candidates({ q: "nobody-called-this" })).toEqual([]);
    await expect(biller.priorAuths.candidates({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await other.priorAuths.candidates({ q: "queueberg" })).toEqual([]);
    const bad = await pa.priorAuths.candidates({ q: "x".repeat(300) }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
  });
});

describe("priorAuths.assignees", () => {
  it("lists the active users whose role works prior authorizations, to every reader of the practice", async () => {
    const names = (await manager.priorAuths.assignees()).map((u) => u.role);
    expect(names.sort()).toEqual(["admin", "pa_coordinator"]);
    const theirs = await other.priorAuths.assignees();
    expect(theirs.map((u) => u.id)).not.toContain(w.as.pa_coordinator.user.id);
  });
});

function edit(d: { request: { id: string; revision: number; requestedLines: TUpdateRequestInput["requestedLines"]; startDate: string; endDate: string } }, over: Partial<TUpdateRequestInput> = {}): TUpdateRequestInput {
  return {
    id: d.request.id,
    revision: d.request.revision,
    requestedLines: d.request.requestedLines,
    startDate: d.request.startDate,
    endDate: d.request.endDate,
    clinical: { stage: "IIIB", biomarkers: [{ name: "PD-L1", result: "TPS 80% (SP263)" }], priorTherapies: "Carboplatin/paclitaxel with 60 Gy, completed 2026-08-25.", ecog: "0", intent: "consolidation", notes: null },
    channel: "portal",
    payerReference: null,
    payerContact: null,
    notes: null,
    ...over,
  };
}

describe("priorAuths.update: indication, diagnoses, ordering provider and site", () => {
  it("saves them with the clinical summary, checks each against the reference data and the practice, and audits before/after", async () => {
    const d = await pa.priorAuths.get({ id: requestId });
    expect(d.request).toMatchObject({ diagnoses: ["C34.11"], orderingProviderId: setup.providers.oncologistA, locationId: setup.locations.office });
    expect(d.plannedDoses[0]).toMatchObject({ hcpcs: "J9173" });
    expect(d.plannedDoses[0]!.doses[0]).toEqual({ date: "2026-09-14", units: 72 });
    const badIcd = await pa.priorAuths.update(edit(d, { diagnoses: ["hello"] })).catch((e) => e);
    expect(formatError(badIcd, "r").data.zodError?.fieldErrors.diagnoses?.[0]).toBe("Enter an ICD-10-CM code such as C34.11.");
    const unknownIcd = await pa.priorAuths.update(edit(d, { diagnoses: ["Z99.999"] })).catch((e) => e);
    expect(unknownIcd.message).toBe("Z99.999 is not an ICD-10-CM code in the reference data.");
    const theirProvider = await pa.priorAuths.update(edit(d, { orderingProviderId: setup.other.provider })).catch((e) => e);
    expect(theirProvider.message).toBe("Choose a provider of this practice.");
    const badIndication = await pa.priorAuths.update(edit(d, { indicationId: "made-up" })).catch((e) => e);
    expect(badIndication.message).toBe('Unknown indication "made-up".');
    await expect(biller.priorAuths.update(edit(d, { diagnoses: ["C34.12"] }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.priorAuths.update(edit(d, { diagnoses: ["C34.12"] }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const r = await pa.priorAuths.update(edit(d, { diagnoses: ["c3412", "C34.31"], orderingProviderId: setup.providers.oncologistB, locationId: setup.locations.hospitalOutpatient }));
    expect(r.status).toBe("drafting");
    const after = await pa.priorAuths.get({ id: requestId });
    expect(after.request).toMatchObject({ diagnoses: ["C34.12", "C34.31"], orderingProviderId: setup.providers.oncologistB, locationId: setup.locations.hospitalOutpatient });
    const rows = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, requestId), eq(auditEvents.action, "prior_auth.updated"))).orderBy(asc(auditEvents.seq));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ before: expect.objectContaining({ diagnoses: ["C34.11"], locationId: setup.locations.office }), after: expect.objectContaining({ diagnoses: ["C34.12", "C34.31"], locationId: setup.locations.hospitalOutpatient }) });
  });
});

describe("priorAuths.alerts", () => {
  it("shows every reader the practice's authorization that runs out before the next infusion, with the patient; another practice sees none", async () => {
    expect(await pa.priorAuths.alerts()).toEqual([]);
    let d = await pa.priorAuths.get({ id: requestId });
    await pa.priorAuths.transition({ id: requestId, revision: d.request.revision, event: "submit" });
    d = await pa.priorAuths.get({ id: requestId });
    await pa.priorAuths.decide({ id: requestId, revision: d.request.revision, outcome: "approve_partially", decidedOn: "2026-09-01", authorizationNumber: "NWH-Q-1", startDate: "2026-09-14", endDate: "2026-10-20", lines: [{ hcpcs: "J9173", units: 144, doses: 2 }], denialReason: null, exceedsRequestConfirmed: false, replaceOverlapping: false, payerReference: null, note: null });
    for (const c of [pa, biller, manager]) {
      const alerts = await c.priorAuths.alerts();
      const out = alerts.find((a) => a.kind === "runs_out_before_next_dose");
      expect(out).toMatchObject({ severity: "error", patientId, patientName: "Queueberg, Ines", orderId, authorizationNumber: "NWH-Q-1", date: "2026-10-12" });
      expect(out!.message).toBe("Authorization NWH-Q-1 (J9173) runs out before the infusion of 10/12/2026: it needs 72 units, 0 are left (144 approved).");
      expect(alerts[0]!.severity).toBe("error");
    }
    expect(await other.priorAuths.alerts()).toEqual([]);
  });
});

describe("GET /api/export/prior-auths", () => {
  const as = (s: SessionUser | null) => {
    state.user = s;
  };
  const req = (path: string) => new Request(`http://127.0.0.1:3000${path}`);
  const noParams = { params: Promise.resolve({}) };
  it("downloads the queue with the screen's view and filters, audited; refuses bad parameters and the signed-out", async () => {
    as(w.as.manager.session);
    const res = await exportPriorAuths(req("/api/export/prior-auths?view=all&q=queueberg"), noParams);
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Request,MRN,Patient,Payer,Kind,Status,Requested,From,Through,Due,Days pending,Next infusion,Assigned to,Payer reference,Flags,Request id");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Partially approved");
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, w.practice.id), eq(auditEvents.action, "export.downloaded")));
    expect(audit.at(-1)).toMatchObject({ after: expect.objectContaining({ kind: "prior-auths", filters: expect.objectContaining({ view: "all", q: "queueberg" }) }) });
    expect((await exportPriorAuths(req("/api/export/prior-auths?status=lost"), noParams)).status).toBe(400);
    as(w.otherAdmin.session);
    const theirs = await exportPriorAuths(req("/api/export/prior-auths?view=all"), noParams);
    expect((await theirs.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)).toHaveLength(1);
    as(null);
    expect((await exportPriorAuths(req("/api/export/prior-auths"), noParams)).status).toBe(401);
  });
});

describe("a primary coverage change judges the patient's orders again", () => {
  it("a new primary that requires authorization opens the order's request (trigger coverage changed), once; ending it records the evaluation again", async () => {
    const [p] = await h.db
      .insert(patients)
      .values({ practiceId: w.practice.id, mrn: `MRN-${randomBytes(3).toString("hex").toUpperCase()}`, firstName: "Olle", lastName: "Switchman", dateOfBirth: "1949-02-03", sex: "male", addressLine1: "2 Main St", city: "Madison", state: "WI", zip: "53703" })
      .returning();
    const mcr = await biller.patients.coverage.add({ patientId: p!.id, payerId: setup.payers.medicare, memberId: "1EG4TE5MK73", groupNumber: null, planName: null, priority: "primary", relationship: "self", subscriberFirstName: null, subscriberLastName: null, subscriberDateOfBirth: null, effectiveDate: "2026-01-01", endDate: null });
    const o = await biller.orders.create({ patientId: p!.id, indicationId: "nsclc-stage3-consolidation", diagnoses: ["C34.11"], phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }], durationMonths: 12, combination: null, startDate: "2026-09-14", orderingProviderId: setup.providers.oncologistA, locationId: setup.locations.office, weightKg: "67.3", notes: null });
    await biller.orders.sign({ orderId: o.id });
    const signed = await pa.priorAuths.forOrder({ orderId: o.id });
    expect(signed.evaluations).toEqual([expect.objectContaining({ hcpcs: "J9173", required: false, trigger: "order_signed", requestId: null })]);
    // Medicare ends; a commercial plan that requires authorization becomes primary.
    const ended = await biller.patients.coverage.end({ coverageId: mcr.id, endDate: "2026-08-31", expectedUpdatedAt: mcr.updatedAt });
    expect(ended.endDate).toBe("2026-08-31");
    const nwh = await biller.patients.coverage.add({ patientId: p!.id, payerId: setup.payers.commercial, memberId: "NWH555001", groupNumber: null, planName: null, priority: "primary", relationship: "self", subscriberFirstName: null, subscriberLastName: null, subscriberDateOfBirth: null, effectiveDate: "2026-09-01", endDate: null });
    const after = await pa.priorAuths.forOrder({ orderId: o.id });
    const judged = after.evaluations.find((e) => e.payerName === "Northwoods Health PPO");
    expect(judged).toMatchObject({ hcpcs: "J9173", required: true, trigger: "coverage_changed" });
    expect(judged!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const d = await pa.priorAuths.get({ id: judged!.requestId! });
    expect(d.request).toMatchObject({ trigger: "coverage_changed", coverageId: nwh.id, status: "needed", startDate: "2026-09-14" });
    // Another change to the same primary finds the open request instead of opening a second.
    await biller.patients.coverage.update({ coverageId: nwh.id, expectedUpdatedAt: nwh.updatedAt, payerId: setup.payers.commercial, memberId: "NWH555002", groupNumber: null, planName: null, priority: "primary", relationship: "self", subscriberFirstName: null, subscriberLastName: null, subscriberDateOfBirth: null, effectiveDate: "2026-09-01", endDate: null });
    const again = await pa.priorAuths.list({ view: "open", q: "Switchman" });
    expect(again.total).toBe(1);
    const opened = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, judged!.requestId!), eq(auditEvents.action, "prior_auth.opened")));
    expect(opened[0]).toMatchObject({ actorUserId: w.as.biller.user.id, after: expect.objectContaining({ trigger: "coverage_changed" }) });
  });
});
