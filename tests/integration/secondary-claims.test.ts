import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimAdministrations, claimLines, claimPayments, claims, coverages, payers } from "@/db/schema";
import { write835, type Payment835 } from "@/db/seed/remit-835";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { toClaim837 } from "@/server/domain/claims/to-837";
import { write837 } from "@/server/domain/x12/write-837";
import type { Actor } from "@/server/services/context";
import { cms1500DataOf } from "@/server/services/claim-documents";
import { lineDataOf } from "@/server/services/claims";
import { postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { makeSentClaim, remitFixture } from "../factories/remittance";
import { createTestDb } from "../helpers/test-db";
import { x12Validate } from "../helpers/x12-validate";

/**
 * "Bill secondary" on claims whose primary 835 was posted: RM1002 (Summit paid $16,160 with a $500
 * deductible and $1,540 coinsurance) goes to the patient's Medicare secondary with the COB loops;
 * RM1001 has no secondary coverage; RM1008 was forwarded by Medicare to the Medigap plan (crossover);
 * RM1003 was never adjudicated.
 */
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

async function post(name: string) {
  const actor: Actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "t" };
  const r = await receiveRemittanceFile(h.db, actor, { name, bytes: remitFixture(name) }, now, async () => undefined);
  await postRemittanceFile(h.db, r.fileId, { workerId: "t", now: clock });
}
async function claimOf(n: string) {
  const [c] = await h.db.select().from(claims).where(and(eq(claims.practiceId, w.practice.id), eq(claims.claimNumber, n)));
  return c!;
}
async function paymentOf(n: string) {
  const [p] = await h.db.select().from(claimPayments).where(and(eq(claimPayments.practiceId, w.practice.id), eq(claimPayments.claimId, (await claimOf(n)).id)));
  return p!;
}
/** Posts an 835 written in code (the payer's payment of one of our claims). */
async function postPayment(name: string, payment: Payment835, control: number) {
  const actor: Actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "t" };
  const r = await receiveRemittanceFile(h.db, actor, { name, bytes: Buffer.from(write835([payment], control, now), "latin1") }, now, async () => undefined);
  await postRemittanceFile(h.db, r.fileId, { workerId: "t", now: clock });
}
async function x12Of(claimId: string) {
  const [c] = await h.db.select().from(claims).where(eq(claims.id, claimId));
  const lines = (await h.db.select().from(claimLines).where(eq(claimLines.claimId, claimId)).orderBy(asc(claimLines.position))).map(lineDataOf);
  return write837(toClaim837({ ...c!, lines }, { name: "GREENFIELD ONCOLOGY", id: "GOA4471", contactName: "BILLING", phone: "6155550100" }, { name: "ACME CLEARINGHOUSE", id: "ACMECH01" }), {
    senderId: "GOA4471",
    receiverId: "ACMECH01",
    interchangeControlNumber: 7,
    groupControlNumber: 7,
    transactionSetControlNumber: "0007",
    creationDate: "2026-10-20",
    creationTime: "15:00",
    usage: "T",
  });
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  biller = callerFor(h.db, w.as.biller.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, admin, CLAIM_NOW);
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1001", lastName: "PtRM1001" });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1002", lastName: "PtRM1002", secondaryPayer: "medicare" });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1003", lastName: "PtRM1003", secondaryPayer: "medicare" });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1008", payer: "medicare", dos: "2026-02-10", secondaryPayer: "commercial" });
  await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1016", payer: "medicare", dos: "2026-02-11", lines: [{ code: "J9173", modifiers: ["JZ"], units: 150, chargeCents: 2250000 }] });
  await post("paid.835");
  await post("medicare-forwarded.835");
}, 240_000);
afterAll(() => h?.close());

