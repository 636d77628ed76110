import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { callerFor, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

describe("exports.record (the audit row of a file download)", () => {
  it("records who downloaded which list, with its filters and row count, in the caller's practice", async () => {
    const { exportId } = await w.as.manager.caller.exports.record({ kind: "patients", filters: { q: "smith", sort: "name", dir: "asc" }, rows: 12 });
    const [row] = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, exportId));
    expect(row).toMatchObject({
      practiceId: w.practice.id,
      actorUserId: w.as.manager.user.id,
      action: "export.downloaded",
      entityType: "export",
      after: { kind: "patients", filters: { q: "smith", sort: "name", dir: "asc" }, rows: 12 },
    });
    const theirs = await w.otherAdmin.caller.audit.list({ entityType: "export" });
    expect(theirs.items).toHaveLength(0);
  });

  it("is open to every role that reads the list, and to nobody else", async () => {
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.exports.record({ kind: "worklist", filters: { list: "due" }, rows: 3 })).resolves.toHaveProperty("exportId");
    }
    await expect(w.anonymous.exports.record({ kind: "reference", filters: {}, rows: 1 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const temporary = callerFor(h.db, { ...w.as.biller.session, mustChangePassword: true });
    await expect(temporary.exports.record({ kind: "patients", filters: {}, rows: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects unknown kinds and malformed filters", async () => {
    await expect(w.as.admin.caller.exports.record({ kind: "users" as never, filters: {}, rows: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.admin.caller.exports.record({ kind: "patients", filters: { q: "x".repeat(500) }, rows: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.admin.caller.exports.record({ kind: "patients", filters: {}, rows: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
