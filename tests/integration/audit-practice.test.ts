import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, practices } from "@/db/schema";
import { makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

const validPractice = {
  name: "Lakeside Oncology",
  npi: "1234567893",
  taxId: "36-4512789",
  addressLine1: "400 Lakeshore Dr",
  city: "Madison",
  state: "wi",
  zip: "53703",
};

describe("practice", () => {
  it("get returns the caller's own practice to every role", async () => {
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      expect((await w.as[role].caller.practice.get()).id).toBe(w.practice.id);
    }
    expect((await w.otherAdmin.caller.practice.get()).id).toBe(w.other.id);
    await expect(w.anonymous.practice.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("update validates NPI check digit, tax id and state, and audits before/after", async () => {
    await expect(w.as.admin.caller.practice.update({ ...validPractice, npi: "1234567890" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.admin.caller.practice.update({ ...validPractice, taxId: "12-34" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const updated = await w.as.admin.caller.practice.update(validPractice);
    expect(updated).toMatchObject({ name: "Lakeside Oncology", taxId: "364512789", state: "WI" });
    const [ev] = await h.db.select().from(auditEvents).where(eq(auditEvents.action, "practice.updated"));
    expect(ev!.before).toMatchObject({ name: w.practice.name });
    expect(ev!.after).toMatchObject({ name: "Lakeside Oncology" });
    const [other] = await h.db.select().from(practices).where(eq(practices.id, w.other.id));
    expect(other!.name).toBe("Other Practice");
  });

  it("update is admin-only", async () => {
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.practice.update(validPractice)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("audit.list", () => {
  it("shows admins and managers their practice's events, newest first, filterable and paginated", async () => {
    const a = await w.as.admin.caller.users.create({ email: "audit-a@t.example", name: "Audit A", role: "biller" });
    await w.as.admin.caller.users.changeRole({ userId: a.user.id, role: "manager" });
    await w.otherAdmin.caller.users.create({ email: "audit-other@t.example", name: "Other", role: "biller" });

    const byEntity = await w.as.manager.caller.audit.list({ entityType: "user", entityId: a.user.id });
    expect(byEntity.items.map((e) => e.action)).toEqual(["user.role_changed", "user.created"]);
    expect(byEntity.items[0]).toMatchObject({ actorUserId: w.as.admin.user.id, actorName: w.as.admin.user.name });

    const byActor = await w.as.admin.caller.audit.list({ actorUserId: w.otherAdmin.user.id });
    expect(byActor.items).toHaveLength(0); // another practice's events are invisible

    const today = new Date().toISOString().slice(0, 10);
    const page1 = await w.as.admin.caller.audit.list({ from: today, to: today, limit: 1 });
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await w.as.admin.caller.audit.list({ from: today, to: today, limit: 1, cursor: page1.nextCursor! });
    expect(page2.items[0]!.seq).toBeLessThan(page1.items[0]!.seq);
    const future = await w.as.admin.caller.audit.list({ from: "2099-01-01" });
    expect(future.items).toHaveLength(0);
  });

  it("lists the entity types that have events in the caller's practice only", async () => {
    expect(await w.as.manager.caller.audit.entityTypes()).toEqual(expect.arrayContaining(["user"]));
    await w.otherAdmin.caller.feeSchedule.set({ code: "96413", unitPrice: 280, effectiveFrom: "2026-01-01" });
    expect(await w.otherAdmin.caller.audit.entityTypes()).toContain("fee_schedule");
    expect(await w.as.admin.caller.audit.entityTypes()).not.toContain("fee_schedule");
    await expect(w.as.biller.caller.audit.entityTypes()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is forbidden to billers and PA coordinators, rejects bad filters", async () => {
    await expect(w.as.biller.caller.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.pa_coordinator.caller.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.admin.caller.audit.list({ from: "2026-09-30", to: "2026-09-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.as.admin.caller.audit.list({ from: "14/09/2026" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
