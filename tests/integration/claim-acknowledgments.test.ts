import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { acknowledgmentFiles, auditEvents, claimBatches, claims, coverages } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice } from "../factories/claims";
import { createTestDb } from "../helpers/test-db";
import { make277ca, make999, type Ack277Claim } from "../helpers/x12-acks";
import { x12Validate } from "../helpers/x12-validate";

/** pyx12 runs in a Python process: slow on a loaded machine. */
const X12_TIMEOUT = 180_000;

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let admin: Caller;
let manager: Caller;
let pa: Caller;
let other: Caller;
const tmp = mkdtempSync(path.join(tmpdir(), "claims-acks-"));
let ackIcn = 9000;

const file = (name: string, text: string) => ({ name, contentBase64: Buffer.from(text, "latin1").toString("base64") });

/** Checks a generated acknowledgment with the independent validator. */
function valid(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text, "latin1");
  const v = x12Validate([f]);
  expect(v.output).not.toMatch(/invalid/);
  return text;
}

/** A batch of `n` ready claims (new patients of the payer), submitted unless `submit` is false. */
async function submittedBatch(n = 1, opts: { submit?: boolean; payer?: keyof PracticeSetupIds["payers"] } = {}) {
  const made: { claimId: string; claimNumber: string; patientId: string; coverageId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers[opts.payer ?? "commercial"], { lastName: `Ack${i}` });
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    const c = await biller.claims.build({ administrationIds: [inf.administrationId] });
    await biller.claims.markReady({ claimId: c.id });
    made.push({ claimId: c.id, claimNumber: c.claimNumber, patientId: p.patientId, coverageId: p.coverageId });
  }
  const r = await biller.claims.batches.create({ claimIds: made.map((m) => m.claimId) });
  const [batch] = await h.db.select().from(claimBatches).where(eq(claimBatches.id, r.batches[0]!.id));
  if (opts.submit !== false) await biller.claims.batches.submit({ batchId: batch!.id, channel: "clearinghouse_upload" });
  return { batch: batch!, claims: made };
}

async function status(claimId: string) {
  return (await biller.claims.get({ claimId })).claim;
}

