import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimLines, claimPaymentLines, claimPayments, claims, denialWorkItems, providerAdjustments, remittanceAdjustments, remittanceFiles, remittancePayments } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { write835 } from "@/db/seed/remit-835";
import { addDays } from "@/server/domain/kpis/period";
import { rowsOf } from "@/server/queries/kpis-sql";
import type { Actor } from "@/server/services/context";
import { dismissClaimPayment, matchClaimPayment, postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { makeSentClaim, remitFixture } from "../factories/remittance";
import { arHistoryMismatches, kpiFigureMismatches } from "../helpers/kpi-consistency";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
let biller: Actor;
const queued: string[] = [];
const enqueue = async (id: string) => {
  queued.push(id);
};
const now = new Date("2026-10-20T15:00:00Z");

async function upload(name: string, bytes: Uint8Array = remitFixture(name)) {
  return receiveRemittanceFile(h.db, biller, { name, bytes }, now, enqueue);
}
async function uploadAndPost(name: string) {
  const r = await upload(name);
  expect(r.outcome).toBe("queued");
  const p = await postRemittanceFile(h.db, r.fileId, { workerId: "test-worker", now: () => now });
  return { ...r, ...p };
}
async function claimByNumber(n: string) {
  const [c] = await h.db.select().from(claims).where(and(eq(claims.practiceId, w.practice.id), eq(claims.claimNumber, n)));
  return c!;
}
async function paymentsOf(claimId: string) {
  return h.db.select().from(claimPayments).where(eq(claimPayments.claimId, claimId)).orderBy(asc(claimPayments.createdAt), asc(claimPayments.position));
}
async function claimPaymentsOfFile(fileId: string) {
  return h.db.select().from(claimPayments).where(eq(claimPayments.fileId, fileId)).orderBy(asc(claimPayments.position));
}

/** One payment of one paid claim (J9173-JZ ×150 and 96413), as Summit Health Plan pays it. */
function paidClaim835(claimNumber: string, traceNumber: string, control: number): Buffer {
  const n = claimNumber.toUpperCase();
  return Buffer.from(
    write835(
      [
        {
          payer: { name: "SUMMIT HEALTH PLAN", id: "SHP01" },
          payee: { name: "GREENFIELD ONCOLOGY ASSOCIATES", npi: "1234567893", tin: "123456789" },
          traceNumber,
          paymentDate: "2026-10-15",
          method: "ACH",
          claims: [
            {
              claimNumber,
              status: "1",
              payerClaimNumber: `SHP${n.slice(2)}`,
              patient: { lastName: `PT${n}`, firstName: "MARGARET", memberId: "1EG4TE5MK73" },
              lines: [
                { code: "J9173", modifiers: ["JZ"], chargeCents: 2250000, paidCents: 1600000, units: 150, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 450000 }, { group: "PR", carc: "2", amountCents: 200000 }] },
                { code: "96413", chargeCents: 30000, paidCents: 16000, units: 1, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 10000 }, { group: "PR", carc: "3", amountCents: 4000 }] },
              ],
            },
          ],
        },
      ],
      control,
      now,
    ),
    "latin1",
  );
}

