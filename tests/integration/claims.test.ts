import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimAdministrations, claimLines, claims, coverages, locations, phiAccessLog } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import { closeClaim, recordAdjudication } from "@/server/services/claims";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_DOS, CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice, TEST_SUBMISSION_SETTINGS } from "../factories/claims";
import { arHistoryMismatches } from "../helpers/kpi-consistency";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let admin: Caller;
let manager: Caller;
let pa: Caller;
let other: Caller;

const lineText = (l: { code: string; modifiers: string[]; units: number }) => `${[l.code, ...l.modifiers].join("-")} ×${l.units}`;

async function auditFor(entityId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(asc(auditEvents.seq));
}
async function statusOf(id: string) {
  const [c] = await h.db.select({ status: claims.status }).from(claims).where(eq(claims.id, id));
  return c!.status;
}

/** A ready infusion of a new patient with the given primary payer, and the claim built from it. */
async function draftClaim(payer: keyof PracticeSetupIds["payers"] = "medicare", opts: Parameters<typeof makeReadyInfusion>[4] = {}) {
  const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers[payer], { secondaryPayerId: setup.payers.commercial });
  const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId, opts);
  const built = await biller.claims.build({ administrationIds: [inf.administrationId] });
  return { ...p, ...inf, claimId: built.id, claimNumber: built.claimNumber };
}

/** A claim made ready and sent on paper: submitted. */
async function submittedClaim() {
  const c = await draftClaim();
  const r = await biller.claims.markReady({ claimId: c.claimId });
  expect(r.blockers).toEqual([]);
  await biller.claims.submitOnPaper({ claimId: c.claimId });
  return c;
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  const clock = () => CLAIM_NOW;
  biller = callerFor(h.db, w.as.biller.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, admin);
});
afterAll(() => h?.close());

