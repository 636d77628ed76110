import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { feeScheduleOn } from "@/server/services/fee-schedule";
import { makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

describe("feeSchedule", () => {
  it("a new price starts on its date and closes the previous one, which earlier dates keep", async () => {
    await w.as.admin.caller.feeSchedule.set({ code: "j9173", unitPrice: 150, effectiveFrom: "2026-01-01" });
    const second = await w.as.admin.caller.feeSchedule.set({ code: "J9173", unitPrice: 155.25, effectiveFrom: "2026-10-01" });
    expect(second).toMatchObject({ code: "J9173", unitPriceCents: 15525, effectiveTo: null });
    const rows = await w.as.biller.caller.feeSchedule.list();
    expect(rows.map((r) => [r.unitPriceCents, r.effectiveFrom, r.effectiveTo])).toEqual([
      [15000, "2026-01-01", "2026-09-30"],
      [15525, "2026-10-01", null],
    ]);
    expect(await feeScheduleOn(h.db, w.practice.id, "2026-09-14")).toEqual({ J9173: 15000 });
    expect(await feeScheduleOn(h.db, w.practice.id, "2026-10-01")).toEqual({ J9173: 15525 });
    const audits = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "fee_schedule.price_set"));
    expect(audits.at(-1)).toMatchObject({ before: { unitPriceCents: 15000 }, after: { unitPriceCents: 15525, effectiveFrom: "2026-10-01" } });
  });

  it("refuses a price that does not start after the one in force, bad codes and negative prices", async () => {
    await expect(w.as.admin.caller.feeSchedule.set({ code: "J9173", unitPrice: 1, effectiveFrom: "2026-10-01" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(w.as.admin.caller.feeSchedule.set({ code: "J91", unitPrice: 1, effectiveFrom: "2026-10-02" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.admin.caller.feeSchedule.set({ code: "96413", unitPrice: -1, effectiveFrom: "2026-10-02" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.admin.caller.feeSchedule.set({ code: "96413", unitPrice: 1.005, effectiveFrom: "2026-10-02" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("only admins set prices; every role reads; practices never see each other's prices", async () => {
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.feeSchedule.set({ code: "96413", unitPrice: 300, effectiveFrom: "2026-01-01" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(w.as[role].caller.feeSchedule.list()).resolves.toBeDefined();
    }
    expect(await w.otherAdmin.caller.feeSchedule.list()).toEqual([]);
    await w.otherAdmin.caller.feeSchedule.set({ code: "96413", unitPrice: 280, effectiveFrom: "2026-01-01" });
    expect((await w.as.admin.caller.feeSchedule.list()).map((r) => r.code)).toEqual(["J9173", "J9173"]);
    await expect(w.anonymous.feeSchedule.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
