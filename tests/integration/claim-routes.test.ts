import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, locations } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { SessionUser } from "@/server/services/auth";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, makeCoveredPatient, makeReadyInfusion, setUpClaimsPractice } from "../factories/claims";
import { pdfText } from "../helpers/pdf-text";
import { createTestDb } from "../helpers/test-db";
import { make277ca, make999 } from "../helpers/x12-acks";
import { x12Validate } from "../helpers/x12-validate";

/*
 * The claims area's route handlers (837 download, CMS-1500 PDF, acknowledgment upload, claims CSV),
 * called as Next calls them, on a real database: only the signed-in user and the database come from
 * outside.
 */
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getDb: async () => state.db,
}));
vi.mock("@/server/auth/auth", () => ({
  currentUser: async () => state.user,
  currentSessionId: async () => null,
  currentIdentity: async () => ({ user: state.user, operator: null }),
}));

const { GET: cms1500 } = await import("@/app/api/claims/[id]/cms1500/route");
const { GET: batchFile } = await import("@/app/api/claims/batches/[id]/file/route");
const { POST: uploadAcks } = await import("@/app/api/claims/acknowledgments/route");
const { GET: exportClaims } = await import("@/app/api/export/claims/route");

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
const tmp = mkdtempSync(path.join(tmpdir(), "claim-routes-"));
const as = (s: SessionUser | null) => {
  state.user = s;
};
const BASE = "http://127.0.0.1:3000";
const get = (p: string) => new Request(`${BASE}${p}`);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function readyClaim(
  payer: keyof PracticeSetupIds["payers"] = "medicare",
  opts: Parameters<typeof makeReadyInfusion>[4] = {},
) {
  const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers[payer], { lastName: "Routeson" });
  const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId, opts);
  const c = await biller.claims.build({ administrationIds: [inf.administrationId] });
  await biller.claims.markReady({ claimId: c.id });
  return { claimId: c.id, claimNumber: c.claimNumber, patientId: p.patientId };
}

function upload(files: { name: string; text: string }[], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const f of files) form.append("files", new File([Buffer.from(f.text, "latin1")], f.name));
  return uploadAcks(
    new Request(`${BASE}/api/claims/acknowledgments`, {
      method: "POST",
      body: form,
      headers: { origin: BASE, ...headers },
    }),
    {},
  );
}

beforeAll(async () => {
  h = await createTestDb();
  state.db = h.db;
  w = await makeWorld(h.db);
  biller = callerFor(h.db, w.as.biller.session, () => CLAIM_NOW);
  setup = await setUpClaimsPractice(
    h.db,
    w.practice.id,
    w.other.id,
    callerFor(h.db, w.as.admin.session, () => CLAIM_NOW),
  );
  await h.db
    .update(locations)
    .set({ zip: "537051234" })
    .where(eq(locations.id, setup.locations.hospitalOutpatient));
}, 240_000);
afterAll(() => h?.close());

describe("CMS-1500 PDF route", () => {
  it("prints the stored claim with the NDC in 24A's shaded area, the pointers and the NPIs; audited; other practices and signed-out users get nothing", async () => {
    // A commercial plan that wants the NDC in ML on the drug line.
    const c = await readyClaim("commercial");
    const d = await biller.claims.get({ claimId: c.claimId });
    as(w.as.biller.session);
    const res = await cms1500(get(`/api/claims/${c.claimId}/cms1500`), params(c.claimId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`cms1500-${c.claimNumber}.pdf`);
    const text = pdfText(new Uint8Array(await res.arrayBuffer())).join(" ");
    const drug = d.lines.find((l) => l.code === "J9173")!;
    expect(drug.ndc).not.toBeNull();
    expect(text).toContain(`N4${drug.ndc!.code11} ${drug.ndc!.unit}${drug.ndc!.quantity}`);
    expect(text).toContain(c.claimNumber);
    expect(text).toContain(d.billingProvider.npi);
    expect(text).toContain(d.claim.diagnoses[0]!.code);
    const audit = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, c.claimId), eq(auditEvents.action, "claim.cms1500_downloaded")));
    expect(audit).toHaveLength(1);

    as(w.otherAdmin.session);
    expect((await cms1500(get(`/api/claims/${c.claimId}/cms1500`), params(c.claimId))).status).toBe(404);
    as(null);
    expect((await cms1500(get(`/api/claims/${c.claimId}/cms1500`), params(c.claimId))).status).toBe(401);
    as(w.as.biller.session);
    expect((await cms1500(get("/api/claims/not-a-uuid/cms1500"), params("not-a-uuid"))).status).toBe(404);
  }, 240_000);

  it("refuses an institutional claim (a UB-04 claim) with the reason", async () => {
    const c = await readyClaim("commercial", { location: "hospitalOutpatient" });
    as(w.as.biller.session);
    const res = await cms1500(get(`/api/claims/${c.claimId}/cms1500`), params(c.claimId));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("UB-04");
  }, 240_000);
});

