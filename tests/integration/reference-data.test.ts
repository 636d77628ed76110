import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { aspPrices, auditEvents } from "@/db/schema";
import { parseCsv } from "@/server/domain/csv-parse";
import { makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

/** The ASP table as downloaded, with the 2026Q2 quarter added (a quarterly update). */
async function aspWithNewQuarter(limit = "87.125") {
  const csv = await w.as.admin.caller.referenceData.exportCsv({ table: "aspPrices" });
  const q1 = csv.split("\r\n").find((l) => l.startsWith("J9173,2026Q1"))!;
  return `${csv}${q1.replace("2026Q1", "2026Q2").replace("3Q25", "4Q25").replace("86.27", limit).replace("2026-01-01", "2026-04-01").replace("2026-03-31", "2026-06-30")}\r\n`;
}

describe("referenceData read procedures", () => {
  it("list tables with row counts and rows to every role with referenceData.read", async () => {
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      const tables = await w.as[role].caller.referenceData.tables();
      expect(tables.find((t) => t.key === "ndcPackages")?.rows).toBeGreaterThanOrEqual(5);
    }
    const ndc = await w.as.manager.caller.referenceData.rows({ table: "ndcPackages" });
    expect(ndc.rows.map((r) => r.ndc11)).toEqual(expect.arrayContaining(["00310461150", "00310450012"]));
    await expect(w.anonymous.referenceData.tables()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
  it("exports a table as CSV with the seed field names as header", async () => {
    const csv = await w.as.biller.caller.referenceData.exportCsv({ table: "drugs" });
    const parsed = parseCsv(csv);
    expect(parsed.rows[0]).toContain("hcpcs");
    expect(parsed.rows.some((r) => r[0] === "J9173")).toBe(true);
  });
  it("rejects an unknown table name with the field named", async () => {
    await expect(w.as.admin.caller.referenceData.rows({ table: "users" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("reference file upload", () => {
  it("previews a quarterly ASP update, then applies it in one transaction with an audit row", async () => {
    const csv = await aspWithNewQuarter();
    const preview = await w.as.admin.caller.referenceData.previewUpload({ table: "aspPrices", csv });
    expect(preview).toMatchObject({ canApply: true, problemCount: 0, counts: { added: 1, changed: 0, removed: 0 } });
    expect(preview.changes).toEqual([{ key: "J9173 | 2026Q2", kind: "added" }]);
    // Nothing changed yet.
    expect((await h.db.select().from(aspPrices).where(eq(aspPrices.quarter, "2026Q2"))).length).toBe(0);

    const applied = await w.as.admin.caller.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: preview.baseFingerprint });
    expect(applied.counts.added).toBe(1);
    const [row] = await h.db.select().from(aspPrices).where(eq(aspPrices.quarter, "2026Q2"));
    expect(row!.paymentLimit).toBe("87.125");
    const [audit] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "referenceData.version_loaded"));
    expect(audit).toMatchObject({ entityType: "reference_table", entityId: "aspPrices", actorUserId: w.as.admin.user.id, practiceId: w.practice.id });
    expect(audit!.after).toMatchObject({ added: 1, changed: 0, removed: 0 });

    // The same preview cannot be applied twice: the table moved on.
    await expect(
      w.as.admin.caller.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: preview.baseFingerprint }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a file with bad rows shows every problem and changes nothing, even if applied anyway", async () => {
    const good = await w.as.admin.caller.referenceData.exportCsv({ table: "ndcPackages" });
    const lines = good.split("\r\n");
    lines[1] = lines[1]!.replace(/^\d{11}/, "0310-4611-50");
    const csv = lines.join("\r\n");
    const before = await w.as.admin.caller.referenceData.rows({ table: "ndcPackages" });
    const preview = await w.as.admin.caller.referenceData.previewUpload({ table: "ndcPackages", csv });
    expect(preview.canApply).toBe(false);
    expect(preview.problems[0]).toMatchObject({ line: 2, field: "ndc11" });
    await expect(
      w.as.admin.caller.referenceData.applyUpload({ table: "ndcPackages", csv, baseFingerprint: preview.baseFingerprint }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("line 2") });
    const after = await w.as.admin.caller.referenceData.rows({ table: "ndcPackages" });
    expect(after.rows).toEqual(before.rows);
  });

  it("is admin-only; other roles cannot preview or apply", async () => {
    const csv = await aspWithNewQuarter("88");
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.referenceData.previewUpload({ table: "aspPrices", csv })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.as[role].caller.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: "x" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
  });

  it("the upload is audited in the uploader's practice only (reference data itself is shared)", async () => {
    const mine = await w.as.admin.caller.audit.list({ entityType: "reference_table" });
    const theirs = await w.otherAdmin.caller.audit.list({ entityType: "reference_table" });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(theirs.items).toHaveLength(0);
  });
});