const numbers = ["RM1001", "RM1002", "RM1003", "RM1004", "RM1005", "RM1006", "RM1007", "RM1009", "RM1010", "RM1011", "RM1012", "RM1013", "RM1014", "RM1015"];

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller, CLAIM_NOW);
  biller = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "test" };
  for (const n of numbers) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Pt${n}` });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1008", payer: "medicare", dos: "2026-02-10", secondaryPayer: "commercial" });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1016", payer: "medicare", dos: "2026-02-11", lines: [{ code: "J9173", modifiers: ["JZ"], units: 150, chargeCents: 2250000 }] });
  // the same claim number in the other practice must never be touched
  await makeSentClaim(h.db, w.other.id, setup, { claimNumber: "RM1001", other: true });
}, 240_000);
afterAll(() => h?.close());

describe("paid claims", () => {
  it("stores the file with its hash, queues it, and posts paid amounts, contractual and patient responsibility to the claims", async () => {
    const r = await uploadAndPost("paid.835");
    expect(queued).toContain(r.fileId);
    expect(r).toMatchObject({ status: "posted", posted: 2, unmatched: 0, held: 0, denials: 0 });
    const [file] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, r.fileId));
    expect(file).toMatchObject({ status: "posted", bytes: remitFixture("paid.835").length, claimCount: 2, claimsDone: 2, postedCount: 2, leaseOwner: null });
    expect(Buffer.from(file!.content).equals(remitFixture("paid.835"))).toBe(true);
    const [pay] = await h.db.select().from(remittancePayments).where(eq(remittancePayments.fileId, r.fileId));
    expect(pay).toMatchObject({ traceNumber: "EFT20261002PAID", amountCents: 3436000, paymentDate: "2026-10-02", payerName: "SUMMIT HEALTH PLAN", duplicateOfPaymentId: null });

    const c1 = await claimByNumber("RM1001");
    expect(c1).toMatchObject({ status: "adjudicated", adjudicationOutcome: "paid", paidCents: 1820000, patientResponsibilityCents: 0, payerClaimControlNumber: "SHP26100200001" });
    const c2 = await claimByNumber("RM1002");
    expect(c2).toMatchObject({ adjudicationOutcome: "paid", paidCents: 1616000, patientResponsibilityCents: 204000 });
    const [cp] = await paymentsOf(c2.id);
    expect(cp).toMatchObject({ status: "posted", matchedBy: "claim_number", deductibleCents: 50000, coinsuranceCents: 150000, copayCents: 4000, contractualCents: 460000 });
    const lines = await h.db.select().from(claimPaymentLines).where(eq(claimPaymentLines.claimPaymentId, cp!.id)).orderBy(asc(claimPaymentLines.position));
    expect(lines.map((l) => [l.code, l.paidCents, l.allowedCents, l.claimLineId !== null])).toEqual([
      ["J9173", 1600000, 1800000, true],
      ["96413", 16000, 20000, true],
    ]);
    const adjs = await h.db.select().from(remittanceAdjustments).where(eq(remittanceAdjustments.claimPaymentId, cp!.id));
    expect(adjs.map((a) => `${a.groupCode}-${a.carc}:${a.amountCents}:${a.kind}`).sort()).toEqual(["CO-45:10000:posting", "CO-45:450000:posting", "PR-1:50000:posting", "PR-2:150000:posting", "PR-3:4000:posting"]);
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, c1.id), eq(auditEvents.action, "claim.adjudicate")));
    expect(audit[0]).toMatchObject({ actorUserId: null, before: expect.objectContaining({ status: "submitted" }), after: expect.objectContaining({ status: "adjudicated", paidCents: 1820000 }) });
  });

  it("the same file again is recognised and posts nothing; so does another file with the same payment (TRN + payer)", async () => {
    const before = await h.db.select().from(claimPayments).where(eq(claimPayments.practiceId, w.practice.id));
    const again = await upload("paid.835");
    expect(again).toMatchObject({ outcome: "same_file", message: expect.stringContaining("This exact file was already uploaded") });
    const resend = await upload("paid-resend.835");
    expect(resend).toMatchObject({ outcome: "duplicate_payment", status: "duplicate" });
    expect(resend.message).toContain("payment EFT20261002PAID from SUMMIT HEALTH PLAN ($34,360.00) was already received in paid.835");
    const after = await h.db.select().from(claimPayments).where(eq(claimPayments.practiceId, w.practice.id));
    expect(after).toHaveLength(before.length);
    const [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, resend.fileId));
    expect(f).toMatchObject({ status: "duplicate", duplicateOfFileId: expect.any(String) });
    expect((await claimByNumber("RM1001")).paidCents).toBe(1820000);
  });

  it("running the job again on a posted file changes nothing", async () => {
    const [f] = await h.db.select().from(remittanceFiles).where(and(eq(remittanceFiles.practiceId, w.practice.id), eq(remittanceFiles.fileName, "paid.835")));
    const r = await postRemittanceFile(h.db, f!.id, { workerId: "another-worker", now: () => now });
    expect(r).toMatchObject({ status: "posted", written: 0, posted: 2 });
    expect(await claimPaymentsOfFile(f!.id)).toHaveLength(2);
  });
});

describe("partial payments, denials and their work items", () => {
  it("partial payments adjudicate as partially paid, with the units and NDC denials as work items", async () => {
    const r = await uploadAndPost("partial.835");
    expect(r).toMatchObject({ posted: 2, denials: 2 });
    expect(await claimByNumber("RM1003")).toMatchObject({ adjudicationOutcome: "partially_paid", paidCents: 1700000 });
    const c4 = await claimByNumber("RM1004");
    expect(c4).toMatchObject({ adjudicationOutcome: "partially_paid", paidCents: 20000 });
    const [item] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, c4.id));
    expect(item).toMatchObject({ kind: "denial", status: "open", category: "ndc-coding", action: "corrected_claim", codes: ["CO-16"], amountCents: 2250000 });
    expect(item!.cause).toContain("line 1 (J9173) carried NDC 00310-4611-50 ML 30");
    expect(item!.explanation).toContain("M119");
  });

  it("denied claims open authorization and medical-necessity items with the appeal due date; nothing is written off", async () => {
    const r = await uploadAndPost("denied.835");
    expect(r).toMatchObject({ posted: 2, denials: 2 });
    const c5 = await claimByNumber("RM1005");
    expect(c5).toMatchObject({ status: "adjudicated", adjudicationOutcome: "denied", paidCents: 0 });
    const [auth] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, c5.id));
    // the commercial payer's appeal window is 180 days from the remittance (2026-10-04)
    expect(auth).toMatchObject({ category: "authorization", action: "retro_auth", amountCents: 2280000, codes: ["CO-197", "CO-197"], dueDate: "2027-04-02", writeOffCents: null });
    expect(auth!.cause).toContain("went out with no authorization number");
    const [mn] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, (await claimByNumber("RM1006")).id));
    expect(mn).toMatchObject({ category: "medical-necessity", action: "appeal" });
    const opened = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, auth!.id), eq(auditEvents.action, "denial.opened")));
    expect(opened).toHaveLength(1);
  });
});

describe("reversals, PLB, crossover, underpayment", () => {
  it("a reversal takes back the earlier payment and the correction posts; the claim shows the corrected amount", async () => {
    const r = await uploadAndPost("reversal-correction.835");
    expect(r).toMatchObject({ posted: 2, held: 0, unmatched: 0 });
    const c1 = await claimByNumber("RM1001");
    const list = await paymentsOf(c1.id);
    expect(list.map((p) => [p.statusCode, p.paidCents, p.isReversal, p.reversedByClaimPaymentId !== null])).toEqual([
      ["1", 1820000, false, true],
      ["22", -1820000, true, false],
      ["1", 1860000, false, false],
    ]);
    expect(list[1]!.reversesClaimPaymentId).toBe(list[0]!.id);
    expect(c1).toMatchObject({ adjudicationOutcome: "paid", paidCents: 1860000, payerClaimControlNumber: "SHP26101000101" });
  });

  it("PLB adjustments stay on the payment, a recovery linked to the claim it names", async () => {
    const r = await uploadAndPost("plb.835");
    const [pay] = await h.db.select().from(remittancePayments).where(eq(remittancePayments.fileId, r.fileId));
    expect(pay).toMatchObject({ amountCents: 1796234, providerAdjustmentCents: 23766 });
    const plb = await h.db.select().from(providerAdjustments).where(eq(providerAdjustments.paymentId, pay!.id)).orderBy(asc(providerAdjustments.position));
    expect(plb.map((p) => [p.reason, p.reference, p.amountCents])).toEqual([
      ["WO", "SHP26100200002", 25000],
      ["L6", null, -1234],
    ]);
    expect(plb[0]!.claimId).toBe((await claimByNumber("RM1002")).id);
  });

  it("records the crossover to the supplemental payer and opens an underpayment item with the ASP arithmetic", async () => {
    await uploadAndPost("medicare-forwarded.835");
    const c8 = await claimByNumber("RM1008");
    const [cp] = await paymentsOf(c8.id);
    expect(cp).toMatchObject({ statusCode: "19", forwardedToName: "MEDIGAP PLAN OF TENNESSEE", forwardedToId: "MGTN01", remarks: ["MA18"] });
    expect(await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, c8.id))).toEqual([]);
    const c16 = await claimByNumber("RM1016");
    const [under] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, c16.id));
    expect(under).toMatchObject({ kind: "underpayment", category: null, action: "appeal", amountCents: 94050, dueDate: "2026-06-29" });
    expect(under!.explanation).toBe(
      "Expected allowed: ASP payment limit for J9173 in 2026Q1: $86.270 per unit × 150 units = $12,940.50. The payer allowed $12,000.00 (AMT*B6): $940.50 less than expected (tolerance $1.00).",
    );
  });
});

describe("unmatched, held and not posted", () => {
  it("puts unmatched claim payments in the queue with the reason, and a biller matches one by hand", async () => {
    const r = await uploadAndPost("unmatched.835");
    expect(r).toMatchObject({ posted: 0, unmatched: 3 });
    const rows = await claimPaymentsOfFile(r.fileId);
    expect(rows.map((x) => [x.patientControlNumber, x.status])).toEqual([
      ["RM9999", "unmatched"],
      ["RM1009", "unmatched"],
      ["RM1010", "unmatched"],
    ]);
    expect(rows[0]!.reason).toBe("No claim of the practice has claim number RM9999 or payer claim number SHP26101200999.");
    expect(rows[1]!.reason).toContain("No line of claim RM1009 has procedure 96415");
    expect(rows[2]!.reason).toContain("The payer dated J9173-JZ ×150 on 09/15/2026, but claim RM1010 has it on 09/14/2026.");

    // RM1009: the payer coded the administration 96415; the biller matches it to the 96413 line
    const c9 = await claimByNumber("RM1009");
    const ids = (await h.db.select({ id: claimLines.id }).from(claimLines).where(eq(claimLines.claimId, c9.id)).orderBy(asc(claimLines.position))).map((x) => x.id);
    const m = await matchClaimPayment(h.db, biller, { claimPaymentId: rows[1]!.id, claimId: c9.id, lines: [{ position: 0, claimLineId: ids[0]! }, { position: 1, claimLineId: ids[1]! }], allowRepeatPayment: false }, now);
    expect(m).toMatchObject({ status: "posted", claimId: c9.id });
    expect(await claimByNumber("RM1009")).toMatchObject({ status: "adjudicated", adjudicationOutcome: "paid", paidCents: 1810000 });
    const [done] = await h.db.select().from(claimPayments).where(eq(claimPayments.id, rows[1]!.id));
    expect(done).toMatchObject({ status: "posted", matchedBy: "manual", postedByUserId: w.as.biller.user.id, reason: null });
    await expect(matchClaimPayment(h.db, biller, { claimPaymentId: rows[1]!.id, claimId: c9.id, lines: [], allowRepeatPayment: false }, now)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });

    const d = await dismissClaimPayment(h.db, biller, { claimPaymentId: rows[0]!.id, reason: "Not our patient: the payer sent another practice's claim." }, now);
    expect(d.status).toBe("dismissed");
    const [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, r.fileId));
    expect(f).toMatchObject({ postedCount: 1, unmatchedCount: 1 });
  });

  it("holds an unbalanced claim with the arithmetic and posts the balanced one next to it", async () => {
    const r = await uploadAndPost("unbalanced-claim.835");
    expect(r).toMatchObject({ posted: 1, held: 1 });
    const rows = await claimPaymentsOfFile(r.fileId);
    expect(rows[0]).toMatchObject({ patientControlNumber: "RM1011", status: "held", claimId: (await claimByNumber("RM1011")).id });
    expect(rows[0]!.reason).toContain("does not balance");
    expect(await claimByNumber("RM1011")).toMatchObject({ status: "submitted", paidCents: null });
    expect(await claimByNumber("RM1012")).toMatchObject({ status: "adjudicated" });
  });

  it("keeps a payment that does not balance, and an unreadable file, with their findings, and posts nothing", async () => {
    const r = await upload("unbalanced-payment.835");
    expect(r).toMatchObject({ outcome: "not_posted", status: "not_posted" });
    expect(r.message).toContain("does not balance");
    const garbage = new TextEncoder().encode("this is not an 835 at all");
    const g = await upload("notes.txt", garbage);
    expect(g.outcome).toBe("not_posted");
    const [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, g.fileId));
    expect(f).toMatchObject({ status: "not_posted", bytes: garbage.length });
    expect(f!.findingCount).toBeGreaterThan(0);
    expect(await claimPaymentsOfFile(g.fileId)).toEqual([]);
    expect(queued).not.toContain(g.fileId);
  });

  it("a claim split by the payer posts both loops; a changed code and a dropped modifier still match", async () => {
    await uploadAndPost("split-claim.835");
    expect(await claimByNumber("RM1013")).toMatchObject({ adjudicationOutcome: "paid", paidCents: 1820000 });
    await uploadAndPost("changed-code-and-modifier.835");
    expect(await claimByNumber("RM1014")).toMatchObject({ adjudicationOutcome: "paid", paidCents: 1820000 });
    expect(await claimByNumber("RM1015")).toMatchObject({ adjudicationOutcome: "paid" });
  });
});

describe("atomic chunks", () => {
  it("a failure inside a chunk leaves none of it written; the retry finishes the file exactly once", async () => {
    const r = await upload("denials-every-category.835");
    // the claims RD01..RD13 do not exist: every claim payment goes to the unmatched queue
    let calls = 0;
    await expect(
      postRemittanceFile(h.db, r.fileId, {
        workerId: "crashy",
        chunkSize: 5,
        now: () => now,
        onChunkWritten: () => {
          calls += 1;
          if (calls === 2) throw new Error("worker died");
        },
      }),
    ).rejects.toThrow("worker died");
    let rows = await claimPaymentsOfFile(r.fileId);
    let [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, r.fileId));
    expect(rows).toHaveLength(5);
    expect(f).toMatchObject({ status: "posting", claimsDone: 5, lastError: "worker died" });
    const done = await postRemittanceFile(h.db, r.fileId, { workerId: "healthy", chunkSize: 5, now: () => now });
    expect(done).toMatchObject({ status: "posted", written: 8 });
    rows = await claimPaymentsOfFile(r.fileId);
    [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, r.fileId));
    expect(rows).toHaveLength(13);
    expect(new Set(rows.map((x) => x.position)).size).toBe(13);
    expect(f).toMatchObject({ claimsDone: 13, unmatchedCount: 13, attempts: 2 });
  });

  it("two billers upload the same new file at the same moment: it is stored once, the other is told so, and it posts once", async () => {
    await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1091", lastName: "PtRM1091" });
    const bytes = paidClaim835("RM1091", "EFT-SAME-MOMENT", 9091);
    const both = await Promise.all([upload("same-moment-a.835", bytes), upload("same-moment-b.835", bytes)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(["queued", "same_file"]);
    expect(both[0]!.fileId).toBe(both[1]!.fileId);
    const files = await h.db.select().from(remittanceFiles).where(and(eq(remittanceFiles.practiceId, w.practice.id), eq(remittanceFiles.sha256, (await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, both[0]!.fileId)))[0]!.sha256)));
    expect(files).toHaveLength(1);
    // the queue may hold it twice (each request queued what it saw): the job posts it once
    const first = await postRemittanceFile(h.db, both[0]!.fileId, { workerId: "a", now: () => now });
    const second = await postRemittanceFile(h.db, both[0]!.fileId, { workerId: "b", now: () => now });
    expect(first).toMatchObject({ status: "posted" });
    expect(second).toMatchObject({ status: "posted", written: 0 });
    const claim = await claimByNumber("RM1091");
    expect(await paymentsOf(claim.id)).toHaveLength(1);
    expect(claim.paidCents).toBe(1616000);
  });

  it("finds the claim when the payer sends our claim number back in small letters", async () => {
    await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1092", lastName: "PtRM1092" });
    const bytes = paidClaim835("rm1092", "EFT-SMALL-LETTERS", 9092);
    const r = await upload("small-letters.835", bytes);
    expect(await postRemittanceFile(h.db, r.fileId, { workerId: "a", now: () => now })).toMatchObject({ status: "posted", posted: 1, unmatched: 0 });
    const claim = await claimByNumber("RM1092");
    expect(claim).toMatchObject({ status: "adjudicated", adjudicationOutcome: "paid", paidCents: 1616000 });
  });

  it("never touches another practice's claim with the same number", async () => {
    const [theirs] = await h.db.select().from(claims).where(and(eq(claims.practiceId, w.other.id), inArray(claims.claimNumber, numbers)));
    expect(theirs).toMatchObject({ claimNumber: "RM1001", status: "submitted", paidCents: null });
    expect(await paymentsOf(theirs!.id)).toEqual([]);
  });
});

describe("lanes (chunks written at once)", () => {
  const lanesClaims = ["RL1001", "RL1002", "RL1003", "RL1004", "RL1005", "RL1006", "RL1007", "RL1008"];
  /** One claim of `lanesClaims` as Summit Health Plan pays it: the drug paid `drugPaidCents`, the rest CO-45 and PR-2. */
  function laneClaim(claimNumber: string, status: "1" | "22", drugPaidCents: number) {
    return {
      claimNumber,
      status,
      payerClaimNumber: `SHP${claimNumber.slice(2)}`,
      patient: { lastName: `PT${claimNumber}`, firstName: "MARGARET", memberId: "1EG4TE5MK73" },
      lines: [
        { code: "J9173", modifiers: ["JZ"], chargeCents: 2250000, paidCents: drugPaidCents, units: 150, serviceDate: "2026-09-14", adjustments: [{ group: "CO" as const, carc: "45", amountCents: 2050000 - drugPaidCents }, { group: "PR" as const, carc: "2", amountCents: 200000 }] },
        { code: "96413", chargeCents: 30000, paidCents: 16000, units: 1, serviceDate: "2026-09-14", adjustments: [{ group: "CO" as const, carc: "45", amountCents: 10000 }, { group: "PR" as const, carc: "3", amountCents: 4000 }] },
      ],
    };
  }
  /** Every claim paid, and the first one paid, reversed and paid again (corrected) in the same payment. */
  function lanes835(trace: string, control: number): Buffer {
    const first = lanesClaims[0]!;
    const list = [laneClaim(first, "1", 1600000), ...lanesClaims.slice(1).map((n) => laneClaim(n, "1", 1600000)), laneClaim(first, "22", 1600000), laneClaim(first, "1", 1640000)];
    return Buffer.from(
      write835([{ payer: { name: "SUMMIT HEALTH PLAN", id: "SHP01" }, payee: { name: "GREENFIELD ONCOLOGY ASSOCIATES", npi: "1234567893", tin: "123456789" }, traceNumber: trace, paymentDate: "2026-10-16", method: "ACH", claims: list }], control, now),
      "latin1",
    );
  }
  async function expectPostedOnce(fileId: string) {
    const rows = await claimPaymentsOfFile(fileId);
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.position)).size).toBe(10);
    const [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, fileId));
    expect(f).toMatchObject({ status: "posted", claimsDone: 10, postedCount: 10, unmatchedCount: 0, heldCount: 0 });
    const lines = await h.db.select({ id: claimPaymentLines.id }).from(claimPaymentLines).where(inArray(claimPaymentLines.claimPaymentId, rows.map((r) => r.id)));
    expect(lines).toHaveLength(20);
    for (const n of lanesClaims.slice(1)) expect(await claimByNumber(n)).toMatchObject({ status: "adjudicated", adjudicationOutcome: "paid", paidCents: 1616000 });
    // the reversal found the payment it reverses (written before it in the same lane), the correction counts
    const first = await claimByNumber(lanesClaims[0]!);
    const list = await paymentsOf(first.id);
    expect(list.map((p) => [p.statusCode, p.paidCents, p.isReversal, p.reversedByClaimPaymentId !== null])).toEqual([
      ["1", 1616000, false, true],
      ["22", -1616000, true, false],
      ["1", 1656000, false, false],
    ]);
    expect(list[1]!.reversesClaimPaymentId).toBe(list[0]!.id);
    expect(first).toMatchObject({ status: "adjudicated", adjudicationOutcome: "paid", paidCents: 1656000 });
  }

  it("two lanes post a file as one lane would: a claim's payments, reversal and correction stay together and in order", async () => {
    for (const n of lanesClaims) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Pt${n}` });
    const r = await upload("lanes.835", lanes835("EFT-LANES-1", 9301));
    expect(r.outcome).toBe("queued");
    const done = await postRemittanceFile(h.db, r.fileId, { workerId: "lanes", chunkSize: 2, lanes: 2, now: () => now });
    expect(done).toMatchObject({ status: "posted", posted: 10, written: 10 });
    await expectPostedOnce(r.fileId);
  });

  it("a failure in one lane leaves every written chunk whole; the retry finishes the file exactly once", async () => {
    const more = lanesClaims.map((n) => n.replace("RL", "RK"));
    for (const n of more) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Pt${n}` });
    lanesClaims.splice(0, lanesClaims.length, ...more);
    const r = await upload("lanes-crash.835", lanes835("EFT-LANES-2", 9302));
    let calls = 0;
    await expect(
      postRemittanceFile(h.db, r.fileId, {
        workerId: "crashy-lanes",
        chunkSize: 2,
        lanes: 2,
        now: () => now,
        onChunkWritten: () => {
          calls += 1;
          if (calls === 3) throw new Error("worker died");
        },
      }),
    ).rejects.toThrow("worker died");
    const rows = await claimPaymentsOfFile(r.fileId);
    const [f] = await h.db.select().from(remittanceFiles).where(eq(remittanceFiles.id, r.fileId));
    // what committed is whole: as many claim payments as the progress says, each with its two lines,
    // and the claims of the posted ones adjudicated
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBeLessThan(10);
    expect(rows.length % 2).toBe(0);
    expect(f).toMatchObject({ status: "posting", claimsDone: rows.length, postedCount: rows.length, lastError: "worker died" });
    const lines = await h.db.select({ id: claimPaymentLines.id }).from(claimPaymentLines).where(inArray(claimPaymentLines.claimPaymentId, rows.map((x) => x.id)));
    expect(lines).toHaveLength(rows.length * 2);
    for (const x of rows) expect((await h.db.select({ status: claims.status }).from(claims).where(eq(claims.id, x.claimId!)))[0]!.status).toBe("adjudicated");
    const done = await postRemittanceFile(h.db, r.fileId, { workerId: "healthy-lanes", chunkSize: 2, lanes: 2, now: () => now });
    expect(done).toMatchObject({ status: "posted", written: 10 - rows.length });
    await expectPostedOnce(r.fileId);
  });
});

describe("dashboard A/R history", () => {
  it("after every write above, the maintained A/R history agrees with the source rows at every date", async () => {
    const r = await arHistoryMismatches(h.db, w.practice.id);
    expect(r.mismatches).toEqual([]);
    expect(r.rows).toBeGreaterThan(0);
  });

  it("after every write above, every figure kept in the daily aggregates equals the same figure from the source rows", async () => {
    const [row] = await rowsOf<{ first: string; last: string }>(
      h.db,
      sql`select min(coalesce(posted_at, created_at))::date::text as first, max(coalesce(posted_at, created_at))::date::text as last from claim_payments where practice_id = ${w.practice.id}`,
    );
    const r = await kpiFigureMismatches(h.db, w.practice.id, [{ from: addDays(row!.first, -120), to: addDays(row!.last, 30) }, { from: row!.first, to: row!.last }]);
    expect(r.mismatches).toEqual([]);
  }, 180_000);
});