describe("claims.build", () => {
  it("builds a draft claim from a ready infusion: engine lines, charges, diagnoses, the documentation's overrides and the reference versions, audited", async () => {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare);
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    const built = await biller.claims.build({ administrationIds: [inf.administrationId] });
    expect(built).toMatchObject({ status: "draft", claimNumber: expect.stringMatching(/^C\d{7}$/) });
    const d = await biller.claims.get({ claimId: built.id });
    // The claim holds exactly what the engine made of the documentation (the infusion's preview).
    const preview = (await biller.administrations.get({ administrationId: inf.administrationId })).preview!;
    expect(d.lines.map(lineText)).toEqual(preview.lines.map(lineText));
    expect(d.lines.map(lineText).slice(0, 1)).toEqual(["J9173 ×68"]);
    expect(d.lines.some((l) => l.code === "J9173" && l.modifiers.includes("JW"))).toBe(true);
    expect(d.lines.map((l) => l.chargeCents)).toEqual(preview.lines.map((l) => l.chargeCents));
    expect(d.claim.totalChargeCents).toBe(preview.totalChargeCents);
    expect(d.claim.totalChargeCents).toBe(d.lines.reduce((t, l) => t + l.chargeCents, 0));
    expect(d.claim).toMatchObject({ claimType: "professional", frequency: "original", placeOfService: "11", dateOfService: CLAIM_DOS, revision: 1 });
    expect(d.claim.diagnoses).toEqual([{ code: "C34.11", description: expect.any(String) }]);
    expect(Object.keys(d.claim.referenceVersions)).toEqual(expect.arrayContaining(["drugs", "ndcPackages", "icd10Codes"]));
    // The vial-choice warning acknowledged on the infusion comes over as an override with its reason.
    const vial = d.findings.find((f) => f.rule === "R-VIAL")!;
    expect(vial).toMatchObject({ severity: "warning", overridden: true });
    expect(d.overrides).toEqual([expect.objectContaining({ rule: "R-VIAL", source: "documentation", reason: "Reviewed with pharmacy before billing" })]);
    expect(d.blockers).toEqual([]);
    expect(d.administrations).toEqual([expect.objectContaining({ id: inf.administrationId, active: true })]);
    expect(d.actions).toMatchObject({ edit: true, markReady: true, cancel: true, submitOnPaper: false, replace: false, void: false });
    const a = (await auditFor(built.id)).find((x) => x.action === "claim.built")!;
    expect(a).toMatchObject({ actorUserId: w.as.biller.user.id, before: null });
    expect(a.after).toMatchObject({ status: "draft", totalChargeCents: preview.totalChargeCents });
    expect((a.after as { lines: string[] }).lines[0]).toBe("J9173 ×68 $10200.00");
    expect((await auditFor(inf.administrationId)).map((x) => x.action)).toContain("administration.claim_built");
  });

  it("refuses a second live claim for the same infusion and coverage, but allows the secondary coverage; numbers are unique and increasing", async () => {
    const c = await draftClaim();
    const again = await biller.claims.build({ administrationIds: [c.administrationId] }).catch((e) => e);
    expect(again).toMatchObject({ code: "CONFLICT" });
    expect(again.message).toContain(c.claimNumber);
    const secondary = await biller.claims.build({ administrationIds: [c.administrationId], coverageId: c.secondaryCoverageId! });
    expect(secondary.claimNumber > c.claimNumber).toBe(true);
    const d = await biller.claims.get({ claimId: secondary.id });
    expect(d.payer).toMatchObject({ name: "Northwoods Health PPO", responsibility: "secondary" });
    // NDC in mL for the commercial payer
    expect(d.lines[0]!.ndc).toMatchObject({ unit: "ML" });
  });

  it("refuses infusions that are not ready, of another practice, or malformed ids, naming the field", async () => {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare);
    const o = await biller.orders.create({
      patientId: p.patientId,
      indicationId: "nsclc-stage3-consolidation",
      diagnoses: ["C34.11"],
      phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
      durationMonths: 12,
      combination: null,
      startDate: CLAIM_DOS,
      orderingProviderId: setup.providers.oncologistA,
      locationId: setup.locations.office,
      weightKg: "67.3",
      notes: null,
    });
    await biller.orders.sign({ orderId: o.id });
    const detail = await biller.orders.get({ orderId: o.id });
    const scheduled = detail.administrations[0]!.id;
    await expect(biller.claims.build({ administrationIds: [scheduled] })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not ready for billing") });
    const c = await draftClaim();
    await expect(other.claims.build({ administrationIds: [c.administrationId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bad = await biller.claims.build({ administrationIds: ["nope"] }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(formatError(bad, null).data.field).toBe("administrationIds.0");
    await expect(biller.claims.build({ administrationIds: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is forbidden to managers and PA coordinators and needs a session", async () => {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare);
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    for (const c of [manager, pa]) await expect(c.claims.build({ administrationIds: [inf.administrationId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.anonymous.claims.build({ administrationIds: [inf.administrationId] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const [n] = await h.db.select().from(claimAdministrations).where(eq(claimAdministrations.administrationId, inf.administrationId));
    expect(n).toBeUndefined();
    await expect(admin.claims.build({ administrationIds: [inf.administrationId] })).resolves.toMatchObject({ status: "draft" });
  });

  it("lets only one of two concurrent builds of the same infusion win", async () => {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare);
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    const results = await Promise.allSettled([biller.claims.build({ administrationIds: [inf.administrationId] }), admin.claims.build({ administrationIds: [inf.administrationId] })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    const live = await h.db.select().from(claimAdministrations).where(and(eq(claimAdministrations.administrationId, inf.administrationId), eq(claimAdministrations.active, true)));
    expect(live).toHaveLength(1);
  });

  it("bills a hospital outpatient infusion on an 837I (type of bill 0131) with the facility as billing provider", async () => {
    await h.db.update(locations).set({ zip: "537051234" }).where(eq(locations.id, setup.locations.hospitalOutpatient));
    const c = await draftClaim("commercial", { location: "hospitalOutpatient" });
    const d = await biller.claims.get({ claimId: c.claimId });
    expect(d.claim).toMatchObject({ claimType: "institutional", typeOfBill: "0131", placeOfService: null });
    expect(d.billingProvider).toMatchObject({ name: "St. Olaf Hospital Outpatient Infusion", npi: "1617283944" });
    expect(d.lines.every((l) => /^\d{4}$/.test(l.revenueCode ?? ""))).toBe(true);
    expect(d.actions.printCms1500).toBe(false);
  });
});

describe("claims.get and claims.list", () => {
  it("shows the claim to every reading role and hides it from another practice; bad ids name the field", async () => {
    const c = await draftClaim();
    for (const r of [biller, admin, manager, pa]) expect((await r.claims.get({ claimId: c.claimId })).claim.claimNumber).toBe(c.claimNumber);
    const ro = await manager.claims.get({ claimId: c.claimId });
    expect(Object.values(ro.actions).filter((x) => x === true)).toEqual([true]); // only printing
    await expect(other.claims.get({ claimId: c.claimId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The claim page is a read of the patient's record: logged for the readers, and the refusal too.
    const log = await h.db.select().from(phiAccessLog).where(eq(phiAccessLog.entityId, c.claimId));
    expect(log.some((l) => l.patientId === c.patientId && l.userId === w.as.manager.user.id)).toBe(true);
    expect(log.some((l) => l.userId === w.otherAdmin.user.id)).toBe(true);
    const bad = await biller.claims.get({ claimId: "x" }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("claimId");
  });

  it("lists with URL filters (status, payer, type, dates, age, amount, search) and counts by status, practice-scoped", async () => {
    const c = await draftClaim("medicaidUn", { doc: {} });
    const all = await manager.claims.list({});
    expect(all.items.some((i) => i.id === c.claimId)).toBe(true);
    expect(all.counts.draft).toBeGreaterThan(0);
    const byPayer = await biller.claims.list({ payer: setup.payers.medicaidUn, status: "draft" });
    expect(byPayer.items.map((i) => i.id)).toContain(c.claimId);
    expect(byPayer.items.every((i) => i.payerName === "Badger State Medicaid" && i.status === "draft")).toBe(true);
    const found = await biller.claims.list({ q: c.claimNumber });
    expect(found.items.map((i) => i.id)).toEqual([c.claimId]);
    expect(found.items[0]).toMatchObject({ ageDays: 1, daysLeftToFile: expect.any(Number), note: expect.any(String), totalChargeCents: expect.any(Number) });
    expect((await biller.claims.list({ from: "2026-09-15" })).items.some((i) => i.id === c.claimId)).toBe(false);
    expect((await biller.claims.list({ age: "31-60" })).total).toBe(0);
    expect((await biller.claims.list({ minCharge: 1_000_000 })).total).toBe(0);
    expect((await biller.claims.list({ type: "institutional" })).items.some((i) => i.id === c.claimId)).toBe(false);
    expect((await other.claims.list({})).total).toBe(0);
    const bad = await biller.claims.list({ from: "2026-09-20", to: "2026-09-01" }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("to");
    await expect(biller.claims.list({ status: "lost" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("claims.update, overrideWarning, markReady, reopen", () => {
  it("re-scrubs every edit, keeps CLM02 = Σ lines, audits before/after and refuses a stale revision", async () => {
    const c = await draftClaim();
    const d = await biller.claims.get({ claimId: c.claimId });
    const lines = d.lines.map((l) => ({ code: l.code, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents, ndc: l.ndc ? { code: l.ndc.code11, unit: l.ndc.unit, quantity: l.ndc.quantity } : null, diagnosisPointers: l.diagnosisPointers, priorAuthNumber: null }));
    // Bill 70 units instead of 68: the engine flags it; the total follows the lines.
    lines[0] = { ...lines[0]!, units: 70, chargeCents: 1_050_000 };
    const r = await biller.claims.update({ claimId: c.claimId, baseRevision: d.claim.revision, lines });
    expect(r.revision).toBe(d.claim.revision + 1);
    const after = await biller.claims.get({ claimId: c.claimId });
    const expected = d.claim.totalChargeCents + 30_000;
    expect(after.claim.totalChargeCents).toBe(expected);
    expect(after.findings.some((f) => f.rule === "R-UNITS" && f.line === 1)).toBe(true);
    const audit = (await auditFor(c.claimId)).find((x) => x.action === "claim.edited")!;
    expect(audit.before).toMatchObject({ totalChargeCents: d.claim.totalChargeCents });
    expect(audit.after).toMatchObject({ totalChargeCents: expected });
    await expect(biller.claims.update({ claimId: c.claimId, baseRevision: d.claim.revision, lines })).rejects.toMatchObject({ code: "CONFLICT" });
    // The database itself refuses a claim whose total disagrees with its lines (checked at commit).
    await expect(h.db.update(claims).set({ totalChargeCents: 1 }).where(eq(claims.id, c.claimId))).rejects.toThrow();
    await expect(h.db.transaction(async (tx) => tx.update(claimLines).set({ chargeCents: 5 }).where(and(eq(claimLines.claimId, c.claimId), eq(claimLines.position, 2))))).rejects.toThrow();
    const rows = await h.db.select({ cents: claimLines.chargeCents }).from(claimLines).where(eq(claimLines.claimId, c.claimId));
    expect(rows.reduce((t, r) => t + r.cents, 0)).toBe(expected);
  });

  it("normalises an NDC entered in 4-4-2, refuses a bad NDC, a J9322 line is an error that blocks", async () => {
    const c = await draftClaim();
    const d = await biller.claims.get({ claimId: c.claimId });
    const base = d.lines.map((l) => ({ code: l.code, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents, ndc: l.ndc ? { code: l.ndc.code11, unit: l.ndc.unit, quantity: l.ndc.quantity } : null, diagnosisPointers: l.diagnosisPointers, priorAuthNumber: null }));
    const bad = await biller.claims.update({ claimId: c.claimId, baseRevision: d.claim.revision, lines: [{ ...base[0]!, ndc: { code: "310-4611-50", unit: "ML", quantity: "13.6" } }, ...base.slice(1)] }).catch((e) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
    expect(formatError(bad, null).data.field).toBe("lines.0.ndc.code");
    await biller.claims.update({ claimId: c.claimId, baseRevision: d.claim.revision, lines: [{ ...base[0]!, code: "J9322" }, ...base.slice(1)] });
    const e = await biller.claims.get({ claimId: c.claimId });
    const wrong = e.findings.find((f) => f.severity === "error" && f.message.includes("J9173"));
    expect(wrong).toBeDefined();
    expect(e.blockers.join(" ")).toMatch(/error/);
    const refused = await biller.claims.markReady({ claimId: c.claimId });
    expect(refused).toMatchObject({ status: "draft" });
    expect(refused.blockers.length).toBeGreaterThan(0);
    // An error is never overridden.
    await expect(biller.claims.overrideWarning({ claimId: c.claimId, rule: wrong!.rule, fingerprint: wrong!.fingerprint, reason: "Payer told us to" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const text = await biller.claims.update({ claimId: c.claimId, baseRevision: e.claim.revision, priorAuthNumber: "AB*12" }).catch((x) => x);
    expect(formatError(text, null).data.field).toBe("priorAuthNumber");
  });

  it("needs an override reason for a warning (kept, shown, reported), then marks ready and reopens; roles and other practice refused", async () => {
    const c = await draftClaim();
    const d = await biller.claims.get({ claimId: c.claimId });
    const lines = d.lines.map((l) => ({ code: l.code, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents, ndc: l.ndc ? { code: l.ndc.code11, unit: l.ndc.unit, quantity: l.ndc.quantity } : null, diagnosisPointers: l.diagnosisPointers, priorAuthNumber: null }));
    // Drop the 96415 line: the record supports it, so the engine warns.
    await biller.claims.update({ claimId: c.claimId, baseRevision: d.claim.revision, lines: lines.slice(0, 3) });
    const e = await biller.claims.get({ claimId: c.claimId });
    const warning = e.findings.find((f) => f.severity === "warning" && !f.overridden)!;
    expect(warning).toBeDefined();
    expect((await biller.claims.markReady({ claimId: c.claimId })).blockers.join(" ")).toMatch(/warning/);
    const short = await biller.claims.overrideWarning({ claimId: c.claimId, rule: warning.rule, fingerprint: warning.fingerprint, reason: "ok" }).catch((x) => x);
    expect(formatError(short, null).data.field).toBe("reason");
    for (const r of [manager, pa]) await expect(r.claims.overrideWarning({ claimId: c.claimId, rule: warning.rule, fingerprint: warning.fingerprint, reason: "Nurse confirmed the stop time" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.claims.overrideWarning({ claimId: c.claimId, rule: warning.rule, fingerprint: warning.fingerprint, reason: "Nurse confirmed the stop time" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await biller.claims.overrideWarning({ claimId: c.claimId, rule: warning.rule, fingerprint: warning.fingerprint, reason: "Nurse confirmed the stop time" });
    await expect(biller.claims.overrideWarning({ claimId: c.claimId, rule: warning.rule, fingerprint: warning.fingerprint, reason: "Nurse confirmed the stop time" })).rejects.toMatchObject({ code: "CONFLICT" });
    const report = await manager.claims.overrides({});
    expect(report.items.find((o) => o.claimId === c.claimId && o.rule === warning.rule)).toMatchObject({ reason: "Nurse confirmed the stop time", userName: "Test biller" });
    const ready = await biller.claims.markReady({ claimId: c.claimId });
    expect(ready).toMatchObject({ status: "ready", blockers: [] });
    expect((await auditFor(c.claimId)).find((x) => x.action === "claim.mark_ready")).toMatchObject({ before: { status: "draft" }, after: expect.objectContaining({ status: "ready" }) });
    // Illegal: ready twice, editing a ready claim.
    await expect(biller.claims.markReady({ claimId: c.claimId })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(biller.claims.update({ claimId: c.claimId, baseRevision: 99, priorAuthNumber: null })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("reopen") });
    await expect(manager.claims.reopen({ claimId: c.claimId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(biller.claims.reopen({ claimId: c.claimId })).resolves.toMatchObject({ status: "draft" });
    await expect(biller.claims.reopen({ claimId: c.claimId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("marks a claim ready only once when two billers race", async () => {
    const c = await draftClaim();
    const r = await Promise.allSettled([biller.claims.markReady({ claimId: c.claimId }), admin.claims.markReady({ claimId: c.claimId })]);
    expect(r.filter((x) => x.status === "fulfilled" && x.value.status === "ready")).toHaveLength(1);
    expect((await auditFor(c.claimId)).filter((x) => x.action === "claim.mark_ready")).toHaveLength(1);
  });

  it("reads the patient's corrected coverage again when refreshed or made ready", async () => {
    const c = await draftClaim();
    await h.db.update(coverages).set({ memberId: "1EG4TE5MK99" }).where(eq(coverages.id, c.coverageId));
    await biller.claims.refresh({ claimId: c.claimId });
    expect((await biller.claims.get({ claimId: c.claimId })).payer.memberId).toBe("1EG4TE5MK99");
  });
});

describe("claims.cancel, submitOnPaper, close and remittance hooks", () => {
  it("cancels a draft with a reason, freeing the infusion for a new claim", async () => {
    const c = await draftClaim();
    const noReason = await biller.claims.cancel({ claimId: c.claimId, reason: "" }).catch((e) => e);
    expect(formatError(noReason, null).data.field).toBe("reason");
    await expect(manager.claims.cancel({ claimId: c.claimId, reason: "Built by mistake" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(biller.claims.cancel({ claimId: c.claimId, reason: "Built by mistake" })).resolves.toMatchObject({ status: "cancelled" });
    await expect(biller.claims.cancel({ claimId: c.claimId, reason: "Built by mistake" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(biller.claims.build({ administrationIds: [c.administrationId] })).resolves.toMatchObject({ status: "draft" });
  });

  it("sends a ready professional claim on paper (who, when, channel), then remittance adjudicates and closes it", async () => {
    const c = await draftClaim();
    await expect(biller.claims.submitOnPaper({ claimId: c.claimId })).rejects.toMatchObject({ code: "CONFLICT" });
    await biller.claims.markReady({ claimId: c.claimId });
    await expect(pa.claims.submitOnPaper({ claimId: c.claimId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await biller.claims.submitOnPaper({ claimId: c.claimId });
    const d = await biller.claims.get({ claimId: c.claimId });
    expect(d.claim).toMatchObject({ status: "submitted", submissionChannel: "paper", submittedByName: "Test biller" });
    expect(d.claim.submittedAt).toEqual(CLAIM_NOW);
    const actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller" as const, requestId: "remit-test" };
    await recordAdjudication(h.db, actor, { claimId: c.claimId, outcome: "paid", paidCents: 900_000, patientResponsibilityCents: 200_000, payerClaimControlNumber: "PCN-1" }, CLAIM_NOW);
    expect(await statusOf(c.claimId)).toBe("adjudicated");
    const e = await biller.claims.get({ claimId: c.claimId });
    expect(e.claim).toMatchObject({ adjudicationOutcome: "paid", paidCents: 900_000, payerClaimControlNumber: "PCN-1" });
    expect(e.actions).toMatchObject({ close: true, replace: true, void: true, cancel: false });
    await closeClaim(h.db, actor, { claimId: c.claimId, reason: "Paid in full; patient balance billed" }, CLAIM_NOW);
    expect(await statusOf(c.claimId)).toBe("closed");
    await expect(recordAdjudication(h.db, { ...actor, practiceId: w.other.id }, { claimId: c.claimId, outcome: "denied", paidCents: 0, patientResponsibilityCents: 0 }, CLAIM_NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("claims.replace and claims.void", () => {
  it("replaces an adjudicated claim with frequency 7 carrying the payer claim number; the original becomes replaced once the replacement is sent", async () => {
    const c = await submittedClaim();
    const actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller" as const, requestId: "t" };
    await recordAdjudication(h.db, actor, { claimId: c.claimId, outcome: "partially_paid", paidCents: 500_000, patientResponsibilityCents: 0, payerClaimControlNumber: "2226000123" }, CLAIM_NOW);
    await expect(manager.claims.replace({ claimId: c.claimId, reason: "Corrected units after denial" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await biller.claims.replace({ claimId: c.claimId, reason: "Corrected units after denial" });
    expect(r).toMatchObject({ frequency: "replacement", status: "draft" });
    // One correction at a time.
    await expect(biller.claims.replace({ claimId: c.claimId, reason: "Corrected units after denial" })).rejects.toMatchObject({ code: "CONFLICT" });
    const n = await biller.claims.get({ claimId: r.id });
    expect(n.claim).toMatchObject({ frequency: "replacement", payerClaimNumber: "2226000123" });
    expect(n.family.original).toMatchObject({ id: c.claimId });
    expect(n.lines.map(lineText)).toEqual((await biller.claims.get({ claimId: c.claimId })).lines.map(lineText));
    expect(await statusOf(c.claimId)).toBe("adjudicated");
    await biller.claims.markReady({ claimId: r.id });
    await biller.claims.submitOnPaper({ claimId: r.id });
    expect(await statusOf(c.claimId)).toBe("replaced");
    const o = await biller.claims.get({ claimId: c.claimId });
    expect(o.family.corrections).toEqual([expect.objectContaining({ id: r.id, frequency: "replacement" })]);
    expect(o.history.some((x) => x.action === "claim.replace")).toBe(true);
    const links = await h.db.select().from(claimAdministrations).where(eq(claimAdministrations.administrationId, c.administrationId));
    expect(links.filter((l) => l.active).map((l) => l.claimId)).toEqual([r.id]);
  });

  it("fixes a rejected claim with a new original (frequency 1) and gives the infusion back if that correction is cancelled", async () => {
    const c = await submittedClaim();
    await h.db.update(claims).set({ status: "rejected" }).where(eq(claims.id, c.claimId));
    const r = await biller.claims.replace({ claimId: c.claimId, reason: "Member id corrected" });
    expect(r.frequency).toBe("original");
    const n = await biller.claims.get({ claimId: r.id });
    expect(n.claim.payerClaimNumber).toBeNull();
    await biller.claims.cancel({ claimId: r.id, reason: "Will call the payer first" });
    const links = await h.db.select().from(claimAdministrations).where(eq(claimAdministrations.administrationId, c.administrationId));
    expect(links.filter((l) => l.active).map((l) => l.claimId)).toEqual([c.claimId]);
    expect(await statusOf(c.claimId)).toBe("rejected");
  });

  it("voids an accepted claim (frequency 8, payer claim number required) and frees the infusion once the void is sent; a draft cannot be voided", async () => {
    const c = await submittedClaim();
    await h.db.update(claims).set({ status: "accepted" }).where(eq(claims.id, c.claimId));
    const missing = await biller.claims.void({ claimId: c.claimId, reason: "Billed to the wrong payer" }).catch((e) => e);
    expect(formatError(missing, null).data.field).toBe("payerClaimNumber");
    const v = await biller.claims.void({ claimId: c.claimId, reason: "Billed to the wrong payer", payerClaimNumber: "PAYER-77" });
    expect(v.frequency).toBe("void");
    await biller.claims.markReady({ claimId: v.id });
    await biller.claims.submitOnPaper({ claimId: v.id });
    expect(await statusOf(c.claimId)).toBe("voided");
    const live = await h.db.select().from(claimAdministrations).where(and(eq(claimAdministrations.administrationId, c.administrationId), eq(claimAdministrations.active, true)));
    expect(live).toEqual([]);
    const d = await draftClaim();
    await expect(biller.claims.void({ claimId: d.claimId, reason: "Wrong", payerClaimNumber: "X1" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(other.claims.void({ claimId: d.claimId, reason: "Wrong", payerClaimNumber: "X1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("submission settings", () => {
  it("are saved by admins only, audited, and validated field by field", async () => {
    await expect(biller.claims.saveSettings(TEST_SUBMISSION_SETTINGS)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bad = await admin.claims.saveSettings({ submitterName: "X", submitterId: "BAD*ID", contactName: "X", contactPhone: "6085550100", receiverName: "CH", receiverId: "CH1", usage: "T" }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("submitterId");
    const noContact = await admin.claims.saveSettings({ submitterName: "X", submitterId: "ID1", contactName: "X", receiverName: "CH", receiverId: "CH1", usage: "T" }).catch((e) => e);
    expect(formatError(noContact, null).data.field).toBe("contactPhone");
    expect(await other.claims.settings()).toBeNull();
    expect((await auditFor(w.practice.id)).some((a) => a.action === "submission_settings.saved")).toBe(true);
  });
});

describe("dashboard A/R history", () => {
  it("after every write above, the maintained A/R history agrees with the source rows at every date", async () => {
    const r = await arHistoryMismatches(h.db, w.practice.id);
    expect(r.mismatches).toEqual([]);
    expect(r.rows).toBeGreaterThan(0);
  });
});
