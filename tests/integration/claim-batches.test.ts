import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimBatches, claimLines, claims, locations, payers, practiceSubmissionSettings } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import { read837 } from "@/server/domain/x12/read-837";
import { downloadBatchFile } from "@/server/services/batches";
import { recordAdjudication } from "@/server/services/claims";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice, TEST_SUBMISSION_SETTINGS } from "../factories/claims";
import { createTestDb } from "../helpers/test-db";
import { check837Structure } from "../helpers/x12-837-structure";
import { x12Validate } from "../helpers/x12-validate";

/** pyx12 runs in a Python process: slow on a loaded machine. */
const X12_TIMEOUT = 180_000;

let h: DbHandle & { url?: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let admin: Caller;
let manager: Caller;
let pa: Caller;
let other: Caller;
const tmp = mkdtempSync(path.join(tmpdir(), "claims-837-"));
const billerActor = () => ({ userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller" as const, requestId: "t" });

/** A ready claim: a new patient with the payer, a ready infusion, the claim built and made ready. */
async function readyClaim(payer: keyof PracticeSetupIds["payers"] = "medicare", opts: Parameters<typeof makeReadyInfusion>[4] = {}) {
  const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers[payer]);
  const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId, opts);
  const c = await biller.claims.build({ administrationIds: [inf.administrationId] });
  const r = await biller.claims.markReady({ claimId: c.id });
  expect(r.blockers).toEqual([]);
  return { ...p, ...inf, claimId: c.id, claimNumber: c.claimNumber };
}

/** Copies of a ready claim (own claim numbers, same content), for the control-number tests. */
async function cloneReady(claimId: string, n: number): Promise<string[]> {
  const [c] = await h.db.select().from(claims).where(eq(claims.id, claimId));
  const lines = await h.db.select().from(claimLines).where(eq(claimLines.claimId, claimId)).orderBy(asc(claimLines.position));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id: _id, ...rest } = c!;
    const [copy] = await h.db.transaction(async (tx) => {
      const inserted = await tx.insert(claims).values({ ...rest, claimNumber: `X${randomBytes(5).toString("hex").toUpperCase()}` }).returning({ id: claims.id });
      await tx.insert(claimLines).values(lines.map(({ id: _l, ...l }) => ({ ...l, claimId: inserted[0]!.id })));
      return inserted;
    });
    ids.push(copy!.id);
  }
  return ids;
}

function saveFile(name: string, bytes: Buffer): string {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
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
  await h.db.update(locations).set({ zip: "537051234" }).where(eq(locations.id, setup.locations.hospitalOutpatient));
});
afterAll(() => h?.close());

