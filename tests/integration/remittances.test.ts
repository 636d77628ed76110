import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimLines, claims, remittanceFiles } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import type { Actor } from "@/server/services/context";
import { setJobSender } from "@/server/jobs/send";
import { postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { makeSentClaim, remitFixture } from "../factories/remittance";
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
const now = new Date("2026-10-20T15:00:00Z");
const clock = () => now;
const fileIds: Record<string, string> = {};

let uploads = 0;
async function post(name: string) {
  const actor: Actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "t" };
  uploads += 1;
  const r = await receiveRemittanceFile(h.db, actor, { name, bytes: remitFixture(name) }, new Date(now.getTime() + uploads * 1000), async () => undefined);
  fileIds[name] = r.fileId;
  if (r.outcome === "queued") await postRemittanceFile(h.db, r.fileId, { workerId: "t", now: clock });
}

const sent: string[] = [];
beforeAll(async () => {
  setJobSender(async (_name, data) => {
    sent.push(String(data.fileId));
  });
  h = await createTestDb();
  w = await makeWorld(h.db);
  biller = callerFor(h.db, w.as.biller.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, admin, CLAIM_NOW);
  for (const n of ["RM1001", "RM1002", "RM1007", "RM1009", "RM1010"]) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Pt${n}` });
  await post("paid.835");
  await post("plb.835");
  await post("unmatched.835");
}, 240_000);
afterAll(async () => {
  setJobSender(undefined);
  await h?.close();
});

describe("remittance files and payments", () => {
  it("lists files with their progress and payments with trace, method and counts, to every reader; not to another practice", async () => {
    for (const c of [biller, admin, manager, pa]) {
      const files = await c.remittances.files({});
      expect(files.items.map((f) => f.fileName)).toEqual(["unmatched.835", "plb.835", "paid.835"]);
      expect(files.items[2]).toMatchObject({ status: "posted", statusLabel: "Posted", claimCount: 2, claimsDone: 2, postedCount: 2, uploadedBy: "Test biller", canRequeue: false });
    }
    expect((await other.remittances.files({})).total).toBe(0);
    const pays = await biller.remittances.payments({ sort: "amount", dir: "desc" });
    expect(pays.items.map((p) => [p.traceNumber, p.method, p.amountCents, p.postedCount, p.exceptionCount])).toEqual([
      ["EFT20261012UNM", "EFT", 5450000, 0, 3],
      ["EFT20261002PAID", "EFT", 3436000, 2, 0],
      ["EFT20261011PLB", "EFT", 1796234, 1, 0],
    ]);
    expect((await biller.remittances.payments({ state: "exceptions" })).total).toBe(1);
    expect((await biller.remittances.payments({ q: "plb" })).items.map((p) => p.traceNumber)).toEqual(["EFT20261011PLB"]);
    await expect(w.anonymous.remittances.payments({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("shows a payment with its PLB in words and its claims; a claim payment with every CARC and RARC in words", async () => {
    const [pay] = (await biller.remittances.payments({ q: "plb" })).items;
    const d = await biller.remittances.payment({ paymentId: pay!.id });
    expect(d.providerAdjustments).toEqual([
      expect.objectContaining({ reason: "WO", reasonText: "Overpayment recovery", reference: "SHP26100200002", amountCents: 25000, claimNumber: "RM1002" }),
      expect.objectContaining({ reason: "L6", reasonText: "Interest owed", amountCents: -1234 }),
    ]);
    expect(d.claimPayments[0]).toMatchObject({ claimNumber: "RM1007", statusText: "Processed as primary", outcome: "paid", paidCents: 1820000 });
    const cp = await biller.remittances.claimPayment({ claimPaymentId: d.claimPayments[0]!.id });
    expect(cp.lines[0]!.adjustments[0]).toMatchObject({ group: "CO", groupText: "Contractual obligation", carc: "45", carcText: expect.stringContaining("Charge exceeds fee schedule") });
    await expect(other.remittances.payment({ paymentId: pay!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.remittances.claimPayment({ claimPaymentId: d.claimPayments[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the unmatched queue", () => {
  it("lists unmatched claim payments with the reason; billers match and dismiss, managers and PA coordinators only read", async () => {
    const q = await biller.remittances.queue({});
    expect(q.items.map((r) => [r.patientControlNumber, r.status])).toEqual([
      ["RM9999", "unmatched"],
      ["RM1009", "unmatched"],
      ["RM1010", "unmatched"],
    ]);
    const rm1010 = q.items[2]!;
    expect(rm1010.reason).toContain("The payer dated J9173-JZ ×150 on 09/15/2026");
    const detail = await biller.remittances.claimPayment({ claimPaymentId: rm1010.id });
    expect(detail.canMatch).toBe(true);
    expect((await manager.remittances.claimPayment({ claimPaymentId: rm1010.id })).canMatch).toBe(false);

    const cands = await biller.remittances.candidates({ claimPaymentId: rm1010.id, q: "RM1010" });
    expect(cands.map((c) => c.claimNumber)).toEqual(["RM1010"]);
    const input = { claimPaymentId: rm1010.id, claimId: cands[0]!.id, lines: cands[0]!.lines.map((l, i) => ({ position: i, claimLineId: l.id })), allowRepeatPayment: false };
    await expect(manager.remittances.match(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pa.remittances.match(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.remittances.match(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const m = await biller.remittances.match(input);
    expect(m).toMatchObject({ status: "posted" });
    const [c] = await h.db.select().from(claims).where(eq(claims.id, cands[0]!.id));
    expect(c).toMatchObject({ status: "adjudicated", paidCents: 1820000 });
    const [a] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, rm1010.id), eq(auditEvents.action, "claim_payment.matched")));
    expect(a).toMatchObject({ actorUserId: w.as.biller.user.id, before: expect.objectContaining({ status: "unmatched" }), after: expect.objectContaining({ status: "posted", claimNumber: "RM1010" }) });

    const bad = await biller.remittances.dismiss({ claimPaymentId: q.items[0]!.id, reason: "no" }).catch((e) => e);
    expect(formatError(bad, "r").data.zodError?.fieldErrors.reason?.[0]).toContain("at least 5 characters");
    await biller.remittances.dismiss({ claimPaymentId: q.items[0]!.id, reason: "Another practice's patient" });
    expect((await biller.remittances.queue({})).items.map((r) => r.patientControlNumber)).toEqual(["RM1009"]);
  });
  it("refuses a line map that puts two service lines on one claim line", async () => {
    const [row] = (await biller.remittances.queue({})).items;
    const [c] = await h.db.select().from(claims).where(and(eq(claims.practiceId, w.practice.id), eq(claims.claimNumber, "RM1009")));
    const [l1] = await h.db.select().from(claimLines).where(eq(claimLines.claimId, c!.id)).orderBy(asc(claimLines.position));
    const err = await biller.remittances.match({ claimPaymentId: row!.id, claimId: c!.id, lines: [{ position: 0, claimLineId: l1!.id }, { position: 1, claimLineId: l1!.id }] }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, "r").data.zodError?.fieldErrors.lines?.[0]).toBe("Each claim line can take one service line only.");
  });
});

describe("requeue, contract terms and the write-off threshold", () => {
  it("refuses to requeue a posted file; posts a failed one again", async () => {
    await expect(biller.remittances.requeue({ fileId: fileIds["paid.835"]! })).rejects.toMatchObject({ code: "CONFLICT" });
    await h.db.update(remittanceFiles).set({ status: "failed", lastError: "boom" }).where(eq(remittanceFiles.id, fileIds["plb.835"]!));
    expect((await biller.remittances.files({})).items.find((f) => f.id === fileIds["plb.835"])!.canRequeue).toBe(true);
    await expect(manager.remittances.requeue({ fileId: fileIds["plb.835"]! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await biller.remittances.requeue({ fileId: fileIds["plb.835"]! })).toEqual({ id: fileIds["plb.835"], status: "queued" });
    expect(sent).toEqual([fileIds["plb.835"]]);
  });
  it("admins set a payer's terms and add contract rates (never overwritten); others cannot", async () => {
    const before = await biller.remittances.terms();
    const comm = before.find((t) => t.payerId === setup.payers.commercial)!;
    expect(comm).toMatchObject({ basis: "none", isDefault: true });
    expect(before.find((t) => t.payerId === setup.payers.medicare)).toMatchObject({ basis: "medicare_asp", isDefault: true });
    await expect(biller.remittances.saveTerms({ payerId: comm.payerId, basis: "asp_percent", aspPercent: "110", toleranceCents: 500 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await admin.remittances.saveTerms({ payerId: comm.payerId, basis: "asp_percent", aspPercent: "110", toleranceCents: 500 });
    const bad = await admin.remittances.saveTerms({ payerId: comm.payerId, basis: "asp_percent", aspPercent: null, toleranceCents: 500 }).catch((e) => e);
    expect(formatError(bad, "r").data.field).toBe("aspPercent");
    await admin.remittances.addRate({ payerId: comm.payerId, code: "j9173", ratePerUnit: "95.125", effectiveFrom: "2026-01-01" });
    await expect(admin.remittances.addRate({ payerId: comm.payerId, code: "J9173", ratePerUnit: "99", effectiveFrom: "2026-01-01" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(other.remittances.saveTerms({ payerId: comm.payerId, basis: "none", toleranceCents: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const after = (await biller.remittances.terms()).find((t) => t.payerId === comm.payerId)!;
    expect(after).toMatchObject({ basis: "asp_percent", aspPercent: "110.00", toleranceCents: 500, isDefault: false, rates: [expect.objectContaining({ code: "J9173", ratePerUnit: "95.125" })] });
    const log = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, comm.payerId), eq(auditEvents.action, "payer_terms.saved")));
    expect(log).toHaveLength(1);
  });
  it("the write-off threshold: practice admins set it, everyone reads it", async () => {
    expect(await biller.remittances.settings()).toEqual({ writeOffApprovalCents: 50000 });
    await expect(biller.remittances.saveSettings({ writeOffApprovalCents: 1000 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await admin.remittances.saveSettings({ writeOffApprovalCents: 25000 });
    expect(await manager.remittances.settings()).toEqual({ writeOffApprovalCents: 25000 });
    expect(await other.remittances.settings()).toEqual({ writeOffApprovalCents: 50000 });
  });
});