describe("837 download and acknowledgment upload routes", () => {
  it("downloads the batch's file byte for byte (valid X12, same bytes twice); imports a 999 and a 277CA rejection at once; the same files again change nothing", async () => {
    const c = await readyClaim("commercial");
    const created = await biller.claims.batches.create({ claimIds: [c.claimId] });
    const batchId = created.batches[0]!.id;
    as(w.as.biller.session);
    const one = await batchFile(get(`/api/claims/batches/${batchId}/file`), params(batchId));
    expect(one.status).toBe(200);
    expect(one.headers.get("content-disposition")).toContain(".");
    const bytes = Buffer.from(await one.arrayBuffer());
    const two = Buffer.from(
      await (await batchFile(get(`/api/claims/batches/${batchId}/file`), params(batchId))).arrayBuffer(),
    );
    expect(two.equals(bytes)).toBe(true);
    expect(bytes.toString("latin1")).toContain(`CLM*${c.claimNumber}*`);
    const f = path.join(tmp, "download.837");
    writeFileSync(f, bytes);
    const v = x12Validate([f]);
    expect(v.ok, v.output).toBe(true);

    as(w.otherAdmin.session);
    expect((await batchFile(get(`/api/claims/batches/${batchId}/file`), params(batchId))).status).toBe(404);

    as(w.as.biller.session);
    await biller.claims.batches.submit({ batchId, channel: "clearinghouse_upload" });
    const b = await biller.claims.batches.get({ batchId });
    const d = await biller.claims.get({ claimId: c.claimId });
    const files = [
      {
        name: "answer.999",
        text: make999({
          groupControlNumber: b.batch.groupControlNumber,
          transactionSetControlNumber: b.batch.transactionSetControlNumber,
          status: "A",
          icn: 7001,
        }),
      },
      {
        name: "answer.277",
        text: make277ca(
          [
            {
              claimNumber: c.claimNumber,
              status: "A7:164:IL",
              amount: (d.claim.totalChargeCents / 100).toFixed(2),
              dateOfService: d.claim.dateOfService.replace(/-/g, ""),
              lastName: "ROUTESON",
              firstName: "MARGARET",
              memberId: d.payer.memberId,
            },
          ],
          { icn: 7002, payerName: "NORTHWOODS", payerId: "NWH01", trace: "T7002" },
        ),
      },
    ];
    for (const x of files) writeFileSync(path.join(tmp, x.name), x.text, "latin1");
    const res = await upload(files);
    expect(res.status).toBe(200);
    const result = (await res.json()) as { outcome: string; kind: string; counts: { rejected: number } }[];
    expect(result.map((r) => [r.kind, r.outcome])).toEqual([
      ["999", "imported"],
      ["277CA", "imported"],
    ]);
    const after = await biller.claims.get({ claimId: c.claimId });
    expect(after.claim.status).toBe("rejected");
    expect(after.claim.rejection?.source).toBe("277CA");
    const again = (await (await upload(files)).json()) as { outcome: string }[];
    expect(again.map((r) => r.outcome)).toEqual(["duplicate", "duplicate"]);
    expect((await biller.claims.get({ claimId: c.claimId })).history.length).toBe(after.history.length);
  }, 400_000);

  it("refuses an upload from a role that cannot submit, from another site, or without files", async () => {
    as(w.as.manager.session);
    expect((await upload([{ name: "x.999", text: "ISA*" }])).status).toBe(403);
    as(w.as.biller.session);
    expect((await upload([{ name: "x.999", text: "ISA*" }], { origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await upload([])).status).toBe(400);
    const junk = (await (await upload([{ name: "notes.txt", text: "hello" }])).json()) as {
      outcome: string;
    }[];
    expect(junk[0]!.outcome).toBe("unreadable");
  }, 120_000);
});

describe("claims CSV export", () => {
  it("exports the worklist with the screen's filters, only this practice's claims, and is audited", async () => {
    const c = await readyClaim("medicare");
    as(w.as.manager.session);
    const res = await exportClaims(get(`/api/export/claims?status=ready&q=${c.claimNumber}`), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe(
      "Claim,MRN,Patient,Date of service,Payer,Claim type,Frequency,Status,Charge,Paid,Age (days),Filing limit,Days left to file,Errors,Open warnings,Note,Batch ICN,Claim id",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(c.claimNumber);
    expect(lines[1]).toContain("Ready to send");
    as(w.otherAdmin.session);
    const theirs = (
      await (
        await exportClaims(get(`/api/export/claims?q=${c.claimNumber}`), { params: Promise.resolve({}) })
      ).text()
    )
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(theirs).toHaveLength(1);
    as(w.as.manager.session);
    expect(
      (await exportClaims(get("/api/export/claims?status=bogus"), { params: Promise.resolve({}) })).status,
    ).toBe(400);
  }, 240_000);
});

describe("claims.forInfusion", () => {
  it("lists the infusion's claims (live and past) for readers of claims; other practices, bad ids and roles without claims get nothing", async () => {
    const p = await makeCoveredPatient(h.db, w.practice.id, setup.payers.medicare, { lastName: "Infusionclaim" });
    const inf = await makeReadyInfusion(h.db, biller, setup, p.patientId);
    expect(await biller.claims.forInfusion({ administrationId: inf.administrationId })).toEqual([]);
    const first = await biller.claims.build({ administrationIds: [inf.administrationId] });
    await biller.claims.cancel({ claimId: first.id, reason: "Built against the wrong visit." });
    const second = await biller.claims.build({ administrationIds: [inf.administrationId] });
    const manager = callerFor(h.db, w.as.manager.session, () => CLAIM_NOW);
    const list = await manager.claims.forInfusion({ administrationId: inf.administrationId });
    expect(list.map((c) => [c.id, c.status, c.active])).toEqual([
      [second.id, "draft", true],
      [first.id, "cancelled", false],
    ]);
    expect(list[0]).toMatchObject({ claimNumber: second.claimNumber, frequency: "original", payerName: expect.stringContaining("Medicare") });
    expect(await callerFor(h.db, w.otherAdmin.session, () => CLAIM_NOW).claims.forInfusion({ administrationId: inf.administrationId })).toEqual([]);
    await expect(biller.claims.forInfusion({ administrationId: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  }, 240_000);
});
