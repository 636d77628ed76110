import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, payers } from "@/db/schema";
import { seedPracticeSetup } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import type { TPayerCreateIn } from "@/server/api/routers/payers/schemas";
import { ZPayerInput } from "@/server/domain/billing/scenario";
import { isValidNpi } from "@/server/domain/identifiers";
import { toPayerProfile } from "@/server/domain/practice-setup/payer-profile";
import { callerFor, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

let seq = 0;
function commercial(overrides: Partial<TPayerCreateIn> = {}): TPayerCreateIn {
  seq += 1;
  return {
    name: `Northwoods Health PPO ${seq}`,
    ediPayerId: `NWH${String(seq).padStart(3, "0")}`,
    kind: "commercial",
    templateId: "COMM",
    wasteModifiers: "jw_jz",
    ndc: "ML",
    priorAuthRequired: true,
    timelyFilingDays: 180,
    appealDays: 180,
    freeDrug: "fb_zero_charge",
    doseRoundingPercent: null,
    unitCaps: {},
    claimFilingIndicator: "CI",
    ...overrides,
  };
}

async function auditFor(entityId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.seq);
}

describe("payers.templates", () => {
  it("offers the five profile templates, Medicare with the calendar-year filing rule", async () => {
    const t = await w.as.biller.caller.payers.templates();
    expect(t.map((x) => x.id).sort()).toEqual(["COMM", "COMM-NOJZ", "MA", "MCD-UN", "MCR"]);
    expect(t.find((x) => x.id === "MCR")).toMatchObject({ kind: "medicare", timelyFilingDays: null, claimFilingIndicator: "MB", wasteModifiers: "jw_jz", ndc: "none" });
    expect(t.find((x) => x.id === "COMM-NOJZ")).toMatchObject({ wasteModifiers: "jw_only", ndc: "ML", timelyFilingDays: 180 });
    expect(t.find((x) => x.id === "MCD-UN")).toMatchObject({ ndc: "UN", claimFilingIndicator: "MC" });
  });
  it("needs a signed-in user", async () => {
    await expect(w.anonymous.payers.templates()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("payers.create", () => {
  it("creates a payer from a template with changed settings, normalises the EDI id and audits it", async () => {
    const p = await w.as.admin.caller.payers.create(
      commercial({ templateId: "COMM-NOJZ", wasteModifiers: "jw_only", ediPayerId: " pmh310 ", doseRoundingPercent: 10, unitCaps: { J9173: 150 } }),
    );
    expect(p).toMatchObject({ practiceId: w.practice.id, ediPayerId: "PMH310", wasteModifiers: "jw_only", templateId: "COMM-NOJZ", doseRoundingPercent: 10, unitCaps: { J9173: 150 }, isActive: true });
    const [audit] = await auditFor(p.id);
    expect(audit).toMatchObject({ action: "payer.created", entityType: "payer", actorUserId: w.as.admin.user.id, practiceId: w.practice.id, before: null });
    expect(audit!.after).toMatchObject({ ediPayerId: "PMH310", wasteModifiers: "jw_only" });
  });
  it("accepts the form's text for unit caps and empty strings for empty numbers", async () => {
    const p = await w.as.admin.caller.payers.create(commercial({ unitCaps: "j9173 = 150, J9347:30", appealDays: "" as never, doseRoundingPercent: "" as never }));
    expect(p.unitCaps).toEqual({ J9173: 150, J9347: 30 });
    expect(p.appealDays).toBeNull();
    expect(p.doseRoundingPercent).toBeNull();
  });
  it("allows a Medicare payer without a day limit (12-month rule) but no one else", async () => {
    const mcr = await w.as.admin.caller.payers.create(commercial({ kind: "medicare", templateId: "MCR", ndc: "none", timelyFilingDays: null, claimFilingIndicator: "MB" }));
    expect(mcr.timelyFilingDays).toBeNull();
    const err = await w.as.admin.caller.payers.create(commercial({ timelyFilingDays: null })).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, "r").data.field).toBe("timelyFilingDays");
  });
  it("rejects bad input with the field named, and saves nothing", async () => {
    const before = await h.db.select().from(payers).where(eq(payers.practiceId, w.practice.id));
    const err = await w.as.admin.caller.payers
      .create(commercial({ ediPayerId: "X", wasteModifiers: "jz_only" as never, doseRoundingPercent: 80, unitCaps: { "not-a-code": 0 }, claimFilingIndicator: "QQ" }))
      .catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    const shown = formatError(err, "r");
    expect(shown.data.field).toBe("ediPayerId");
    expect(shown.data.zodError?.fieldErrors.ediPayerId?.[0]).toContain("2–80 letters and digits");
    expect(shown.data.zodError?.fieldErrors.wasteModifiers?.[0]).toContain("jw_jz, jw_only, none");
    expect(shown.data.zodError?.fieldErrors.doseRoundingPercent?.[0]).toBe("Dose rounding must be at most 50.");
    expect(shown.data.zodError?.fieldErrors.unitCaps).toBeDefined();
    expect(shown.data.zodError?.fieldErrors.claimFilingIndicator?.[0]).toContain("claim filing indicator");
    const after = await h.db.select().from(payers).where(eq(payers.practiceId, w.practice.id));
    expect(after).toHaveLength(before.length);
  });
  it("refuses a duplicate EDI payer id in the practice (field error) but not in another practice", async () => {
    const input = commercial();
    await w.as.admin.caller.payers.create(input);
    const err = await w.as.admin.caller.payers.create({ ...input, name: "Copy", ediPayerId: input.ediPayerId.toLowerCase() }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(formatError(err, "r").data.field).toBe("ediPayerId");
    const theirs = await w.otherAdmin.caller.payers.create(input);
    expect(theirs.practiceId).toBe(w.other.id);
  });
  it("is forbidden to every role but admin", async () => {
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.payers.create(commercial())).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("payers.list / get", () => {
  it("everyone of the practice reads the practice's payers only", async () => {
    const mine = await w.as.admin.caller.payers.create(commercial());
    const theirs = await w.otherAdmin.caller.payers.create(commercial());
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      const list = await w.as[role].caller.payers.list();
      expect(list.map((p) => p.id)).toContain(mine.id);
      expect(list.map((p) => p.id)).not.toContain(theirs.id);
      expect(list.every((p) => p.practiceId === w.practice.id)).toBe(true);
    }
    await expect(w.as.manager.caller.payers.get({ payerId: mine.id })).resolves.toMatchObject({ id: mine.id });
    await expect(w.as.admin.caller.payers.get({ payerId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.admin.caller.payers.get({ payerId: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.anonymous.payers.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
  it("activeOnly hides deactivated payers (for pickers)", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    await w.as.admin.caller.payers.deactivate({ payerId: p.id });
    expect((await w.as.biller.caller.payers.list({ activeOnly: true })).map((x) => x.id)).not.toContain(p.id);
    expect((await w.as.biller.caller.payers.list()).map((x) => x.id)).toContain(p.id);
  });
});

describe("payers.update", () => {
  it("changes settings with the version the admin saw and audits only what changed", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    const { id: _id, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = p;
    const after = await w.as.admin.caller.payers.update({ ...rest, payerId: p.id, updatedAt, wasteModifiers: "jw_only", ndc: "UN" });
    expect(after).toMatchObject({ wasteModifiers: "jw_only", ndc: "UN" });
    expect(after.updatedAt.getTime()).toBeGreaterThan(updatedAt.getTime());
    const events = await auditFor(p.id);
    expect(events.at(-1)).toMatchObject({
      action: "payer.updated",
      before: { wasteModifiers: "jw_jz", ndc: "ML" },
      after: { wasteModifiers: "jw_only", ndc: "UN" },
    });
    expect(Object.keys(events.at(-1)!.after as object).sort()).toEqual(["ndc", "wasteModifiers"]);
  });
  it("refuses a stale version with CONFLICT and keeps the other admin's change", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    const { id: _id, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = p;
    // Fixed clock: both edits happen "at the same millisecond" and still cannot both win.
    const frozen = callerFor(h.db, w.as.admin.session, () => p.updatedAt);
    await frozen.payers.update({ ...rest, payerId: p.id, updatedAt, appealDays: 90 });
    await expect(frozen.payers.update({ ...rest, payerId: p.id, updatedAt, appealDays: 30 })).rejects.toMatchObject({ code: "CONFLICT" });
    const [row] = await h.db.select().from(payers).where(eq(payers.id, p.id));
    expect(row!.appealDays).toBe(90);
    expect((await auditFor(p.id)).filter((e) => e.action === "payer.updated")).toHaveLength(1);
  });
  it("refuses taking another payer's EDI id", async () => {
    const a = await w.as.admin.caller.payers.create(commercial());
    const b = await w.as.admin.caller.payers.create(commercial());
    const { id: _id, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = b;
    const err = await w.as.admin.caller.payers.update({ ...rest, payerId: b.id, updatedAt, ediPayerId: a.ediPayerId }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(formatError(err, "r").data.field).toBe("ediPayerId");
  });
  it("rejects bad input with the field named", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    const err = await w.as.admin.caller.payers.update({ ...commercial(), payerId: p.id, updatedAt: p.updatedAt, appealDays: -5 }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, "r").data.zodError?.fieldErrors.appealDays?.[0]).toBe("Appeal limit must be at least 1.");
  });
  it("is forbidden to non-admins and cannot reach another practice's payer", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    const input = { ...commercial(), payerId: p.id, updatedAt: p.updatedAt };
    await expect(w.as.biller.caller.payers.update(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.manager.caller.payers.update(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.payers.update(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await h.db.select().from(payers).where(eq(payers.id, p.id));
    expect(row!.name).toBe(p.name);
    expect(await auditFor(p.id)).toHaveLength(1);
  });
});

describe("payers.deactivate / reactivate", () => {
  it("soft-deactivates (the row stays) and reactivates, each audited", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    const off = await w.as.admin.caller.payers.deactivate({ payerId: p.id });
    expect(off.isActive).toBe(false);
    const [row] = await h.db.select().from(payers).where(and(eq(payers.id, p.id), eq(payers.practiceId, w.practice.id)));
    expect(row).toBeDefined();
    const on = await w.as.admin.caller.payers.reactivate({ payerId: p.id });
    expect(on.isActive).toBe(true);
    const events = (await auditFor(p.id)).map((e) => [e.action, e.before, e.after]);
    expect(events.slice(1)).toEqual([
      ["payer.deactivated", { isActive: true }, { isActive: false }],
      ["payer.reactivated", { isActive: false }, { isActive: true }],
    ]);
  });
  it("is forbidden to non-admins and blind to other practices", async () => {
    const p = await w.as.admin.caller.payers.create(commercial());
    await expect(w.as.biller.caller.payers.deactivate({ payerId: p.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.pa_coordinator.caller.payers.reactivate({ payerId: p.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.payers.deactivate({ payerId: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.otherAdmin.caller.payers.reactivate({ payerId: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.admin.caller.payers.deactivate({ payerId: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const [row] = await h.db.select().from(payers).where(eq(payers.id, p.id));
    expect(row!.isActive).toBe(true);
  });
});

describe("demo seed (db/seed/demo-practice-setup.ts)", () => {
  it("creates the demo payers, providers and locations, readable through the API, with engine-ready payers", async () => {
    const seedWorld = await makeWorld(h.db);
    const ids = await h.db.transaction((tx) => seedPracticeSetup(tx, { practiceId: seedWorld.practice.id, otherPracticeId: seedWorld.other.id, now: new Date("2026-01-05T09:00:00Z") }));
    const list = await seedWorld.as.biller.caller.payers.list();
    expect(list.map((p) => p.id).sort()).toEqual(Object.values(ids.payers).sort());
    const byId = new Map(list.map((p) => [p.id, p]));
    expect(byId.get(ids.payers.medicare)).toMatchObject({ kind: "medicare", timelyFilingDays: null, claimFilingIndicator: "MB" });
    expect(byId.get(ids.payers.medicaidUn)).toMatchObject({ kind: "medicaid", ndc: "UN" });
    expect(byId.get(ids.payers.commercialNoJz)).toMatchObject({ kind: "commercial", wasteModifiers: "jw_only" });
    for (const p of list) expect(ZPayerInput.safeParse(toPayerProfile(p)).success).toBe(true);
    const provs = await seedWorld.as.biller.caller.providers.list();
    expect(provs).toHaveLength(3);
    expect(provs.every((p) => isValidNpi(p.npi))).toBe(true);
    const locs = await seedWorld.as.biller.caller.locations.list();
    expect(locs.map((l) => l.placeOfService).sort()).toEqual(["11", "22"]);
    expect((await seedWorld.otherAdmin.caller.payers.list()).map((p) => p.id)).toEqual([ids.other.payer]);
    expect((await seedWorld.otherAdmin.caller.providers.list()).map((p) => p.id)).toEqual([ids.other.provider]);
    expect((await seedWorld.otherAdmin.caller.locations.list()).map((p) => p.id)).toEqual([ids.other.location]);
  });
});