function ack277(c: { claimNumber: string }, statusCode: string, extra: Partial<Ack277Claim> = {}): Ack277Claim {
  return { claimNumber: c.claimNumber, status: statusCode, amount: "11475", dateOfService: "20260914", lastName: "ACK0", firstName: "MARGARET", memberId: "1EG4TE5MK73", ...extra };
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

describe("999 import", () => {
  it("matches a 999 to its batch by group and transaction control numbers: accepted keeps the claims submitted; the same file again changes nothing", async () => {
    const { batch, claims: cs } = await submittedBatch();
    const text = valid("accepted.999", make999({ groupControlNumber: batch.groupControlNumber, transactionSetControlNumber: batch.transactionSetControlNumber, status: "A", icn: ++ackIcn }));
    const [r] = await biller.claims.acknowledgments.import({ files: [file("accepted.999", text)] });
    expect(r).toMatchObject({ kind: "999", outcome: "imported", counts: { answers: 1, matched: 1, accepted: 1 } });
    expect(r!.results[0]).toMatchObject({ batchIcn: batch.interchangeControlNumber, outcome: expect.stringContaining("accepted by the clearinghouse") });
    const [b] = await h.db.select().from(claimBatches).where(eq(claimBatches.id, batch.id));
    expect(b).toMatchObject({ status: "acknowledged", ackStatus: "accepted" });
    expect((await status(cs[0]!.claimId)).status).toBe("submitted");
    const auditBefore = (await h.db.select().from(auditEvents)).length;
    const [again] = await admin.claims.acknowledgments.import({ files: [file("accepted-copy.999", text)] });
    expect(again).toMatchObject({ outcome: "duplicate", message: expect.stringContaining("nothing changed") });
    expect((await h.db.select().from(auditEvents)).length).toBe(auditBefore);
    expect((await h.db.select().from(acknowledgmentFiles).where(eq(acknowledgmentFiles.practiceId, w.practice.id))).filter((f) => f.fileName.startsWith("accepted")).length).toBe(1);
    // The claim page shows the 999 that answered its batch.
    expect((await biller.claims.get({ claimId: cs[0]!.claimId })).acknowledgments).toEqual([expect.objectContaining({ kind: "999", status: "accepted" })]);
  }, X12_TIMEOUT);

  it("rejects the batch's claims on a 999 rejection, with the segment and element in error in words; they appear in the rejected worklist", async () => {
    const { batch, claims: cs } = await submittedBatch(2);
    const text = valid(
      "rejected.999",
      make999({ groupControlNumber: batch.groupControlNumber, transactionSetControlNumber: batch.transactionSetControlNumber, status: "R", icn: ++ackIcn, errors: [{ segment: "NM1", position: 17, loop: "2010", code: "8", claimNumber: cs[0]!.claimNumber, element: { position: 9, reference: "67", code: "1" } }] }),
    );
    const [r] = await biller.claims.acknowledgments.import({ files: [file("rejected.999", text)] });
    expect(r!.results[0]!.outcome).toMatch(/2 claims rejected/);
    for (const c of cs) {
      const d = await status(c.claimId);
      expect(d.status).toBe("rejected");
      expect(d.rejection).toMatchObject({ source: "999", segment: "NM1 at position 17" });
      expect(d.rejection!.reasons).toContain("NM109 (data element 67) of NM1 at position 17: Required data element missing.");
    }
    const rejected = await manager.claims.list({ status: "rejected" });
    expect(rejected.items.map((i) => i.id)).toEqual(expect.arrayContaining(cs.map((c) => c.claimId)));
    expect(rejected.items.find((i) => i.id === cs[0]!.claimId)!.note).toMatch(/^Rejected \(999\): NM1 at position 17/);
    const [b] = await h.db.select().from(claimBatches).where(eq(claimBatches.id, batch.id));
    expect(b).toMatchObject({ status: "rejected", ackStatus: "rejected" });
  }, X12_TIMEOUT);

  it("records a 999 for a batch not marked submitted as its submission, and keeps answers that match no batch", async () => {
    const { batch, claims: cs } = await submittedBatch(1, { submit: false });
    const text = make999({ groupControlNumber: batch.groupControlNumber, transactionSetControlNumber: batch.transactionSetControlNumber, status: "E", icn: ++ackIcn, errors: [{ segment: "REF", position: 14, loop: "2010", code: "I9" }] });
    const stray = make999({ groupControlNumber: 987654, transactionSetControlNumber: 4321, status: "A", icn: ++ackIcn });
    const [one, two] = await biller.claims.acknowledgments.import({ files: [file("e.999", text), file("stray.999", stray)] });
    expect(one!.results[0]!.outcome).toMatch(/accepted with errors.*had not been marked submitted/);
    expect((await status(cs[0]!.claimId)).status).toBe("submitted");
    expect(two).toMatchObject({ outcome: "imported", counts: { unmatched: 1, matched: 0 } });
    expect(two!.results[0]!.outcome).toMatch(/No batch of ours has group 987654/);
  });
});

describe("277CA import", () => {
  it("accepts, rejects and keeps pending claims by CLM01, with the status codes explained and the payer's claim number recorded", async () => {
    const { claims: cs } = await submittedBatch(3);
    const text = valid(
      "mixed.277",
      make277ca([ack277(cs[0]!, "A2:20:PR", { payerClaimNumber: "2226000123" }), ack277(cs[1]!, "A7:164:IL", { payerClaimNumber: "2226000124" }), ack277(cs[2]!, "A1:19:PR")], { icn: ++ackIcn, payerName: "NORTHWOODS HEALTH PPO", payerId: "NWH200", trace: "1" }),
    );
    const [r] = await biller.claims.acknowledgments.import({ files: [file("mixed.277", text)] });
    expect(r).toMatchObject({ kind: "277CA", outcome: "imported", counts: { answers: 3, matched: 3, accepted: 1, rejected: 1, pending: 1 } });
    const a = await status(cs[0]!.claimId);
    expect(a).toMatchObject({ status: "accepted", payerClaimControlNumber: "2226000123" });
    const rej = await status(cs[1]!.claimId);
    expect(rej).toMatchObject({ status: "rejected", payerClaimControlNumber: "2226000124" });
    expect(rej.rejection).toMatchObject({ source: "277CA", codes: ["A7:164:IL"], reasons: ["Rejected for invalid information (A7): Entity's contract or member number (164); entity: Subscriber (IL)."] });
    expect((await status(cs[2]!.claimId)).status).toBe("submitted");
    const page = await biller.claims.get({ claimId: cs[1]!.claimId });
    expect(page.acknowledgments.find((x) => x.kind === "277CA")).toMatchObject({ status: "rejected", summary: [expect.stringContaining("contract or member number")] });
    expect(page.history.some((x) => x.action === "claim.reject")).toBe(true);
  }, X12_TIMEOUT);

  it("is fixed by a new original claim with the corrected member id; sending it marks the rejected claim replaced", async () => {
    const { claims: cs } = await submittedBatch(1);
    await biller.claims.acknowledgments.import({ files: [file("rej.277", make277ca([ack277(cs[0]!, "A7:164:IL", { payerClaimNumber: "2226000777" })], { icn: ++ackIcn, payerName: "NORTHWOODS HEALTH PPO", payerId: "NWH200", trace: "2" }))] });
    // The biller corrects the coverage, then creates the corrected claim from the rejected one.
    await h.db.update(coverages).set({ memberId: "NWH7654321" }).where(eq(coverages.id, cs[0]!.coverageId));
    const fix = await biller.claims.replace({ claimId: cs[0]!.claimId, reason: "Member id corrected from the card" });
    expect(fix.frequency).toBe("original");
    expect((await biller.claims.get({ claimId: fix.id })).payer.memberId).toBe("NWH7654321");
    // The worklist reads the family: until the resubmission goes out the rejected claim says so
    const listed = async () => (await biller.claims.list({ q: cs[0]!.claimNumber })).items.find((i) => i.id === cs[0]!.claimId)!;
    expect(await listed()).toMatchObject({ status: "rejected", resubmitted: false, correctedBy: { claimNumber: fix.claimNumber, frequency: "original", status: "draft" }, note: `Resubmission ${fix.claimNumber} is a draft: send it` });
    await biller.claims.markReady({ claimId: fix.id });
    const b = await biller.claims.batches.create({ claimIds: [fix.id] });
    expect((await listed()).note).toBe(`Resubmission ${fix.claimNumber} is in a batch: send it`);
    await biller.claims.batches.submit({ batchId: b.batches[0]!.id, channel: "clearinghouse_upload" });
    expect((await status(cs[0]!.claimId)).status).toBe("replaced");
    expect((await status(fix.id)).status).toBe("submitted");
    // sent: the original is settled, and the list calls it resubmitted (the payer never had it)
    expect(await listed()).toMatchObject({ status: "replaced", resubmitted: true, note: `Resubmitted as ${fix.claimNumber}` });
  });

  it("does not move a claim the answer no longer fits, and keeps answers for unknown claim numbers", async () => {
    const { claims: cs } = await submittedBatch(1);
    const text = make277ca([ack277(cs[0]!, "A2:20:PR"), ack277({ claimNumber: "C9999999" }, "A2:20:PR")], { icn: ++ackIcn, payerName: "NORTHWOODS HEALTH PPO", payerId: "NWH200", trace: "3" });
    await biller.claims.acknowledgments.import({ files: [file("first.277", text)] });
    expect((await status(cs[0]!.claimId)).status).toBe("accepted");
    const late = make277ca([ack277(cs[0]!, "A2:20:PR", { payerClaimNumber: "LATE123" })], { icn: ++ackIcn, payerName: "NORTHWOODS HEALTH PPO", payerId: "NWH200", trace: "4" });
    const [r] = await biller.claims.acknowledgments.import({ files: [file("late.277", late)] });
    expect(r!.results[0]!.outcome).toMatch(/No status change: the claim is accepted/);
    expect((await status(cs[0]!.claimId)).payerClaimControlNumber).toBe("LATE123");
  });
});

describe("acknowledgment import: roles, isolation, bad input, concurrency", () => {
  it("is forbidden to managers and PA coordinators; another practice's import matches none of our batches or claims", async () => {
    const { batch, claims: cs } = await submittedBatch(1);
    const text = make999({ groupControlNumber: batch.groupControlNumber, transactionSetControlNumber: batch.transactionSetControlNumber, status: "R", icn: ++ackIcn });
    for (const c of [manager, pa]) await expect(c.claims.acknowledgments.import({ files: [file("x.999", text)] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [r] = await other.claims.acknowledgments.import({ files: [file("x.999", text)] });
    expect(r).toMatchObject({ counts: { matched: 0, unmatched: 1 } });
    expect((await status(cs[0]!.claimId)).status).toBe("submitted");
    const list = await other.claims.acknowledgments.list({});
    await expect(biller.claims.acknowledgments.get({ fileId: list.items[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await manager.claims.acknowledgments.list({})).items.some((f) => f.id === list.items[0]!.id)).toBe(false);
  });

  it("refuses malformed input with the field named and reports a file that is not an acknowledgment without storing it", async () => {
    const bad = await biller.claims.acknowledgments.import({ files: [{ name: "x.999", contentBase64: "%%%" }] }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("files.0.contentBase64");
    const empty = await biller.claims.acknowledgments.import({ files: [] }).catch((e) => e);
    expect(formatError(empty, null).data.field).toBe("files");
    const [r1, r2] = await biller.claims.acknowledgments.import({ files: [file("notes.txt", "hello"), file("claim.837", "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261002*0930*^*00501*000000001*0*T*:~GS*HC*A*B*20261002*0930*1*X*005010X222A1~")] });
    expect(r1).toMatchObject({ outcome: "unreadable", fileId: null, message: expect.stringContaining("not an X12 file") });
    expect(r2).toMatchObject({ outcome: "unreadable", message: expect.stringContaining("neither a 999 nor a 277CA") });
  });

  it("imports the same file only once when two billers upload it at the same moment", async () => {
    const { batch } = await submittedBatch(1);
    const text = make999({ groupControlNumber: batch.groupControlNumber, transactionSetControlNumber: batch.transactionSetControlNumber, status: "A", icn: ++ackIcn });
    const [x, y] = await Promise.all([biller.claims.acknowledgments.import({ files: [file("a.999", text)] }), admin.claims.acknowledgments.import({ files: [file("b.999", text)] })]);
    expect([x[0]!.outcome, y[0]!.outcome].sort()).toEqual(["duplicate", "imported"]);
    const rows = await h.db.select().from(claimBatches).where(and(eq(claimBatches.id, batch.id)));
    expect(rows[0]!.status).toBe("acknowledged");
    expect((await h.db.select().from(claims).where(eq(claims.practiceId, w.practice.id))).length).toBeGreaterThan(0);
  });

  it("shows an imported file with each answer and what it changed, byte for byte", async () => {
    const { batch } = await submittedBatch(1);
    const text = make999({ groupControlNumber: batch.groupControlNumber, transactionSetControlNumber: batch.transactionSetControlNumber, status: "A", icn: ++ackIcn });
    const [r] = await biller.claims.acknowledgments.import({ files: [file("shown.999", text)] });
    const d = await manager.claims.acknowledgments.get({ fileId: r!.fileId! });
    expect(d.text).toBe(text);
    expect(d.results).toEqual([expect.objectContaining({ batchIcn: batch.interchangeControlNumber, status: "accepted" })]);
    const bad = await manager.claims.acknowledgments.get({ fileId: "nope" }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("fileId");
  });
});
