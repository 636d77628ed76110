import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, locations } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import type { TLocationCreateIn } from "@/server/api/routers/locations/schemas";
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
function office(overrides: Partial<TLocationCreateIn> = {}): TLocationCreateIn {
  seq += 1;
  return { name: `Infusion Suite ${seq}`, placeOfService: "11", addressLine1: "400 Lakeshore Drive", city: "Madison", state: "wi", zip: "53703", ...overrides };
}
const FACILITY_NPI = "1617283944";
const auditFor = (id: string) => h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.seq);

describe("locations.create", () => {
  it("creates an office without and a hospital outpatient department with a facility NPI, audited", async () => {
    const o = await w.as.admin.caller.locations.create(office({ facilityNpi: "" }));
    expect(o).toMatchObject({ placeOfService: "11", facilityNpi: null, state: "WI", practiceId: w.practice.id });
    const hopd = await w.as.admin.caller.locations.create(office({ placeOfService: "22", facilityNpi: FACILITY_NPI }));
    expect(hopd).toMatchObject({ placeOfService: "22", facilityNpi: FACILITY_NPI });
    const [audit] = await auditFor(hopd.id);
    expect(audit).toMatchObject({ action: "location.created", actorUserId: w.as.admin.user.id, before: null });
    expect(audit!.after).toMatchObject({ placeOfService: "22", facilityNpi: FACILITY_NPI });
  });
  it("requires the facility NPI for POS 19/22 and checks its check digit", async () => {
    for (const pos of ["19", "22"] as const) {
      const err = await w.as.admin.caller.locations.create(office({ placeOfService: pos })).catch((e) => e);
      expect(err.code).toBe("BAD_REQUEST");
      expect(formatError(err, "r").data.zodError?.fieldErrors.facilityNpi?.[0]).toContain("facility's NPI");
    }
    const bad = await w.as.admin.caller.locations.create(office({ placeOfService: "22", facilityNpi: "1617283945" })).catch((e) => e);
    expect(formatError(bad, "r").data.zodError?.fieldErrors.facilityNpi?.[0]).toContain("check digit is wrong");
  });
  it("rejects bad input with the fields named and saves nothing", async () => {
    const n = (await h.db.select().from(locations).where(eq(locations.practiceId, w.practice.id))).length;
    const err = await w.as.admin.caller.locations.create({ name: "", placeOfService: "21" as never, addressLine1: "", city: "", state: "Wisconsin", zip: "537" }).catch((e) => e);
    const f = formatError(err, "r").data.zodError!.fieldErrors;
    expect(f.placeOfService?.[0]).toContain("11 (office), 19 or 22");
    expect(f.name?.[0]).toBe("Enter the location's name.");
    expect(f.state?.[0]).toBe("Use the two-letter state code.");
    expect(f.zip?.[0]).toContain("5- or 9-digit");
    expect(await h.db.select().from(locations).where(eq(locations.practiceId, w.practice.id))).toHaveLength(n);
  });
  it("names are unique per practice", async () => {
    const input = office();
    await w.as.admin.caller.locations.create(input);
    const err = await w.as.admin.caller.locations.create(input).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(formatError(err, "r").data.field).toBe("name");
    await expect(w.otherAdmin.caller.locations.create(input)).resolves.toMatchObject({ practiceId: w.other.id });
  });
  it("is forbidden to every role but admin", async () => {
    for (const role of ["biller", "pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.locations.create(office())).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("locations.list / get", () => {
  it("everyone reads their own practice's locations only", async () => {
    const mine = await w.as.admin.caller.locations.create(office());
    const theirs = await w.otherAdmin.caller.locations.create(office());
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      const ids = (await w.as[role].caller.locations.list()).map((l) => l.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
    }
    await expect(w.as.biller.caller.locations.get({ locationId: mine.id })).resolves.toMatchObject({ name: mine.name });
    await expect(w.as.biller.caller.locations.get({ locationId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.anonymous.locations.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("locations.update", () => {
  it("updates with the version seen and audits the change", async () => {
    const l = await w.as.admin.caller.locations.create(office());
    const { id: _i, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = l;
    const after = await w.as.admin.caller.locations.update({ ...rest, locationId: l.id, updatedAt, placeOfService: "19", facilityNpi: FACILITY_NPI });
    expect(after).toMatchObject({ placeOfService: "19", facilityNpi: FACILITY_NPI });
    expect((await auditFor(l.id)).at(-1)).toMatchObject({
      action: "location.updated",
      before: { placeOfService: "11", facilityNpi: null },
      after: { placeOfService: "19", facilityNpi: FACILITY_NPI },
    });
  });
  it("stale version → CONFLICT", async () => {
    const l = await w.as.admin.caller.locations.create(office());
    const { id: _i, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = l;
    const frozen = callerFor(h.db, w.as.admin.session, () => l.updatedAt);
    await frozen.locations.update({ ...rest, locationId: l.id, updatedAt, city: "Middleton" });
    await expect(frozen.locations.update({ ...rest, locationId: l.id, updatedAt, city: "Verona" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await w.as.admin.caller.locations.get({ locationId: l.id })).city).toBe("Middleton");
  });
  it("bad input is a field error; forbidden to non-admins; NOT_FOUND across practices", async () => {
    const l = await w.as.admin.caller.locations.create(office());
    const bad = await w.as.admin.caller.locations.update({ ...office(), locationId: l.id, updatedAt: l.updatedAt, placeOfService: "22" }).catch((e) => e);
    expect(formatError(bad, "r").data.field).toBe("facilityNpi");
    const input = { ...office(), locationId: l.id, updatedAt: l.updatedAt };
    await expect(w.as.pa_coordinator.caller.locations.update(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.locations.update(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.admin.caller.locations.get({ locationId: l.id })).name).toBe(l.name);
    expect(await auditFor(l.id)).toHaveLength(1);
  });
});

describe("who bills at a location (billedBy)", () => {
  it("defaults to the practice's 837P in an office and the practice as the facility (837I) in a hospital department; changes are audited", async () => {
    const o = await w.as.admin.caller.locations.create(office());
    expect(o.billedBy).toBe("practice_professional");
    const hopd = await w.as.admin.caller.locations.create(office({ placeOfService: "22", facilityNpi: FACILITY_NPI }));
    expect(hopd.billedBy).toBe("practice_facility");
    const { id: _i, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = hopd;
    const after = await w.as.admin.caller.locations.update({ ...rest, locationId: hopd.id, updatedAt, billedBy: "other_entity" });
    expect(after.billedBy).toBe("other_entity");
    expect((await auditFor(hopd.id)).at(-1)).toMatchObject({ action: "location.updated", before: { billedBy: "practice_facility" }, after: { billedBy: "other_entity" } });
  });
  it("an office cannot bill as a facility (field error, nothing saved); only admins change it, in their own practice", async () => {
    const bad = await w.as.admin.caller.locations.create(office({ billedBy: "practice_facility" })).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(formatError(bad, "r").data.zodError?.fieldErrors.billedBy?.[0]).toContain("hospital outpatient department");
    const l = await w.as.admin.caller.locations.create(office());
    const input = { ...office(), locationId: l.id, updatedAt: l.updatedAt, billedBy: "other_entity" as const };
    await expect(w.as.biller.caller.locations.update(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.locations.update(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.admin.caller.locations.get({ locationId: l.id })).billedBy).toBe("practice_professional");
  });
});

describe("locations.deactivate / reactivate", () => {
  it("soft-deactivates and reactivates with audit rows", async () => {
    const l = await w.as.admin.caller.locations.create(office());
    expect((await w.as.admin.caller.locations.deactivate({ locationId: l.id })).isActive).toBe(false);
    expect((await w.as.biller.caller.locations.list({ activeOnly: true })).map((x) => x.id)).not.toContain(l.id);
    expect((await w.as.admin.caller.locations.reactivate({ locationId: l.id })).isActive).toBe(true);
    expect((await auditFor(l.id)).slice(1).map((e) => e.action)).toEqual(["location.deactivated", "location.reactivated"]);
  });
  it("forbidden to non-admins, NOT_FOUND across practices", async () => {
    const l = await w.as.admin.caller.locations.create(office());
    await expect(w.as.biller.caller.locations.deactivate({ locationId: l.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.manager.caller.locations.reactivate({ locationId: l.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.locations.deactivate({ locationId: l.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.admin.caller.locations.get({ locationId: l.id })).isActive).toBe(true);
  });
});
