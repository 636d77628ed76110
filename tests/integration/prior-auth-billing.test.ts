import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { administrations, claims, payers } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { TCreateOrderInput } from "@/server/api/routers/orders/schemas";
import { openRetroAuthRequest } from "@/server/services/prior-auths";
import { getPreparedReference } from "@/server/services/reference-data";
import { callerFor, makeWorld } from "../factories";
import { makeCoveredPatient, setUpClaimsPractice } from "../factories/claims";
import { exampleDocumentation } from "../factories/documentation";
import { createTestDb } from "../helpers/test-db";

/**
 * The ledger feeding the documentation checklist, the claim preview and the claim: 673 mg from
 * 6 × 120 mg vials (47 mg discarded) bills 72 units of J9173 per infusion (68 administered + 4 JW).
 * An authorization of 144 units covers two infusions; the third is refused.
 */
const NOW = new Date("2026-10-20T15:00:00Z");
const START = "2026-09-14";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let pa: Caller;
let admin: Caller;

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

async function orderWithInfusions(lastName: string) {
  const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.commercial, { lastName });
  const o = await biller.orders.create(orderInput(p.patientId));
  await biller.orders.sign({ orderId: o.id });
  const rows = await h.db.select().from(administrations).where(eq(administrations.orderId, o.id)).orderBy(asc(administrations.sequence));
  return { orderId: o.id, patientId: p.patientId, admins: rows.map((r) => ({ id: r.id, date: r.plannedDate })) };
}

async function document(administrationId: string, date: string) {
  const rev = (await biller.administrations.get({ administrationId })).revision;
  return biller.administrations.saveDocumentation({ administrationId, baseRevision: rev, markDocumented: true, ...exampleDocumentation(date, { mgDiscarded: "47", vials: [{ ndc: "00310-4500-12", lotNumber: "LOT120B", expiryDate: "2027-03-31", count: 6 }] }) });
}

async function authorize(orderId: string, units: number, endDate: string, number: string) {
  const opened = await pa.priorAuths.openForOrder({ orderId });
  const d = await pa.priorAuths.get({ id: opened.id! });
  const u = await pa.priorAuths.update({
    id: d.request.id,
    revision: d.request.revision,
    requestedLines: d.request.requestedLines,
    startDate: d.request.startDate,
    endDate: d.request.endDate,
    clinical: { stage: "IIIA", biomarkers: [], priorTherapies: null, ecog: "1", intent: "consolidation", notes: null },
    channel: "fax",
    payerReference: null,
    payerContact: null,
    notes: null,
  });
  const s = await pa.priorAuths.transition({ id: u.id, revision: u.revision, event: "submit" });
  return pa.priorAuths.decide({
    id: s.id,
    revision: s.revision,
    outcome: "approve_partially",
    decidedOn: "2026-10-20",
    authorizationNumber: number,
    startDate: START,
    endDate,
    lines: [{ hcpcs: "J9173", units, doses: null }],
    denialReason: null,
    exceedsRequestConfirmed: false,
    replaceOverlapping: false,
    payerReference: null,
    note: null,
  });
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  const clock = () => NOW;
  biller = callerFor(h.db, w.as.biller.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, admin, NOW);
  await h.db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, setup.payers.commercial));
}, 240_000);
afterAll(() => h?.close());

