import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimAdministrations, claimLines, claims } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { toClaim837 } from "@/server/domain/claims/to-837";
import { write837 } from "@/server/domain/x12/write-837";
import type { Actor } from "@/server/services/context";
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
    expect(d.secondary.crossover).toBe("The primary forwarded this claim to MEDIGAP PLAN OF TENNESSEE (crossover on the 835 of 2026-03-01): the secondary payer received it from the primary, so it is not billed again.");
    expect(d.actions.billSecondary).toBe(false);
    await expect(biller.claims.billSecondary({ claimId: c.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("crossover") });
    expect(await h.db.select().from(claims).where(eq(claims.primaryClaimId, c.id))).toHaveLength(0);
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
