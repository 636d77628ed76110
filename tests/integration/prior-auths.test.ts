import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, authorizations, coverages, patients, priorAuthDecisions, priorAuthEvaluations, priorAuthRequests } from "@/db/schema";
import { seedFeeSchedule } from "@/db/seed/demo-documentation";
import { seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import type { TCreateOrderInput } from "@/server/api/routers/orders/schemas";
import type { TDecisionInput, TUpdateRequestInput } from "@/server/api/routers/prior-auths/schemas";
import { callerFor, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

/** Orders start 2026-09-14, q2w at 10 mg/kg × 67.3 kg = 673 mg → 6 × 120 mg vials = 72 units of J9173 (JW billed). */
const NOW = new Date("2026-09-01T14:00:00Z");
const START = "2026-09-14";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let admin: Caller;
let manager: Caller;
let pa: Caller;
let other: Caller;
let pa2: Caller;

async function makePatient(payerId: string, lastName: string) {
  const [p] = await h.db
    .insert(patients)
    .values({ practiceId: w.practice.id, mrn: `MRN-${randomBytes(3).toString("hex").toUpperCase()}`, firstName: "Ada", lastName, dateOfBirth: "1952-03-04", sex: "female", addressLine1: "1 Main St", city: "Madison", state: "WI", zip: "53703" })
    .returning();
  await h.db.insert(coverages).values({ practiceId: w.practice.id, patientId: p!.id, payerId, memberId: "NWH884213", priority: "primary", relationship: "self", effectiveDate: "2026-01-01" });
  return p!.id;
}

function orderInput(patientId: string): TCreateOrderInput {
  return {
    patientId,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["C34.11"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: START,
    orderingProviderId: setup.providers.oncologistA,
    locationId: setup.locations.office,
    weightKg: "67.3",
    notes: null,
  };
}

async function signedOrder(patientId: string) {
  const o = await biller.orders.create(orderInput(patientId));
  await biller.orders.sign({ orderId: o.id });
  return o.id;
}

async function auditOf(id: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(asc(auditEvents.seq));
}

function edit(d: { request: { id: string; revision: number; requestedLines: TUpdateRequestInput["requestedLines"]; startDate: string; endDate: string } }, over: Partial<TUpdateRequestInput> = {}): TUpdateRequestInput {
  return {
    id: d.request.id,
    revision: d.request.revision,
    requestedLines: d.request.requestedLines,
    startDate: d.request.startDate,
    endDate: d.request.endDate,
    clinical: { stage: "IIIA", biomarkers: [{ name: "PD-L1", result: "TPS 60% (22C3)" }], priorTherapies: "Concurrent cisplatin/etoposide with 60 Gy radiation, completed 2026-08-20, no progression.", ecog: "1", intent: "consolidation", notes: null },
    channel: "portal",
    payerReference: null,
    payerContact: "Provider services 800-555-0142",
    notes: null,
    ...over,
  };
}

let commercialPatient: string;
let medicarePatient: string;
let ruleId: string;

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  const clock = () => NOW;
  biller = callerFor(h.db, w.as.biller.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await h.db.transaction((tx) => seedPracticeSetup(tx, { practiceId: w.practice.id, otherPracticeId: w.other.id, now: NOW }));
  await h.db.transaction((tx) => seedFeeSchedule(tx, w.practice.id, NOW));
  commercialPatient = await makePatient(setup.payers.commercial, "Lindqvist");
  medicarePatient = await makePatient(setup.payers.medicare, "Okafor");
  const { makeSession, makeUser } = await import("../factories");
  const second = await makeUser(h.db, w.practice.id, "pa_coordinator", { name: "Second Coordinator" });
  pa2 = callerFor(h.db, await makeSession(h.db, second), clock);
}, 240_000);
afterAll(() => h?.close());

describe("priorAuths.saveRule / rules", () => {
  it("an admin keeps a payer's rule; billers read it but cannot change it; bad input names the field", async () => {
    const r = await admin.priorAuths.saveRule({ payerId: setup.payers.commercial, hcpcs: "j9173", indicationId: null, requestKind: "any", required: true, maxDays: 180, maxUnits: null, maxDoses: null, leadTimeDays: 14, turnaroundDays: 15, effectiveDate: "2026-01-01", endDate: null, note: null, isActive: true });
    ruleId = r.id;
    expect(r).toMatchObject({ hcpcs: "J9173", maxDays: 180, required: true });
    expect((await biller.priorAuths.rules()).map((x) => x.payerName)).toEqual(["Northwoods Health PPO"]);
    await expect(biller.priorAuths.saveRule({ payerId: setup.payers.commercial, hcpcs: "J9173", indicationId: null, requestKind: "any", required: false, maxDays: null, maxUnits: null, maxDoses: null, leadTimeDays: 14, turnaroundDays: 15, effectiveDate: "2026-01-01", endDate: null, note: null, isActive: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bad = await admin.priorAuths.saveRule({ payerId: setup.payers.commercial, hcpcs: "J9173", indicationId: null, requestKind: "any", required: true, maxDays: 0, maxUnits: null, maxDoses: null, leadTimeDays: 14, turnaroundDays: 15, effectiveDate: "2026-06-01", endDate: "2026-01-01", note: null, isActive: true }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    const fe = formatError(bad, "r").data.zodError?.fieldErrors;
    expect(fe?.endDate?.[0]).toBe("The end date is before the effective date.");
    expect(fe?.maxDays?.[0]).toBe("The maximum length is at least 1 day.");
    await expect(other.priorAuths.saveRule({ payerId: setup.payers.commercial, hcpcs: "J9173", indicationId: null, requestKind: "any", required: true, maxDays: null, maxUnits: null, maxDoses: null, leadTimeDays: 14, turnaroundDays: 15, effectiveDate: "2026-01-01", endDate: null, note: null, isActive: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const rows = await auditOf(r.id);
    expect(rows.map((x) => x.action)).toEqual(["prior_auth_rule.created"]);
  });
});

let requestId: string;
let orderId: string;

describe("priorAuths.openForOrder", () => {
  it("opens one request per order and coverage from the payer's rule, never a second, and records the evaluation", async () => {
    orderId = await signedOrder(commercialPatient);
    await expect(biller.priorAuths.openForOrder({ orderId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.priorAuths.openForOrder({ orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [a, b] = await Promise.allSettled([pa.priorAuths.openForOrder({ orderId }), pa2.priorAuths.openForOrder({ orderId })]);
    const ok = [a, b].filter((x) => x.status === "fulfilled").map((x) => (x as PromiseFulfilledResult<{ id: string | null; created: boolean }>).value);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    requestId = ok[0]!.id!;
    const again = await pa.priorAuths.openForOrder({ orderId });
    expect(again).toMatchObject({ id: requestId, created: false });
    const rows = await h.db.select().from(priorAuthRequests).where(eq(priorAuthRequests.orderId, orderId));
    expect(rows).toHaveLength(1);
    // Signing the order already judged it and opened the request; asking again finds it.
    expect(rows[0]!.trigger).toBe("order_signed");
    // 180 days from the first dose: 13 infusions of 72 units.
    expect(rows[0]).toMatchObject({ status: "needed", kind: "initial", startDate: START, endDate: "2027-03-12", ruleId, requestedLines: [{ hcpcs: "J9173", units: 936, doses: 13 }] });
    const [ev] = await h.db.select().from(priorAuthEvaluations).where(eq(priorAuthEvaluations.orderId, orderId));
    expect(ev).toMatchObject({ required: true, ruleId, requestId, hcpcs: "J9173" });
    expect(ev!.reason).toContain("Northwoods Health PPO rule: J9173 requires authorization for every indication (at most 180 days per authorization)");
    expect((await auditOf(requestId)).map((x) => x.action)).toEqual(["prior_auth.opened"]);
  });
  it("records 'not required' with the payer setting and opens nothing for a payer that does not require it", async () => {
    const oid = await signedOrder(medicarePatient);
    const r = await pa.priorAuths.openForOrder({ orderId: oid });
    expect(r).toMatchObject({ id: null, created: false });
    expect(r.reasons[0]).toContain("Medicare Part B — WPS does not require prior authorization (payer setting)");
    const [ev] = await h.db.select().from(priorAuthEvaluations).where(eq(priorAuthEvaluations.orderId, oid));
    expect(ev).toMatchObject({ required: false, ruleId: null, requestId: null });
  });
  it("rejects a malformed order id with the field named", async () => {
    const err = await pa.priorAuths.openForOrder({ orderId: "nope" }).catch((e) => e);
    expect(formatError(err, "r").data.zodError?.fieldErrors.orderId?.[0]).toBe("Not a valid order id.");
  });
});

describe("priorAuths.list / counts / get", () => {
  it("every reading role sees the queue; another practice sees nothing", async () => {
    for (const c of [pa, biller, manager, admin]) {
      const page = await c.priorAuths.list({});
      expect(page.items.map((i) => i.id)).toContain(requestId);
      const row = page.items.find((i) => i.id === requestId)!;
      expect(row).toMatchObject({ status: "needed", payerName: "Northwoods Health PPO", requested: "J9173 × 936 (13 doses)", nextInfusion: START, dueDate: "2026-08-30" });
      expect(row.flags).toEqual([]);
    }
    expect((await other.priorAuths.list({})).total).toBe(0);
    expect((await pa.priorAuths.list({ view: "decided" })).total).toBe(0);
    expect(await pa.priorAuths.counts()).toMatchObject({ toStart: 1, awaiting: 0, overdue: 1 });
    const bad = await pa.priorAuths.list({ status: "lost" as never }).catch((e) => e);
    expect(formatError(bad, "r").data.zodError?.fieldErrors.status?.[0]).toBe("Unknown request status.");
  });
  it("shows the request with what each role may do; another practice gets not found", async () => {
    const d = await pa.priorAuths.get({ id: requestId });
    expect(d).toMatchObject({ statusLabel: "Needed", payer: { name: "Northwoods Health PPO", memberId: "NWH884213" }, nextInfusion: START });
    expect(d.actions.events).toEqual(expect.arrayContaining(["start_draft", "submit", "withdraw"]));
    expect((await biller.priorAuths.get({ id: requestId })).actions).toEqual({ edit: false, attach: false, events: [] });
    await expect(other.priorAuths.get({ id: requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("working the request: draft, submit, information, decision", () => {
  it("saves the clinical summary (starting the draft), refuses bad dates and stale revisions, and audits before/after", async () => {
    const d = await pa.priorAuths.get({ id: requestId });
    await expect(manager.priorAuths.update(edit(d))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bad = await pa.priorAuths.update(edit(d, { endDate: "2026-01-01" })).catch((e) => e);
    expect(formatError(bad, "r").data.zodError?.fieldErrors.endDate?.[0]).toBe("The end date is before the start date.");
    const r = await pa.priorAuths.update(edit(d));
    expect(r).toMatchObject({ status: "drafting", revision: 2 });
    await expect(pa.priorAuths.update(edit(d))).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await pa.priorAuths.get({ id: requestId });
    expect(after.request.clinical).toMatchObject({ stage: "IIIA", ecog: "1", biomarkers: [{ name: "PD-L1", result: "TPS 60% (22C3)" }] });
    const rows = await auditOf(requestId);
    expect(rows.map((x) => x.action)).toEqual(["prior_auth.opened", "prior_auth.start_draft", "prior_auth.updated"]);
    expect(rows.at(-1)).toMatchObject({ actorUserId: w.as.pa_coordinator.user.id, before: expect.objectContaining({ channel: null }), after: expect.objectContaining({ channel: "portal" }) });
  });
  it("submits, records the payer's request for information with its due date, and the information sent", async () => {
    const s = await pa.priorAuths.transition({ id: requestId, revision: 2, event: "submit", payerReference: "NWH-CASE-55120" });
    expect(s).toMatchObject({ status: "submitted", revision: 3 });
    const noDate = await pa.priorAuths.transition({ id: requestId, revision: 3, event: "request_info", infoRequested: "Pathology report" }).catch((e) => e);
    expect(noDate).toMatchObject({ code: "BAD_REQUEST" });
    expect(formatError(noDate, "r").data.field).toBe("infoDueDate");
    const i = await pa.priorAuths.transition({ id: requestId, revision: 3, event: "request_info", infoRequested: "Pathology report and PD-L1 result", infoDueDate: "2026-09-02" });
    expect(i).toMatchObject({ status: "pending_info" });
    const row = (await pa.priorAuths.list({})).items.find((x) => x.id === requestId)!;
    expect(row.flags).toContain("Information due tomorrow");
    expect(row.dueDate).toBe("2026-09-02");
    const back = await pa.priorAuths.transition({ id: requestId, revision: 4, event: "provide_info", note: "Faxed pathology and PD-L1 report" });
    expect(back).toMatchObject({ status: "submitted", revision: 5 });
    expect((await auditOf(requestId)).at(-1)).toMatchObject({ before: { status: "pending_info" }, after: expect.objectContaining({ status: "submitted", note: "Faxed pathology and PD-L1 report" }) });
  });
  it("refuses illegal transitions: expiring what is not approved, a decision through the step endpoint", async () => {
    await expect(pa.priorAuths.transition({ id: requestId, revision: 5, event: "expire" })).rejects.toMatchObject({ code: "CONFLICT" });
    const e = await pa.priorAuths.transition({ id: requestId, revision: 5, event: "approve" as never }).catch((x) => x);
    expect(formatError(e, "r").data.zodError?.fieldErrors.event?.[0]).toBe("Unknown step (decisions are recorded with the decision form).");
    expect((await pa.priorAuths.get({ id: requestId })).request).toMatchObject({ status: "submitted", revision: 5 });
  });

  const partial = (over: Partial<TDecisionInput> = {}): TDecisionInput => ({
    id: requestId,
    revision: 5,
    outcome: "approve_partially",
    decidedOn: "2026-09-01",
    authorizationNumber: "NWH-A-7781",
    startDate: START,
    endDate: "2026-12-31",
    lines: [{ hcpcs: "J9173", units: 432, doses: 6 }],
    denialReason: null,
    exceedsRequestConfirmed: false,
    replaceOverlapping: false,
    payerReference: null,
    note: null,
    ...over,
  });

  it("checks the decision at the boundary: units above the request, a full approval with fewer units, missing number", async () => {
    await expect(biller.priorAuths.decide(partial())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const noNumber = await pa.priorAuths.decide(partial({ authorizationNumber: null })).catch((e) => e);
    expect(formatError(noNumber, "r").data.zodError?.fieldErrors.authorizationNumber?.[0]).toBe("Enter the authorization number the payer gave.");
    const more = await pa.priorAuths.decide(partial({ lines: [{ hcpcs: "J9173", units: 1000, doses: 14 }] })).catch((e) => e);
    expect(more.message).toBe("1000 units of J9173 approved is more than the 936 requested: check the letter, or confirm that the payer approved more.");
    const full = await pa.priorAuths.decide(partial({ outcome: "approve" })).catch((e) => e);
    expect(full.message).toContain("record it as a partial approval");
    const other9 = await pa.priorAuths.decide(partial({ lines: [{ hcpcs: "J9999", units: 10, doses: 1 }] })).catch((e) => e);
    expect(formatError(other9, "r").data.field).toBe("lines.0.hcpcs");
    expect(await h.db.select().from(authorizations).where(eq(authorizations.requestId, requestId))).toHaveLength(0);
  });

  it("two coordinators deciding at once: one wins, the other gets a conflict; the authorization and its ledger follow", async () => {
    const [a, b] = await Promise.allSettled([pa.priorAuths.decide(partial()), pa2.priorAuths.decide(partial({ outcome: "deny", authorizationNumber: null, lines: [], denialReason: "Not medically necessary" }))]);
    const outcomes = [a, b].map((x) => x.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = [a, b].find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("CONFLICT");
    const winner = [a, b].find((x) => x.status === "fulfilled") as PromiseFulfilledResult<{ status: string }>;
    const d = await pa.priorAuths.get({ id: requestId });
    expect(d.decisions).toHaveLength(1);
    expect(d.request.status).toBe(winner.value.status);
    if (winner.value.status === "partially_approved") {
      expect(d.ledgers).toHaveLength(1);
      expect(d.ledgers[0]!.ledger).toMatchObject({ approvedUnits: 432, usedUnits: 0, scheduledUnits: 576, remainingUnits: -144, runsOutBy: "units", coveredThrough: "2026-12-06" });
      expect(d.alerts.map((x) => x.kind)).toEqual(expect.arrayContaining(["runs_out_before_next_dose"]));
    } else {
      // The denial won: appeal it and record the partial approval on appeal, as a coordinator would.
      await pa.priorAuths.transition({ id: requestId, revision: 6, event: "submit_appeal", note: "Letter of medical necessity" });
      await pa.priorAuths.decide(partial({ revision: 7 }));
    }
    const last = (await auditOf(requestId)).filter((x) => x.action === "prior_auth.approve_partially").at(-1)!;
    expect(last).toMatchObject({ before: expect.objectContaining({ status: expect.any(String) }), after: expect.objectContaining({ status: "partially_approved", authorizationNumber: "NWH-A-7781" }) });
  });

  it("the order's ledger and the patient's history show the authorization to every reader; another practice gets not found", async () => {
    const o = await biller.priorAuths.forOrder({ orderId });
    expect(o.ledgers[0]!.authorization).toMatchObject({ authorizationNumber: "NWH-A-7781", approvedUnits: 432, startDate: START, endDate: "2026-12-31" });
    expect(o.evaluations[0]).toMatchObject({ required: true, hcpcs: "J9173" });
    const p = await manager.priorAuths.forPatient({ patientId: commercialPatient });
    expect(p.requests[0]).toMatchObject({ id: requestId, status: "partially_approved" });
    await expect(other.priorAuths.forOrder({ orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.priorAuths.forPatient({ patientId: commercialPatient })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a renewal for the infusions the partial approval does not cover is opened once, and may not overlap without saying it replaces", async () => {
    const opened = await pa.priorAuths.openForOrder({ orderId });
    expect(opened.created).toBe(true);
    const r = { id: opened.id! };
    const [row] = await h.db.select().from(priorAuthRequests).where(eq(priorAuthRequests.id, r.id));
    expect(row).toMatchObject({ kind: "renewal", startDate: "2026-12-07", status: "needed" });
    expect((await pa.priorAuths.openForOrder({ orderId })).id).toBe(r.id);
    await pa.priorAuths.transition({ id: r.id, revision: 1, event: "submit" }).catch((e) => expect(e.message).toContain("portal, fax, phone or electronic"));
    const d = await pa.priorAuths.get({ id: r.id });
    await pa.priorAuths.update(edit(d, { channel: "fax" }));
    await pa.priorAuths.transition({ id: r.id, revision: 2, event: "submit" });
    const decision: TDecisionInput = { ...partial(), id: r.id, revision: 3, outcome: "approve", authorizationNumber: "NWH-A-9902", startDate: "2026-12-07", endDate: "2027-06-04", lines: [{ hcpcs: "J9173", units: row!.requestedLines[0]!.units, doses: row!.requestedLines[0]!.doses }] };
    const clash = await pa.priorAuths.decide(decision).catch((e) => e);
    expect(clash.message).toBe("Authorization NWH-A-7781 (J9173) already covers 09/14/2026 to 12/31/2026, overlapping these dates: say that this one replaces it, or correct the dates.");
    const ok = await pa.priorAuths.decide({ ...decision, replaceOverlapping: true });
    expect(ok.status).toBe("approved");
    // the decision keeps the submission it answers: the dashboard's turnaround clock
    const [sent] = await h.db.select({ at: priorAuthRequests.submittedAt }).from(priorAuthRequests).where(eq(priorAuthRequests.id, r.id));
    const [dec] = await h.db.select({ at: priorAuthDecisions.submittedAt }).from(priorAuthDecisions).where(eq(priorAuthDecisions.requestId, r.id));
    expect(sent!.at).not.toBeNull();
    expect(dec!.at).toEqual(sent!.at);
    const live = await h.db.select().from(authorizations).where(and(eq(authorizations.orderId, orderId)));
    expect(live.find((a) => a.authorizationNumber === "NWH-A-7781")?.voidReason).toBe("Replaced by NWH-A-9902");
  });
});

describe("priorAuths.assign", () => {
  it("assigns in bulk to a coordinator, refuses a biller as assignee and a stale revision", async () => {
    const page = await pa.priorAuths.list({ view: "all" });
    const items = page.items.map((i) => ({ id: i.id, revision: i.revision }));
    await expect(biller.priorAuths.assign({ items, assigneeUserId: w.as.biller.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const wrongRole = await pa.priorAuths.assign({ items, assigneeUserId: w.as.biller.user.id }).catch((e) => e);
    expect(wrongRole.message).toBe("That user's role cannot work prior authorizations.");
    const done = await pa.priorAuths.assign({ items, assigneeUserId: w.as.pa_coordinator.user.id });
    expect(done).toHaveLength(items.length);
    expect((await pa.priorAuths.list({ view: "all", assignee: "me" })).total).toBe(items.length);
    await expect(pa.priorAuths.assign({ items, assigneeUserId: null })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await auditOf(items[0]!.id)).at(-1)).toMatchObject({ action: "prior_auth.assigned", after: { assigneeUserId: w.as.pa_coordinator.user.id } });
  });
});

describe("priorAuths.addAttachment", () => {
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  it("keeps a PDF checked by its bytes, refuses HTML named .pdf, and lets only coordinators attach", async () => {
    const a = await pa.priorAuths.addAttachment({ requestId, fileName: "../../pathology report.pdf", contentBase64: pdf.toString("base64"), description: "Pathology" });
    expect(a).toMatchObject({ fileName: "pathology report.pdf", contentType: "application/pdf", sizeBytes: pdf.length });
    const html = await pa.priorAuths.addAttachment({ requestId, fileName: "letter.pdf", contentBase64: Buffer.from("<html><script>alert(1)</script></html>").toString("base64"), description: null }).catch((e) => e);
    expect(html.message).toBe("Only PDF, PNG, JPEG or TIFF files can be attached (checked by the file's content, not its name).");
    await expect(manager.priorAuths.addAttachment({ requestId, fileName: "x.pdf", contentBase64: pdf.toString("base64"), description: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.priorAuths.addAttachment({ requestId, fileName: "x.pdf", contentBase64: pdf.toString("base64"), description: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const notB64 = await pa.priorAuths.addAttachment({ requestId, fileName: "x.pdf", contentBase64: "%%%", description: null }).catch((e) => e);
    expect(formatError(notB64, "r").data.zodError?.fieldErrors.contentBase64?.[0]).toBe("The file did not arrive intact (not base64).");
    const d = await pa.priorAuths.get({ id: requestId });
    expect(d.attachments.map((x) => x.fileName)).toEqual(["pathology report.pdf"]);
    expect((await auditOf(requestId)).at(-1)).toMatchObject({ action: "prior_auth.attachment_added", after: expect.objectContaining({ contentType: "application/pdf" }) });
  });
});