describe("claims.billSecondary", () => {
  it("refuses roles that do not bill, and another practice's claim", async () => {
    const c = await claimOf("RM1002");
    for (const caller of [manager, pa]) await expect(caller.claims.billSecondary({ claimId: c.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.claims.billSecondary({ claimId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(biller.claims.billSecondary({ claimId: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("says why when there is nothing to bill: no secondary coverage, primary not adjudicated", async () => {
    await expect(biller.claims.billSecondary({ claimId: (await claimOf("RM1001")).id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The patient has no secondary coverage in force on 2026-09-14." });
    await expect(biller.claims.billSecondary({ claimId: (await claimOf("RM1003")).id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The primary has not adjudicated claim RM1003 yet (it is submitted): bill the secondary once the primary's 835 is posted.",
    });
    expect((await biller.claims.get({ claimId: (await claimOf("RM1003")).id })).actions.billSecondary).toBe(false);
  });

  it("a crossover is recognised, said on the claim, and never billed again", async () => {
    const c = await claimOf("RM1008");
    const d = await biller.claims.get({ claimId: c.id });
    expect(d.secondary.crossover).toBe("The primary forwarded this claim to MEDIGAP PLAN OF TENNESSEE (crossover on the 835 of 03/01/2026): the secondary payer received it from the primary, so it is not billed again.");
    expect(d.actions.billSecondary).toBe(false);
    await expect(biller.claims.billSecondary({ claimId: c.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("crossover") });
    expect(await h.db.select().from(claims).where(eq(claims.primaryClaimId, c.id))).toHaveLength(0);
  });

  it("the primary's payment on the remittance offers 'Bill secondary' to those who bill, and nothing where there is no secondary", async () => {
    const pay = await paymentOf("RM1002");
    expect((await biller.remittances.claimPayment({ claimPaymentId: pay.id })).secondary).toEqual({ priority: "secondary", claim: null, canBill: true, payerName: expect.stringMatching(/medicare/i) });
    // managers read the remittance but do not bill: they see the secondary is not billed yet, without the action
    expect((await manager.remittances.claimPayment({ claimPaymentId: pay.id })).secondary).toMatchObject({ claim: null, canBill: false });
    await expect(other.remittances.claimPayment({ claimPaymentId: pay.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await biller.remittances.claimPayment({ claimPaymentId: (await paymentOf("RM1001")).id })).secondary).toBeNull();
    // the crossover's payment: the secondary payer has it from the primary
    expect((await biller.remittances.claimPayment({ claimPaymentId: (await paymentOf("RM1008")).id })).secondary).toBeNull();
  });

  it("two billers at once: one builds the secondary claim, the other is told it exists", async () => {
    const primary = await claimOf("RM1002");
    expect((await biller.claims.get({ claimId: primary.id })).actions.billSecondary).toBe(true);
    const results = await Promise.allSettled([biller.claims.billSecondary({ claimId: primary.id }), admin.claims.billSecondary({ claimId: primary.id })]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^Secondary claim C\d+ is already draft\.$/) });
    const made = (won[0] as PromiseFulfilledResult<{ id: string; claimNumber: string }>).value;
    const rows = await h.db.select().from(claims).where(eq(claims.primaryClaimId, primary.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: made.id, payerId: setup.payers.medicare, status: "draft", frequency: "original", totalChargeCents: 2280000 });
    expect(rows[0]!.parties.payer.responsibility).toBe("S");
    expect(rows[0]!.cob).toMatchObject({ primaryClaimNumber: "RM1002", otherPayer: { responsibility: "P", paidCents: 1616000, remainingPatientLiabilityCents: 204000, payerClaimControlNumber: "SHP26100200002" } });
    const audit = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, made.id));
    expect(audit.map((a) => a.action)).toEqual(["claim.secondary_created"]);
    expect(audit[0]!.after).toMatchObject({ primaryClaimNumber: "RM1002", primaryPaidCents: 1616000, lineLevel: true });
    // the primary's page links the secondary; a third request is refused the same way
    expect((await biller.claims.get({ claimId: primary.id })).secondary.claim).toMatchObject({ id: made.id, status: "draft" });
    await expect(biller.claims.billSecondary({ claimId: primary.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await biller.claims.get({ claimId: made.id })).secondary.primary).toEqual({ id: primary.id, claimNumber: "RM1002" });
    // and the remittance's claim payment links it instead of offering the action
    expect((await biller.remittances.claimPayment({ claimPaymentId: (await paymentOf("RM1002")).id })).secondary).toEqual({ priority: "secondary", claim: { id: made.id, claimNumber: made.claimNumber, status: "draft" }, canBill: false, payerName: null });
  });

  it("the secondary 837 carries SBR*S and the primary's adjudication, balanced, and passes x12-validate", async () => {
    const primary = await claimOf("RM1002");
    const [sec] = await h.db.select().from(claims).where(eq(claims.primaryClaimId, primary.id));
    const text = await x12Of(sec!.id);
    const segs = text.split("~");
    expect(segs.filter((s) => s.startsWith("SBR"))[0]).toMatch(/^SBR\*S\*/);
    expect(segs).toContain(`NM1*PR*2*${primary.parties.payer.name}*****PI*${primary.parties.payer.id}`);
    expect(segs).toContain("AMT*D*16160");
    expect(segs).toContain("AMT*EAF*2040");
    expect(segs.filter((s) => s.startsWith("SVD"))).toEqual([`SVD*${primary.parties.payer.id}*16000*HC:J9173:JZ**150`, `SVD*${primary.parties.payer.id}*160*HC:96413**1`]);
    expect(segs).toEqual(expect.arrayContaining(["CAS*CO*45*4500", "CAS*PR*1*500**2*1500", "CAS*CO*45*100", "CAS*PR*3*40", "DTP*573*D8*20261002"]));
    const dir = mkdtempSync(path.join(tmpdir(), "secondary-"));
    try {
      const file = path.join(dir, "secondary.837");
      writeFileSync(file, text);
      const v = x12Validate([file]);
      expect(v.ok, v.output).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("cancelling the secondary frees the primary to be billed again", async () => {
    const primary = await claimOf("RM1002");
    const [sec] = await h.db.select().from(claims).where(eq(claims.primaryClaimId, primary.id));
    await biller.claims.cancel({ claimId: sec!.id, reason: "Wrong plan" });
    const again = await biller.claims.billSecondary({ claimId: primary.id });
    expect(again.id).not.toBe(sec!.id);
    expect(await h.db.select().from(claimAdministrations).where(eq(claimAdministrations.claimId, again.id))).toHaveLength(0);
  });
});

describe("tertiary claims (COB with two prior payers)", () => {
  const payee = { name: "GREENFIELD ONCOLOGY ASSOCIATES", npi: "1234567893", tin: "123456789" };
  const patient = { lastName: "PTRT2001", firstName: "MARGARET", memberId: "1EG4TE5MK73" };
  const payerOf = async (id: string) => {
    const [p] = await h.db.select().from(payers).where(eq(payers.id, id));
    return { name: p!.name.toUpperCase(), id: p!.ediPayerId };
  };

  it("after the secondary's 835, bills the tertiary with the primary's and the secondary's adjudications, refused for roles and twice, and valid X12", async () => {
    const { claim: primary, patientId } = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RT2001", lastName: "PtRT2001", secondaryPayer: "medicare" });
    await h.db.insert(coverages).values({ practiceId: w.practice.id, patientId, payerId: setup.payers.medicaidUn, memberId: "MCD445566", priority: "tertiary", relationship: "self", effectiveDate: "2026-01-01" });
    await postPayment("rt-primary.835", {
      payer: await payerOf(setup.payers.commercial),
      payee,
      traceNumber: "RT2001P",
      paymentDate: "2026-10-02",
      method: "ACH",
      claims: [
        {
          claimNumber: "RT2001",
          status: "1",
          payerClaimNumber: "NWHRT2001",
          patient,
          lines: [
            { code: "J9173", modifiers: ["JZ"], chargeCents: 2250000, paidCents: 1600000, units: 150, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 450000 }, { group: "PR", carc: "1", amountCents: 50000 }, { group: "PR", carc: "2", amountCents: 150000 }] },
            { code: "96413", chargeCents: 30000, paidCents: 16000, units: 1, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 10000 }, { group: "PR", carc: "3", amountCents: 4000 }] },
          ],
        },
      ],
    }, 71);
    const sec = await biller.claims.billSecondary({ claimId: primary.id });
    expect(sec.priority).toBe("secondary");
    // nothing for the tertiary until the secondary adjudicated
    expect((await biller.claims.get({ claimId: sec.id })).actions).toMatchObject({ billSecondary: false, nextPayer: "tertiary" });
    await expect(biller.claims.billSecondary({ claimId: sec.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("The secondary has not adjudicated claim") });
    // the secondary went out and Medicare paid its part (the test stands in for sending it)
    await h.db.update(claims).set({ status: "submitted", submittedAt: now, submissionChannel: "paper" }).where(eq(claims.id, sec.id));
    await postPayment("rt-secondary.835", {
      payer: await payerOf(setup.payers.medicare),
      payee,
      traceNumber: "RT2001S",
      paymentDate: "2026-10-12",
      method: "ACH",
      claims: [
        {
          claimNumber: sec.claimNumber,
          status: "2",
          payerClaimNumber: "MCRRT2001",
          patient,
          lines: [
            { code: "J9173", modifiers: ["JZ"], chargeCents: 2250000, paidCents: 150000, units: 150, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 2050000 }, { group: "PR", carc: "2", amountCents: 50000 }] },
            { code: "96413", chargeCents: 30000, paidCents: 3000, units: 1, serviceDate: "2026-09-14", adjustments: [{ group: "CO", carc: "45", amountCents: 27000 }] },
          ],
        },
      ],
    }, 72);
    expect((await biller.claims.get({ claimId: sec.id })).actions).toMatchObject({ billSecondary: true, nextPayer: "tertiary" });
    const [secPay] = await h.db.select().from(claimPayments).where(eq(claimPayments.claimId, sec.id));
    expect((await biller.remittances.claimPayment({ claimPaymentId: secPay!.id })).secondary).toMatchObject({ priority: "tertiary", claim: null, canBill: true });
    for (const caller of [manager, pa]) await expect(caller.claims.billSecondary({ claimId: sec.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.claims.billSecondary({ claimId: sec.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const ter = await biller.claims.billSecondary({ claimId: sec.id });
    expect(ter.priority).toBe("tertiary");
    const [row] = await h.db.select().from(claims).where(eq(claims.id, ter.id));
    expect(row).toMatchObject({ primaryClaimId: sec.id, payerId: setup.payers.medicaidUn, status: "draft", totalChargeCents: 2280000 });
    expect(row!.parties.payer.responsibility).toBe("T");
    expect(row!.cob).toMatchObject({
      primaryClaimNumber: sec.claimNumber,
      otherPayer: { responsibility: "S", paidCents: 153000, payerClaimControlNumber: "MCRRT2001" },
      earlier: [{ primaryClaimNumber: "RT2001", otherPayer: { responsibility: "P", paidCents: 1616000, payerClaimControlNumber: "NWHRT2001" } }],
    });
    const audit = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, ter.id));
    expect(audit.map((a) => a.after)).toEqual([expect.objectContaining({ priority: "tertiary", priorPayers: 2, primaryClaimNumber: sec.claimNumber })]);
    await expect(admin.claims.billSecondary({ claimId: sec.id })).rejects.toMatchObject({ code: "CONFLICT", message: `Tertiary claim ${ter.claimNumber} is already draft.` });
    await expect(biller.claims.billSecondary({ claimId: ter.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("there is no further payer") });
    expect((await biller.claims.get({ claimId: ter.id })).actions).toMatchObject({ billSecondary: false, nextPayer: null });

    // on paper: item 9 names the plan that paid first, item 29 what both paid, one EOB page per prior payer
    const paper = await cms1500DataOf(h.db, { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "t" }, ter.id, now);
    expect(paper.data).toMatchObject({ otherInsured: { planName: (await payerOf(setup.payers.commercial)).name }, amountPaidCents: 1616000 + 153000 });
    expect(paper.data.priorPayers!.map((p) => [p.responsibility, p.claimNumber, p.paidCents])).toEqual([["P", "RT2001", 1616000], ["S", sec.claimNumber, 153000]]);
    expect(paper.data.priorPayers![0]!.lines[0]!.adjustments[0]).toMatchObject({ group: "CO", reason: "45", text: expect.stringMatching(/fee schedule/i) });

    // the 837: both prior payers in 2320 (SBR*P, SBR*S), each line adjudicated by both in 2430
    const text = await x12Of(ter.id);
    const segs = text.split("~");
    expect(segs.filter((x) => x.startsWith("SBR")).map((x) => x.slice(0, 5))).toEqual(["SBR*T", "SBR*P", "SBR*S"]);
    expect(segs.filter((x) => x.startsWith("AMT*D"))).toEqual(["AMT*D*16160", "AMT*D*1530"]);
    expect(segs.filter((x) => x.startsWith("SVD"))).toHaveLength(4);
    const dir = mkdtempSync(path.join(tmpdir(), "tertiary-"));
    try {
      const file = path.join(dir, "tertiary.837");
      writeFileSync(file, text);
      const v = x12Validate([file]);
      expect(v.ok, v.output).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000); // two 835s posted, three claims built and x12-validate, on a loaded two-core machine
});
