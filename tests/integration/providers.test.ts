import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, providers } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import type { TProviderCreateIn } from "@/server/api/routers/providers/schemas";
import { isValidNpi } from "@/server/domain/identifiers";
import { callerFor, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

/** A fresh valid NPI each call: 9 digits + the Luhn check digit. */
let next = 172_000_000;
function npi(): string {
  next += 7;
  const base = String(next);
  for (let d = 0; d < 10; d++) if (isValidNpi(base + d)) return base + d;
  throw new Error("unreachable");
}
function oncologist(overrides: Partial<TProviderCreateIn> = {}): TProviderCreateIn {
  return { firstName: "Priya", lastName: "Raman", credential: "MD", npi: npi(), taxonomyCode: "207RX0202X", canRender: true, canOrder: true, ...overrides };
}
const withBadCheckDigit = (n: string) => n.slice(0, 9) + String((Number(n[9]) + 1) % 10);
const auditFor = (id: string) => h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.seq);

describe("providers.create", () => {
  it("creates a person or an organisation and audits it", async () => {
    const p = await w.as.admin.caller.providers.create(oncologist({ taxonomyCode: "207rx0202x" }));
    expect(p).toMatchObject({ practiceId: w.practice.id, entityType: "person", taxonomyCode: "207RX0202X", isActive: true });
    const org = await w.as.admin.caller.providers.create({ entityType: "organization", firstName: "ignored", lastName: "Lakeside Oncology Group", npi: npi(), taxonomyCode: "261QX0200X", canOrder: false });
    expect(org).toMatchObject({ entityType: "organization", firstName: null, canRender: true, canOrder: false });
    const [audit] = await auditFor(p.id);
    expect(audit).toMatchObject({ action: "provider.created", actorUserId: w.as.admin.user.id, before: null });
    expect(audit!.after).toMatchObject({ npi: p.npi, lastName: "Raman" });
  });
  it("rejects an NPI with a wrong check digit on the npi field", async () => {
    const good = npi();
    const err = await w.as.admin.caller.providers.create(oncologist({ npi: withBadCheckDigit(good) })).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    const shown = formatError(err, "r");
    expect(shown.data.field).toBe("npi");
    expect(shown.data.zodError?.fieldErrors.npi?.[0]).toContain("check digit is wrong");
    expect(await h.db.select().from(providers).where(eq(providers.npi, withBadCheckDigit(good)))).toHaveLength(0);
  });
  it("rejects other bad input with the fields named", async () => {
    const err = await w.as.admin.caller.providers
      .create({ firstName: "", lastName: " ", npi: "12345", taxonomyCode: "oncology", canRender: false, canOrder: false })
      .catch((e) => e);
    const f = formatError(err, "r").data.zodError!.fieldErrors;
    expect(f.npi?.[0]).toBe("An NPI has exactly 10 digits.");
    expect(f.lastName?.[0]).toContain("Enter the last name");
    expect(f.taxonomyCode?.[0]).toContain("207RX0202X");
    // Cross-field rules run once the fields themselves are valid.
    const err2 = await w.as.admin.caller.providers.create(oncologist({ firstName: "", canRender: false, canOrder: false })).catch((e) => e);
    const f2 = formatError(err2, "r").data.zodError!.fieldErrors;
    expect(f2.firstName?.[0]).toBe("Enter the first name.");
    expect(f2.canRender?.[0]).toContain("render, order, or both");
  });
  it("refuses a duplicate NPI in the practice, allows it in another", async () => {
    const input = oncologist();
    await w.as.admin.caller.providers.create(input);
    const err = await w.as.admin.caller.providers.create({ ...input, lastName: "Other" }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT", message: "Another provider of this practice already has this NPI." });
    expect(formatError(err, "r").data.field).toBe("npi");
    await expect(w.otherAdmin.caller.providers.create(input)).resolves.toMatchObject({ practiceId: w.other.id });
  });
  it("is forbidden to every role but admin", async () => {
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.providers.create(oncologist())).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("providers.list / get", () => {
  it("everyone reads their own practice's providers; filters for pickers", async () => {
    const mine = await w.as.admin.caller.providers.create(oncologist({ canRender: false }));
    const theirs = await w.otherAdmin.caller.providers.create(oncologist());
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      const ids = (await w.as[role].caller.providers.list()).map((p) => p.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
    }
    expect((await w.as.biller.caller.providers.list({ canRender: true })).map((p) => p.id)).not.toContain(mine.id);
    expect((await w.as.biller.caller.providers.list({ canOrder: true })).map((p) => p.id)).toContain(mine.id);
    await expect(w.as.pa_coordinator.caller.providers.get({ providerId: mine.id })).resolves.toMatchObject({ npi: mine.npi });
    await expect(w.as.admin.caller.providers.get({ providerId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.anonymous.providers.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("providers.update", () => {
  it("updates with the version seen, audits the changed fields only", async () => {
    const p = await w.as.admin.caller.providers.create(oncologist());
    const after = await w.as.admin.caller.providers.update({ ...oncologist({ npi: p.npi }), providerId: p.id, updatedAt: p.updatedAt, credential: "DO", canOrder: false });
    expect(after).toMatchObject({ credential: "DO", canOrder: false });
    expect((await auditFor(p.id)).at(-1)).toMatchObject({ action: "provider.updated", before: { credential: "MD", canOrder: true }, after: { credential: "DO", canOrder: false } });
  });
  it("stale version → CONFLICT, nothing overwritten", async () => {
    const p = await w.as.admin.caller.providers.create(oncologist());
    const frozen = callerFor(h.db, w.as.admin.session, () => p.updatedAt);
    const base = { ...oncologist({ npi: p.npi }), providerId: p.id, updatedAt: p.updatedAt };
    await frozen.providers.update({ ...base, lastName: "First" });
    await expect(frozen.providers.update({ ...base, lastName: "Second" })).rejects.toMatchObject({ code: "CONFLICT" });
    const [row] = await h.db.select().from(providers).where(eq(providers.id, p.id));
    expect(row!.lastName).toBe("First");
  });
  it("bad NPI check digit and duplicate NPI are field errors", async () => {
    const a = await w.as.admin.caller.providers.create(oncologist());
    const b = await w.as.admin.caller.providers.create(oncologist());
    const bad = await w.as.admin.caller.providers.update({ ...oncologist({ npi: withBadCheckDigit(b.npi) }), providerId: b.id, updatedAt: b.updatedAt }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(formatError(bad, "r").data.field).toBe("npi");
    const dup = await w.as.admin.caller.providers.update({ ...oncologist({ npi: a.npi }), providerId: b.id, updatedAt: b.updatedAt }).catch((e) => e);
    expect(dup.code).toBe("CONFLICT");
    expect(formatError(dup, "r").data.field).toBe("npi");
  });
  it("forbidden to non-admins, NOT_FOUND across practices, nothing changed", async () => {
    const p = await w.as.admin.caller.providers.create(oncologist());
    const input = { ...oncologist(), providerId: p.id, updatedAt: p.updatedAt };
    await expect(w.as.biller.caller.providers.update(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.providers.update(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await h.db.select().from(providers).where(eq(providers.id, p.id));
    expect(row!.npi).toBe(p.npi);
    expect(await auditFor(p.id)).toHaveLength(1);
  });
});

describe("providers.deactivate / reactivate", () => {
  it("soft-deactivates and reactivates with audit rows", async () => {
    const p = await w.as.admin.caller.providers.create(oncologist());
    expect((await w.as.admin.caller.providers.deactivate({ providerId: p.id })).isActive).toBe(false);
    expect((await w.as.biller.caller.providers.list({ activeOnly: true })).map((x) => x.id)).not.toContain(p.id);
    expect((await w.as.admin.caller.providers.reactivate({ providerId: p.id })).isActive).toBe(true);
    expect((await auditFor(p.id)).slice(1).map((e) => [e.action, e.before, e.after])).toEqual([
      ["provider.deactivated", { isActive: true }, { isActive: false }],
      ["provider.reactivated", { isActive: false }, { isActive: true }],
    ]);
  });
  it("forbidden to non-admins, NOT_FOUND across practices", async () => {
    const p = await w.as.admin.caller.providers.create(oncologist());
    await expect(w.as.manager.caller.providers.deactivate({ providerId: p.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.biller.caller.providers.reactivate({ providerId: p.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.providers.deactivate({ providerId: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.admin.caller.providers.deactivate({ providerId: "bad" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await w.as.admin.caller.providers.get({ providerId: p.id })).isActive).toBe(true);
  });
});