describe("claims.batches.create", () => {
  it("writes one 837 per payer and claim type; every file is valid, sound and reads back as the stored claims", async () => {
    const a = await readyClaim("medicare");
    const b = await readyClaim("medicare");
    const c = await readyClaim("commercial");
    const i = await readyClaim("commercial", { location: "hospitalOutpatient" });
    const r = await biller.claims.batches.create({ claimIds: [a.claimId, b.claimId, c.claimId, i.claimId] });
    expect(r.excluded).toEqual([]);
    expect(r.batches.map((x) => [x.payerName, x.claimType, x.claimCount]).sort()).toEqual([
      ["Medicare Part B — WPS", "professional", 2],
      ["Northwoods Health PPO", "institutional", 1],
      ["Northwoods Health PPO", "professional", 1],
    ]);
    const files: string[] = [];
    for (const x of r.batches) {
      const dl = await downloadBatchFile(h.db, billerActor(), { batchId: x.id });
      const text = dl.bytes.toString("latin1");
      expect(check837Structure(text)).toEqual([]);
      files.push(saveFile(dl.fileName, dl.bytes));
      // Round trip: the file says exactly what the claims hold.
      const read = read837(text);
      expect(read.findings).toEqual([]);
      expect(read.interchangeControlNumber).toBe(String(x.interchangeControlNumber).padStart(9, "0"));
      for (const rc of read.claims) {
        const d = await biller.claims.get({ claimId: [a, b, c, i].find((k) => k.claimNumber === rc.patientControlNumber)!.claimId });
        expect(rc.totalChargeCents).toBe(d.claim.totalChargeCents);
        expect(rc.lines.map((l) => [l.code, l.modifiers.join(","), l.chargeCents, Number(l.units), l.ndc?.code11 ?? null, l.ndc ? Number(l.ndc.quantity) : null, l.lineControlNumber])).toEqual(
          d.lines.map((l) => [l.code, l.modifiers.join(","), l.chargeCents, l.units, l.ndc?.code11 ?? null, l.ndc ? Number(l.ndc.quantity) : null, l.lineControlNumber]),
        );
        expect(rc.diagnoses).toEqual(d.claim.diagnoses.map((x) => x.code.replace(".", "")));
        expect(rc.frequencyCode).toBe("1");
      }
    }
    const v = x12Validate(files);
    expect(v.output).not.toMatch(/invalid/);
    expect(v.ok).toBe(true);
    // The commercial professional claim carries its NDC in mL (LIN/CTP).
    const comm = r.batches.find((x) => x.payerName === "Northwoods Health PPO" && x.claimType === "professional")!;
    const text = (await downloadBatchFile(h.db, billerActor(), { batchId: comm.id })).bytes.toString("latin1");
    expect(text).toMatch(/LIN\*\*N4\*\d{11}~CTP\*\*\*\*[\d.]+\*ML~/);
    // Two claims in one file: two subscriber HLs under the one billing provider HL.
    const mcr = read837((await downloadBatchFile(h.db, billerActor(), { batchId: r.batches.find((x) => x.payerName.startsWith("Medicare"))!.id })).bytes.toString("latin1"));
    expect(mcr.hl.map((x) => `${x.id}<${x.parent}:${x.level}`)).toEqual(["1<:20", "2<1:22", "3<1:22"]);
    for (const k of [a, b, c, i]) expect((await biller.claims.get({ claimId: k.claimId })).claim.status).toBe("batched");
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "batch"), eq(auditEvents.action, "batch.created")));
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit[0]!.after).toMatchObject({ status: "created", fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, X12_TIMEOUT);

  it("keeps the file byte for byte: downloads give identical bytes matching the recorded SHA-256, and each download is audited", async () => {
    const a = await readyClaim();
    const r = await biller.claims.batches.create({ claimIds: [a.claimId] });
    const one = await downloadBatchFile(h.db, billerActor(), { batchId: r.batches[0]!.id });
    const two = await downloadBatchFile(h.db, billerActor(), { batchId: r.batches[0]!.id });
    expect(Buffer.compare(one.bytes, two.bytes)).toBe(0);
    expect(createHash("sha256").update(one.bytes).digest("hex")).toBe(one.sha256);
    expect((await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, r.batches[0]!.id), eq(auditEvents.action, "batch.downloaded")))).length).toBe(2);
    await expect(downloadBatchFile(h.db, { ...billerActor(), practiceId: w.other.id }, { batchId: r.batches[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never writes a file for a claim that has an error finding by now: it goes back to draft with the reason", async () => {
    const ok = await readyClaim("medicare");
    const late = await readyClaim("commercialNoJz");
    // The claims waited 118 days: past this plan's 90-day filing limit, within Medicare's year.
    await h.db.update(payers).set({ timelyFilingDays: 90 }).where(eq(payers.id, setup.payers.commercialNoJz));
    const later = callerFor(h.db, w.as.biller.session, () => new Date("2027-01-10T15:00:00Z"));
    const r = await later.claims.batches.create({ claimIds: [ok.claimId, late.claimId] });
    expect(r.excluded).toEqual([expect.objectContaining({ claimId: late.claimId, reason: expect.stringContaining("limit is 90 days") })]);
    expect(r.batches).toHaveLength(1);
    const text = (await downloadBatchFile(h.db, billerActor(), { batchId: r.batches[0]!.id })).bytes.toString("latin1");
    expect(text).toContain(`CLM*${ok.claimNumber}*`);
    expect(text).not.toContain(late.claimNumber);
    const d = await biller.claims.get({ claimId: late.claimId });
    expect(d.claim.status).toBe("draft");
    expect(d.findings.some((f) => f.rule === "R-TIMELY" && f.severity === "error")).toBe(true);
    expect(d.history.at(-1)!.text).toMatch(/Not batched/);
  });

  it("refuses claims that are not ready, other practices' claims, wrong roles and bad input; nothing is written", async () => {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare);
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    const draft = await biller.claims.build({ administrationIds: [inf.administrationId] });
    const before = (await h.db.select().from(claimBatches)).length;
    await expect(biller.claims.batches.create({ claimIds: [draft.id] })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is draft") });
    const a = await readyClaim();
    for (const c of [manager, pa]) await expect(c.claims.batches.create({ claimIds: [a.claimId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.claims.batches.create({ claimIds: [a.claimId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bad = await biller.claims.batches.create({ claimIds: ["x"] }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("claimIds.0");
    expect((await h.db.select().from(claimBatches)).length).toBe(before);
    expect((await biller.claims.get({ claimId: a.claimId })).claim.status).toBe("ready");
  });

  it("gives 20 concurrent batch creations unique, increasing control numbers, never reused after a cancellation", async () => {
    const a = await readyClaim();
    const ids = await cloneReady(a.claimId, 20);
    const results = await Promise.all(ids.map((id, k) => (k % 2 ? biller : admin).claims.batches.create({ claimIds: [id] })));
    const made = results.flatMap((r) => r.batches.map((b) => b.id));
    expect(made).toHaveLength(20);
    const rows = await h.db.select().from(claimBatches).where(inArray(claimBatches.id, made));
    for (const k of ["interchangeControlNumber", "groupControlNumber", "transactionSetControlNumber"] as const) {
      expect(new Set(rows.map((r) => r[k])).size).toBe(20);
    }
    // Increasing in the order the batches were committed (the audit trail's sequence).
    const audit = await h.db.select({ entityId: auditEvents.entityId, seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.action, "batch.created"), inArray(auditEvents.entityId, made))).orderBy(asc(auditEvents.seq));
    const icnInCommitOrder = audit.map((x) => rows.find((r) => r.id === x.entityId)!.interchangeControlNumber);
    expect(icnInCommitOrder).toEqual([...icnInCommitOrder].sort((p, q) => p - q));
    // A cancelled batch keeps its numbers: the next batch gets new ones.
    const max = Math.max(...rows.map((r) => r.interchangeControlNumber));
    const cancelledId = rows.find((r) => r.interchangeControlNumber === max)!.id;
    await biller.claims.batches.cancel({ batchId: cancelledId, reason: "Wrong selection" });
    // a claim of another batch (ids[0]'s batch is the cancelled one in one run of twenty)
    const stillBatched = ids.find((_, k) => results[k]!.batches[0]!.id !== cancelledId)!;
    const again = await biller.claims.batches.create({ claimIds: [stillBatched] }).catch((e) => e);
    expect(again).toMatchObject({ code: "CONFLICT" }); // that claim is in a batch still
    const cancelledClaim = (await h.db.select().from(claims).where(inArray(claims.id, ids))).find((c) => c.status === "ready")!;
    const next = await biller.claims.batches.create({ claimIds: [cancelledClaim.id] });
    expect(next.batches[0]!.interchangeControlNumber).toBeGreaterThan(max);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("gives unique control numbers to two app processes creating batches at the same time (PostgreSQL only)", async () => {
    const a = await readyClaim();
    const ids = await cloneReady(a.claimId, 8);
    const run = (part: string[]) =>
      new Promise<{ pid: number; batches: { id: string; icn: number }[] }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(import.meta.dirname, "../helpers/batch-worker.ts"), h.url!, w.practice.id, w.as.biller.user.id, ...part], { cwd: path.resolve(import.meta.dirname, "../.."), env: { ...process.env, TZ: "UTC" } });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`))));
      });
    const [one, two] = await Promise.all([run(ids.slice(0, 4)), run(ids.slice(4))]);
    expect(one.pid).not.toBe(two.pid);
    const icns = [...one.batches, ...two.batches].map((b) => b.icn);
    expect(icns).toHaveLength(8);
    expect(new Set(icns).size).toBe(8);
    const rows = await h.db.select().from(claimBatches).where(inArray(claimBatches.id, [...one.batches, ...two.batches].map((b) => b.id)));
    expect(new Set(rows.map((r) => r.groupControlNumber)).size).toBe(8);
    expect(new Set(rows.map((r) => r.transactionSetControlNumber)).size).toBe(8);
    // Increasing in commit order across both processes (the audit trail's sequence), and past every number used before.
    const audit = await h.db.select({ entityId: auditEvents.entityId }).from(auditEvents).where(and(eq(auditEvents.action, "batch.created"), inArray(auditEvents.entityId, rows.map((r) => r.id)))).orderBy(asc(auditEvents.seq));
    const icnInCommitOrder = audit.map((x) => rows.find((r) => r.id === x.entityId)!.interchangeControlNumber);
    expect(icnInCommitOrder).toHaveLength(8);
    expect(icnInCommitOrder).toEqual([...icnInCommitOrder].sort((p, q) => p - q));
    expect(new Set([one.pid, two.pid, process.pid]).size).toBe(3);
  }, X12_TIMEOUT);
});

describe("claims.batches.cancel and submit", () => {
  it("cancels a batch before submission (claims back to ready), refuses after; submission records who, when and channel", async () => {
    const a = await readyClaim();
    const r = await biller.claims.batches.create({ claimIds: [a.claimId] });
    const batchId = r.batches[0]!.id;
    await expect(manager.claims.batches.cancel({ batchId, reason: "Wrong payer selected" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.claims.batches.cancel({ batchId, reason: "Wrong payer selected" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const noReason = await biller.claims.batches.cancel({ batchId, reason: "" }).catch((e) => e);
    expect(formatError(noReason, null).data.field).toBe("reason");
    await biller.claims.batches.cancel({ batchId, reason: "Wrong payer selected" });
    expect((await biller.claims.get({ claimId: a.claimId })).claim.status).toBe("ready");
    await expect(biller.claims.batches.submit({ batchId, channel: "clearinghouse_upload" })).rejects.toMatchObject({ code: "CONFLICT" });
    const r2 = await biller.claims.batches.create({ claimIds: [a.claimId] });
    const bad = await biller.claims.batches.submit({ batchId: r2.batches[0]!.id, channel: "paper" as never }).catch((e) => e);
    expect(formatError(bad, null).data.field).toBe("channel");
    await biller.claims.batches.submit({ batchId: r2.batches[0]!.id, channel: "clearinghouse_sftp" });
    await expect(biller.claims.batches.cancel({ batchId: r2.batches[0]!.id, reason: "Too late to cancel" })).rejects.toMatchObject({ code: "CONFLICT" });
    const d = await biller.claims.get({ claimId: a.claimId });
    expect(d.claim).toMatchObject({ status: "submitted", submissionChannel: "clearinghouse_sftp", submittedByName: "Test biller" });
    expect(d.batches.map((b) => b.status)).toEqual(["submitted", "cancelled"]);
    const list = await manager.claims.batches.list({});
    expect(list.items.find((b) => b.id === r2.batches[0]!.id)).toMatchObject({ status: "submitted", submissionChannel: "clearinghouse_sftp", claimCount: 1 });
    const detail = await manager.claims.batches.get({ batchId: r2.batches[0]!.id });
    expect(detail.claims.map((c) => c.claimNumber)).toEqual([a.claimNumber]);
    expect(detail.file.claims).toEqual([expect.objectContaining({ patientControlNumber: a.claimNumber })]);
    await expect(other.claims.batches.get({ batchId: r2.batches[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a replacement (frequency 7, REF*F8) in a batch; submitting it marks the original replaced", async () => {
    const a = await readyClaim();
    const r = await biller.claims.batches.create({ claimIds: [a.claimId] });
    await biller.claims.batches.submit({ batchId: r.batches[0]!.id, channel: "clearinghouse_upload" });
    await recordAdjudication(h.db, billerActor(), { claimId: a.claimId, outcome: "denied", paidCents: 0, patientResponsibilityCents: 0, payerClaimControlNumber: "22260099" }, CLAIM_NOW);
    const rep = await biller.claims.replace({ claimId: a.claimId, reason: "Corrected after denial" });
    await biller.claims.markReady({ claimId: rep.id });
    const b = await biller.claims.batches.create({ claimIds: [rep.id] });
    const text = (await downloadBatchFile(h.db, billerActor(), { batchId: b.batches[0]!.id })).bytes.toString("latin1");
    expect(text).toMatch(new RegExp(`CLM\\*${rep.claimNumber}\\*[\\d.]+\\*\\*\\*11:B:7\\*`));
    expect(text).toContain("REF*F8*22260099~");
    const f = saveFile("replacement.837", Buffer.from(text, "latin1"));
    expect(x12Validate([f]).ok).toBe(true);
    expect((await biller.claims.get({ claimId: a.claimId })).claim.status).toBe("adjudicated");
    await biller.claims.batches.submit({ batchId: b.batches[0]!.id, channel: "clearinghouse_upload" });
    expect((await biller.claims.get({ claimId: a.claimId })).claim.status).toBe("replaced");
  }, X12_TIMEOUT);

  it("needs the practice's submission settings before a batch can be written", async () => {
    const a = await readyClaim();
    await h.db.delete(practiceSubmissionSettings).where(eq(practiceSubmissionSettings.practiceId, w.practice.id));
    const err = await biller.claims.batches.create({ claimIds: [a.claimId] }).catch((e) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Submission settings") });
    await admin.claims.saveSettings(TEST_SUBMISSION_SETTINGS);
    await expect(biller.claims.batches.create({ claimIds: [a.claimId] })).resolves.toMatchObject({ excluded: [] });
  });
});