describe("the authorization ledger in documentation and claims", () => {
  it("with no authorization on file the infusion shows the engine's missing-authorization error and cannot be ready for billing", async () => {
    const o = await orderWithInfusions("Noauth");
    await document(o.admins[0]!.id, o.admins[0]!.date);
    const d = await biller.administrations.get({ administrationId: o.admins[0]!.id });
    expect(d.findings.find((f) => f.rule === "R-AUTH")?.message).toBe("The payer requires prior authorization for J9173 and none is on file (CO-197).");
    await expect(biller.administrations.markReady({ administrationId: o.admins[0]!.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("covered infusions carry the authorization number to the preview and the claim; the one beyond the approved units is refused with the numbers", async () => {
    const o = await orderWithInfusions("Covered");
    await authorize(o.orderId, 144, "2026-12-31", "NWH-A-3141");
    for (const a of o.admins.slice(0, 3)) await document(a.id, a.date);

    const first = await biller.administrations.get({ administrationId: o.admins[0]!.id });
    expect(first.preview?.priorAuthNumber).toBe("NWH-A-3141");
    // The preview's authorization line: approved, used by earlier infusions, this claim, what is left.
    expect(first.authorizations).toEqual([{ number: "NWH-A-3141", hcpcs: "J9173", startDate: expect.any(String), endDate: expect.any(String), approvedUnits: 144, usedBefore: 0, thisInfusion: 72, remainingAfter: 72, withinDates: true }]);
    expect(first.findings.filter((f) => f.rule === "R-AUTH")).toEqual([]);
    const second = await biller.administrations.get({ administrationId: o.admins[1]!.id });
    expect(second.findings.filter((f) => f.rule === "R-AUTH")).toEqual([]);
    await biller.administrations.markReady({ administrationId: o.admins[0]!.id });

    const third = await biller.administrations.get({ administrationId: o.admins[2]!.id });
    expect(third.authorizations[0]).toMatchObject({ usedBefore: 144, thisInfusion: 72, remainingAfter: -72 });
    const auth = third.findings.find((f) => f.rule === "R-AUTH");
    expect(auth).toMatchObject({ severity: "error", message: "The claim bills 72 units of J9173, but authorization NWH-A-3141 has 0 left (144 approved, 144 used) (CO-198)." });
    const refused = await biller.administrations.markReady({ administrationId: o.admins[2]!.id }).catch((e) => e);
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe("Not ready for billing: 1 error to fix: prior authorization (The claim bills 72 units of J9173, but authorization NWH-A-3141 has 0 left (144 approved, 144 used) (CO-198)).");

    const ledger = (await pa.priorAuths.forOrder({ orderId: o.orderId })).ledgers[0]!.ledger;
    expect(ledger).toMatchObject({ approvedUnits: 144, usedUnits: 216, shortUnits: expect.any(Number), runsOutBy: "units" });
    expect(ledger.usedUnits + ledger.scheduledUnits + ledger.remainingUnits).toBe(144);
    expect(ledger.firstUncovered).toMatchObject({ administrationId: o.admins[2]!.id, kind: "used", availableBefore: 0, shortBy: 72 });

    const built = await biller.claims.build({ administrationIds: [o.admins[0]!.id] });
    const [claim] = await h.db.select().from(claims).where(eq(claims.id, built.id));
    expect(claim!.priorAuthNumber).toBe("NWH-A-3141");
  });

  it("an infusion after the authorization's end date gets the engine's outside-the-dates error", async () => {
    const o = await orderWithInfusions("Expired");
    await authorize(o.orderId, 1000, "2026-09-20", "NWH-A-2718");
    await document(o.admins[1]!.id, o.admins[1]!.date);
    const d = await biller.administrations.get({ administrationId: o.admins[1]!.id });
    expect(d.findings.find((f) => f.rule === "R-AUTH")?.message).toBe("Prior authorization NWH-A-2718 (J9173) is valid 09/14/2026 to 09/20/2026; the date of service 09/28/2026 is after it expired (CO-197).");
  });

  it("a denied claim opens a retro-authorization request for the units it billed, once", async () => {
    // Signed while the payer was set up as not requiring authorization: no request was opened then.
    await h.db.update(payers).set({ priorAuthRequired: false }).where(eq(payers.id, setup.payers.commercial));
    const o = await orderWithInfusions("Retro");
    await document(o.admins[0]!.id, o.admins[0]!.date);
    await biller.administrations.markReady({ administrationId: o.admins[0]!.id });
    const built = await biller.claims.build({ administrationIds: [o.admins[0]!.id] });
    await h.db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, setup.payers.commercial));
    const ref = await getPreparedReference(h.db);
    const actor = { userId: w.as.pa_coordinator.user.id, practiceId: w.practice.id, role: "pa_coordinator" as const, requestId: "t" };
    const r = await h.db.transaction((tx) => openRetroAuthRequest(tx, actor, ref, { claimId: built.id, note: "CO-197 on the 835" }, NOW));
    expect(r.created).toBe(true);
    const d = await pa.priorAuths.get({ id: r.id });
    expect(d.request).toMatchObject({ status: "needed", startDate: START, endDate: START, requestedLines: [{ hcpcs: "J9173", units: 72, doses: 1 }] });
    expect(d.request.notes).toContain("Retro-authorization for claim");
    const again = await h.db.transaction((tx) => openRetroAuthRequest(tx, actor, ref, { claimId: built.id, note: null }, NOW));
    expect(again).toMatchObject({ id: r.id, created: false });
    const otherActor = { ...actor, practiceId: w.other.id };
    await expect(h.db.transaction((tx) => openRetroAuthRequest(tx, otherActor, ref, { claimId: built.id, note: null }, NOW))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
