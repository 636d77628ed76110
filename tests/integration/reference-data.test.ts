import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { aspPrices, platformAuditEvents, referenceVersions } from "@/db/schema";
import { parseCsv } from "@/server/domain/csv-parse";
import { makeOperator, makeWorld } from "../factories";
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

describe("reference file upload: the platform operator's alone (issue 7 item 1)", () => {
  it("a practice administrator can neither preview nor apply a reference file (every practice's claims use it)", async () => {
    const csv = await aspWithNewQuarter("88");
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.referenceData.previewUpload({ table: "aspPrices", csv })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.as[role].caller.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: "x" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    await expect(w.anonymous.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: "x" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await h.db.select().from(aspPrices).where(eq(aspPrices.quarter, "2026Q2"))).length).toBe(0);
  });

  it("the operator previews a quarterly ASP update, then applies it with a version and a platform audit row every practice's admin reads", async () => {
    const { caller: operator, operator: op } = await makeOperator(h.db);
    const csv = await aspWithNewQuarter();
    const preview = await operator.referenceData.previewUpload({ table: "aspPrices", csv });
    expect(preview).toMatchObject({ canApply: true, problemCount: 0, counts: { added: 1, changed: 0, removed: 0 } });
    expect(preview.changes).toEqual([{ key: "J9173 | 2026Q2", kind: "added" }]);
    // Nothing changed yet.
    expect((await h.db.select().from(aspPrices).where(eq(aspPrices.quarter, "2026Q2"))).length).toBe(0);

    const applied = await operator.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: preview.baseFingerprint });
    expect(applied).toMatchObject({ counts: { added: 1 }, version: 2 });
    const [row] = await h.db.select().from(aspPrices).where(eq(aspPrices.quarter, "2026Q2"));
    expect(row!.paymentLimit).toBe("87.125");

    // Audited on the platform trail, which administrators of every practice read (not billers).
    for (const admin of [w.as.admin.caller, w.otherAdmin.caller]) {
      const trail = await admin.referenceData.platformAudit({});
      const loaded = trail.items.find((e) => e.action === "referenceData.version_loaded" && e.entityId === "aspPrices");
      expect(loaded).toMatchObject({ operatorName: op.name, after: expect.objectContaining({ version: 2, added: 1 }) });
    }
    await expect(w.as.biller.caller.referenceData.platformAudit({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [ev] = await h.db.select().from(platformAuditEvents).where(eq(platformAuditEvents.action, "referenceData.version_loaded"));
    expect(ev).toMatchObject({ operatorId: op.id, entityType: "reference_table" });
    // No practice's own trail claims the change.
    expect((await w.as.admin.caller.audit.list({ entityType: "reference_table" })).items).toHaveLength(0);

    // Versions: as installed (1) and the upload (2); admins compare them, the operator too.
    const versions = await w.otherAdmin.caller.referenceData.versions({ table: "aspPrices" });
    expect(versions.map((v) => [v.version, v.appliedBy, v.counts])).toEqual([
      [2, op.name, { added: 1, changed: 0, removed: 0 }],
      [1, "As installed", null],
    ]);
    const diff = await w.as.admin.caller.referenceData.compareVersions({ table: "aspPrices", from: 1, to: "current" });
    expect(diff.changes).toEqual([{ key: "J9173 | 2026Q2", kind: "added" }]);
    const back = await operator.referenceData.compareVersions({ table: "aspPrices", from: 2, to: 1 });
    expect(back.changes).toEqual([{ key: "J9173 | 2026Q2", kind: "removed" }]);
    await expect(w.as.biller.caller.referenceData.compareVersions({ table: "aspPrices", from: 1, to: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.admin.caller.referenceData.compareVersions({ table: "aspPrices", from: 9, to: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The same preview cannot be applied twice: the table moved on.
    await expect(operator.referenceData.applyUpload({ table: "aspPrices", csv, baseFingerprint: preview.baseFingerprint })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("a file with bad rows shows every problem and changes nothing, even if applied anyway", async () => {
    const { caller: operator } = await makeOperator(h.db);
    const good = await operator.referenceData.exportCsv({ table: "ndcPackages" });
    const lines = good.split("\r\n");
    lines[1] = lines[1]!.replace(/^\d{11}/, "0310-4611-50");
    const csv = lines.join("\r\n");
    const before = await w.as.admin.caller.referenceData.rows({ table: "ndcPackages" });
    const preview = await operator.referenceData.previewUpload({ table: "ndcPackages", csv });
    expect(preview.canApply).toBe(false);
    expect(preview.problems[0]).toMatchObject({ line: 2, field: "ndc11" });
    await expect(operator.referenceData.applyUpload({ table: "ndcPackages", csv, baseFingerprint: preview.baseFingerprint })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("line 2"),
    });
    const after = await w.as.admin.caller.referenceData.rows({ table: "ndcPackages" });
    expect(after.rows).toEqual(before.rows);
  });

  it("an operator is outside every practice: practice procedures refuse them", async () => {
    const { caller: operator } = await makeOperator(h.db);
    await expect(operator.patients.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(operator.users.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(operator.audit.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("the platform audit trail and the version history are append-only", async () => {
    await expect(h.db.delete(platformAuditEvents)).rejects.toThrow();
    await expect(h.db.update(referenceVersions).set({ csv: "x" })).rejects.toThrow();
  });
});
