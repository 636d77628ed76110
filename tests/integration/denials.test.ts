import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, claimAdministrations, claims, denialWorkItems, payers, priorAuthRequests } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import { renderAppealLetter } from "@/server/documents/appeal-letter";
import { appealLetterData } from "@/server/services/denials";
import type { Actor } from "@/server/services/context";
import { postRemittanceFile, receiveRemittanceFile } from "@/server/services/remittance-posting";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice } from "../factories/claims";
import { makeSentClaim, remitFixture } from "../factories/remittance";
import { createTestDb } from "../helpers/test-db";
import { pdfText } from "../helpers/pdf-text";

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
async function itemOf(claimNumber: string) {
  const [c] = await h.db.select({ id: claims.id }).from(claims).where(and(eq(claims.practiceId, w.practice.id), eq(claims.claimNumber, claimNumber)));
  const [i] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.claimId, c!.id));
  return i!;
}
async function audit(id: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(asc(auditEvents.seq));
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
  for (const n of ["RM1003", "RM1004", "RM1006"]) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Pt${n}` });
  // RM1005 (the CO-197 denial) is billed from a documented infusion, so its retro-authorization has
  // units to ask for. The infusion is documented while the plan does not require authorization.
  await h.db.update(payers).set({ priorAuthRequired: false }).where(eq(payers.id, setup.payers.commercial));
  const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.commercial, { lastName: "PtRM1005" });
  const infusion = await makeReadyInfusion(h.db, biller, setup, p.patientId);
  await h.db.update(payers).set({ priorAuthRequired: true }).where(eq(payers.id, setup.payers.commercial));
  const sent = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "RM1005", patient: p });
  await h.db.insert(claimAdministrations).values({ claimId: sent.claim.id, administrationId: infusion.administrationId, coverageId: p.coverageId, practiceId: w.practice.id });
  await post("denied.835");
  await post("partial.835");
}, 240_000);
afterAll(() => h?.close());

describe("denials.list / counts / get", () => {
  it("lists one line per work item, to every role that reads denials, and never another practice's", async () => {
    for (const c of [biller, admin, manager, pa]) {
      const page = await c.denials.list({});
      expect(page.total).toBe(4);
      expect(page.items.map((i) => i.category).sort()).toEqual(["authorization", "medical-necessity", "ndc-coding", "units"]);
    }
    expect((await other.denials.list({})).total).toBe(0);
    const filtered = await biller.denials.list({ category: "authorization", sort: "amount", dir: "desc" });
    expect(filtered.items).toHaveLength(1);
    expect(filtered.items[0]).toMatchObject({ claimNumber: "RM1005", action: "retro_auth", amountCents: 2280000, dueDate: "2027-04-02", codes: ["CO-197", "CO-197"] });
    expect(await biller.denials.counts()).toMatchObject({ todo: 4, waiting: 0, approval: 0 });
    await expect(w.anonymous.denials.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
  it("refuses bad filters with the field named", async () => {
    const err = await biller.denials.list({ category: "made-up" as never, view: "nope" as never }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, "r").data.zodError?.fieldErrors.category?.[0]).toBe("Unknown denial category.");
  });
  it("shows the detail with cause, explanation, lines and the actions the role may take; another practice gets not found", async () => {
    const item = await itemOf("RM1005");
    const d = await biller.denials.get({ id: item.id });
    expect(d).toMatchObject({ claimNumber: "RM1005", categoryLabel: "Authorization", status: "open", revision: 1, payerClaimNumber: "SHP26100400005" });
    expect(d.cause).toContain("went out with no authorization number");
    expect(d.actions).toEqual(expect.arrayContaining(["start", "request_retro_auth", "create_corrected_claim", "send_appeal", "write_off", "resolve"]));
    expect((await manager.denials.get({ id: item.id })).actions).toEqual(["appeal_letter"]);
    expect((await pa.denials.get({ id: item.id })).actions).toEqual(expect.arrayContaining(["request_retro_auth", "note"]));
    expect((await pa.denials.get({ id: item.id })).actions).not.toContain("write_off");
    await expect(other.denials.get({ id: item.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("working a CO-197 denial: retro-authorization, then a corrected claim", () => {
  it("a PA coordinator requests the retro-authorization; the biller creates the corrected claim with the new number (frequency 7)", async () => {
    const item = await itemOf("RM1005");
    await expect(manager.denials.requestRetroAuth({ id: item.id, revision: 1, note: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await pa.denials.requestRetroAuth({ id: item.id, revision: 1, note: "Called the payer: retro-auth request faxed." });
    expect(r).toMatchObject({ status: "retro_auth", revision: 2, priorAuthRequestNumber: expect.any(String) });
    // the prior-authorization work is open in the coordinators' queue, for the units the claim billed
    const [request] = await h.db.select().from(priorAuthRequests).where(eq(priorAuthRequests.id, r.priorAuthRequestId!));
    expect(request).toMatchObject({ practiceId: w.practice.id, status: "needed", requestNumber: r.priorAuthRequestNumber, startDate: "2026-09-14" });
    expect(request!.notes).toBe("Retro-authorization for claim RM1005: Called the payer: retro-auth request faxed.");
    expect(request!.requestedLines).toEqual([expect.objectContaining({ hcpcs: "J9173", units: 74, doses: 1 })]);
    expect((await itemOf("RM1005")).priorAuthRequestId).toBe(request!.id);
    expect((await audit(item.id)).at(-1)!.after).toMatchObject({ status: "retro_auth", priorAuthRequestNumber: request!.requestNumber });
    const c = await biller.denials.createCorrectedClaim({ id: item.id, revision: 2, reason: "Retro-authorization approved", priorAuthNumber: "RA-2026-0042", payerClaimNumber: null });
    expect(c).toMatchObject({ status: "corrected", revision: 3 });
    const [corr] = await h.db.select().from(claims).where(eq(claims.id, c.correctedClaimId));
    expect(corr).toMatchObject({ frequency: "replacement", status: "draft", payerClaimNumber: "SHP26100400005", priorAuthNumber: "RA-2026-0042" });
    const d = await biller.denials.get({ id: item.id });
    expect(d.correctedClaim).toMatchObject({ id: c.correctedClaimId, status: "draft" });
    expect(d.history.map((x) => x.action)).toEqual(["denial.opened", "denial.request_retro_auth", "denial.create_corrected_claim"]);
    expect(d.notes[0]).toMatchObject({ text: "Called the payer: retro-auth request faxed.", author: "Test pa_coordinator" });
    const rows = await audit(item.id);
    expect(rows.at(-1)).toMatchObject({ actorUserId: w.as.biller.user.id, before: { status: "retro_auth" }, after: expect.objectContaining({ status: "corrected", correctedClaimNumber: corr!.claimNumber }) });
  });
});

describe("working a CO-50 denial into an appeal", () => {
  it("renders the appeal letter PDF with the denial in words, marks the appeal sent, then records the outcome", async () => {
    const item = await itemOf("RM1006");
    const { data, patientId } = await appealLetterData(h.db, { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "t" }, item.id, now);
    expect(patientId).toBeTruthy();
    const text = pdfText(await renderAppealLetter(data)).join("\n");
    expect(text).toContain("RM1006");
    expect(text).toContain("CO-50 These are non-covered services");
    expect(text).toContain("N115");
    const a = await biller.denials.sendAppeal({ id: item.id, revision: 1, argument: "Stage III NSCLC after chemoradiation: on-label consolidation." });
    expect(a).toMatchObject({ status: "appealed", revision: 2 });
    await expect(biller.denials.resolve({ id: item.id, revision: 2, outcome: "overturned", recoveredCents: null, note: null })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const r = await biller.denials.resolve({ id: item.id, revision: 2, outcome: "overturned", recoveredCents: 1820000, note: "Paid on reprocessing." });
    expect(r).toMatchObject({ status: "resolved" });
    const [row] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.id, item.id));
    expect(row).toMatchObject({ outcome: "overturned", recoveredCents: 1820000 });
    await expect(biller.denials.sendAppeal({ id: item.id, revision: 3, argument: null })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("no further changes") });
  });
});

describe("write-offs and the manager's approval", () => {
  it("above the threshold a write-off waits for a manager; the requester cannot approve it; a manager can", async () => {
    const item = await itemOf("RM1004");
    await admin.remittances.saveSettings({ writeOffApprovalCents: 100000 });
    const r = await biller.denials.writeOff({ id: item.id, revision: 1, amountCents: 2250000, reason: "NDC cannot be corrected: drug from an unlisted lot" });
    expect(r).toMatchObject({ status: "write_off_pending", needsApproval: true, thresholdCents: 100000 });
    await expect(biller.denials.approveWriteOff({ id: item.id, revision: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approved = await manager.denials.approveWriteOff({ id: item.id, revision: 2 });
    expect(approved).toMatchObject({ status: "written_off" });
    const [row] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.id, item.id));
    expect(row).toMatchObject({ writeOffCents: 2250000, writeOffApprovedByUserId: w.as.manager.user.id, writeOffRequestedByUserId: w.as.biller.user.id });
    const log = await audit(item.id);
    expect(log.map((x) => x.action)).toEqual(["denial.opened", "denial.request_write_off", "denial.approve_write_off"]);
  });
  it("refuses a write-off above the open amount, and bad input with the field named", async () => {
    const [u] = await h.db.select().from(denialWorkItems).where(and(eq(denialWorkItems.practiceId, w.practice.id), eq(denialWorkItems.category, "units")));
    const err = await biller.denials.writeOff({ id: u!.id, revision: 1, amountCents: u!.amountCents + 1, reason: "too much" }).catch((e) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    expect(formatError(err, "r").data.field).toBe("amountCents");
    const bad = await biller.denials.writeOff({ id: u!.id, revision: 1, amountCents: -5, reason: "x" }).catch((e) => e);
    expect(formatError(bad, "r").data.zodError?.fieldErrors.amountCents?.[0]).toBe("Enter an amount above zero.");
    const ctl = await biller.denials.addNote({ id: u!.id, text: "bad\u202Etext" }).catch((e) => e);
    expect(ctl.code).toBe("BAD_REQUEST");
  });
});

describe("concurrent work on one denial", () => {
  it("two billers acting on the same revision: one wins, the other gets a conflict and nothing is overwritten", async () => {
    const [u] = await h.db.select().from(denialWorkItems).where(and(eq(denialWorkItems.practiceId, w.practice.id), eq(denialWorkItems.category, "units")));
    const second = callerFor(h.db, w.as.admin.session, clock);
    const results = await Promise.allSettled([
      biller.denials.assign({ id: u!.id, revision: u!.revision, assigneeUserId: w.as.biller.user.id }),
      second.denials.start({ id: u!.id, revision: u!.revision }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ code: "CONFLICT" });
    const [after] = await h.db.select().from(denialWorkItems).where(eq(denialWorkItems.id, u!.id));
    expect(after!.revision).toBe(u!.revision + 1);
  });
  it("an action that the state no longer allows is refused with the allowed ones named", async () => {
    const [u] = await h.db.select().from(denialWorkItems).where(and(eq(denialWorkItems.practiceId, w.practice.id), eq(denialWorkItems.category, "units")));
    const err = await biller.denials.approveWriteOff({ id: u!.id, revision: u!.revision }).catch((e) => e);
    expect(err.code).toBe("FORBIDDEN");
    const e2 = await admin.denials.approveWriteOff({ id: u!.id, revision: u!.revision }).catch((e) => e);
    expect(e2.code).toBe("CONFLICT");
    expect(e2.message).toContain("Cannot approve write off a denial");
  });
});

describe("denials.counts (the queue's tab badges)", () => {
  it("counts each tab's open items, the overdue ones and the user's own; closed items and other practices' never", async () => {
    const items = await h.db.select({ id: denialWorkItems.id }).from(denialWorkItems).where(eq(denialWorkItems.practiceId, w.practice.id)).orderBy(asc(denialWorkItems.createdAt), asc(denialWorkItems.id));
    expect(items).toHaveLength(4);
    const me = w.as.biller.user.id;
    const someoneElse = w.as.manager.user.id;
    const setStates = async (states: Partial<typeof denialWorkItems.$inferInsert>[]) => {
      for (const [i, item] of items.entries()) await h.db.update(denialWorkItems).set(states[i]!).where(eq(denialWorkItems.id, item.id));
    };
    const writeOff = { writeOffCents: 100, writeOffReason: "small balance" };
    // today is 2026-10-20 (the callers' clock): due the 19th is overdue, due today is not
    await setStates([
      { status: "open", dueDate: "2026-10-19", assigneeUserId: me }, // to work, overdue, mine
      { status: "in_progress", dueDate: "2026-10-20", assigneeUserId: null }, // to work
      { status: "appealed", dueDate: "2026-09-01", assigneeUserId: someoneElse }, // waiting, overdue
      { status: "write_off_pending", dueDate: null, assigneeUserId: me, ...writeOff }, // approval, mine
    ]);
    expect(await biller.denials.counts()).toEqual({ todo: 2, waiting: 1, approval: 1, overdue: 2, mine: 2 });
    expect(await manager.denials.counts()).toEqual({ todo: 2, waiting: 1, approval: 1, overdue: 2, mine: 1 });
    await setStates([
      { status: "written_off", dueDate: "2026-09-01", assigneeUserId: me, ...writeOff }, // closed: in no count
      { status: "resolved", dueDate: "2026-09-01", assigneeUserId: me, outcome: "overturned" }, // closed: in no count
      { status: "corrected", dueDate: "2026-10-19", assigneeUserId: null }, // waiting, overdue
      { status: "retro_auth", dueDate: "2026-10-21", assigneeUserId: me }, // waiting, mine
    ]);
    expect(await biller.denials.counts()).toEqual({ todo: 0, waiting: 2, approval: 0, overdue: 1, mine: 1 });
    expect(await other.denials.counts()).toEqual({ todo: 0, waiting: 0, approval: 0, overdue: 0, mine: 0 });
    await expect(w.anonymous.denials.counts()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
