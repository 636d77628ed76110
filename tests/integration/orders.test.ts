import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { administrations, auditEvents, locations, orders, patients, providers } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import type { TCreateOrderInput } from "@/server/api/routers/orders/schemas";
import { activateOrderIfSigned } from "@/server/services/orders";
import { seedOrders } from "@/db/seed/demo-orders";
import { seedPatients } from "@/db/seed/demo-patients";
import { seedMedigapPayer, seedPracticeSetup } from "@/db/seed/demo-practice-setup";
import { makePractice, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let patientId: string;
let patient2Id: string;
let providerId: string;
let nonOrderingProviderId: string;
let inactiveProviderId: string;
let locationId: string;
let inactiveLocationId: string;
let otherPatientId: string;
let otherProviderId: string;
let otherLocationId: string;

async function makePatient(practiceId: string, lastName = "Olson") {
  const [p] = await h.db
    .insert(patients)
    .values({
      practiceId,
      mrn: `MRN-${randomBytes(3).toString("hex").toUpperCase()}`,
      firstName: "Margaret",
      lastName,
      dateOfBirth: "1951-04-22",
      sex: "female",
      addressLine1: "12 Elm St",
      city: "Madison",
      state: "WI",
      zip: "53703",
    })
    .returning();
  return p!.id;
}
async function makeProvider(practiceId: string, over: Partial<typeof providers.$inferInsert> = {}) {
  const [p] = await h.db
    .insert(providers)
    .values({ practiceId, firstName: "Olivia", lastName: `Onc${randomBytes(2).toString("hex")}`, credential: "MD", npi: "1234567893", taxonomyCode: "207RX0202X", ...over })
    .returning();
  return p!.id;
}
async function makeLocation(practiceId: string, over: Partial<typeof locations.$inferInsert> = {}) {
  const [l] = await h.db
    .insert(locations)
    .values({ practiceId, name: `Infusion ${randomBytes(2).toString("hex")}`, placeOfService: "11", addressLine1: "1 Main", city: "Madison", state: "WI", zip: "53703", ...over })
    .returning();
  return l!.id;
}

function input(over: Partial<TCreateOrderInput> = {}): TCreateOrderInput {
  return {
    patientId,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["c3411"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: "2026-09-14",
    orderingProviderId: providerId,
    locationId,
    weightKg: "67.3",
    notes: null,
    ...over,
  };
}

async function auditFor(entityId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.seq);
}
async function adminsOf(orderId: string) {
  return h.db.select().from(administrations).where(eq(administrations.orderId, orderId)).orderBy(administrations.sequence);
}
async function signedOrder(over: Partial<TCreateOrderInput> = {}) {
  const o = await w.as.biller.caller.orders.create(input(over));
  return w.as.biller.caller.orders.sign({ orderId: o.id });
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  patientId = await makePatient(w.practice.id);
  patient2Id = await makePatient(w.practice.id, "Zimmer");
  providerId = await makeProvider(w.practice.id);
  nonOrderingProviderId = await makeProvider(w.practice.id, { npi: "1245319599", canOrder: false });
  inactiveProviderId = await makeProvider(w.practice.id, { npi: "1679576722", isActive: false });
  locationId = await makeLocation(w.practice.id);
  inactiveLocationId = await makeLocation(w.practice.id, { isActive: false });
  otherPatientId = await makePatient(w.other.id);
  otherProviderId = await makeProvider(w.other.id);
  otherLocationId = await makeLocation(w.other.id);
});
afterAll(() => h?.close());

describe("orders.reference", () => {
  it("lists indications with label names and regimens, billable codes, and the practice's ordering providers and locations", async () => {
    for (const role of ["biller", "manager", "pa_coordinator", "admin"] as const) {
      const r = await w.as[role].caller.orders.reference();
      const stage3 = r.indications.find((i) => i.id === "nsclc-stage3-consolidation")!;
      expect(stage3.name).toMatch(/stage III NSCLC/);
      expect(stage3.regimens.at_or_above.phases[0]).toMatchObject({ doseKind: "per_kg", doseAmount: "10", frequency: "q2w" });
      expect(r.indications.find((i) => i.id === "urothelial-post-platinum")).toMatchObject({ status: "withdrawn", withdrawnDate: "2021-02-22" });
      expect(r.icd10.map((c) => c.code)).toContain("C34.11");
      expect(r.icd10.map((c) => c.code)).not.toContain("C34");
      expect(r.providers.map((p) => p.id)).toEqual([providerId]);
      expect(r.locations.map((l) => l.id)).toEqual([locationId]);
    }
    const other = await w.otherAdmin.caller.orders.reference();
    expect(other.providers.map((p) => p.id)).toEqual([otherProviderId]);
  });
  it("rejects anonymous callers", async () => {
    await expect(w.anonymous.orders.reference()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("orders.check", () => {
  it("returns the 30 kg rule, the label duration and the withdrawn indication inline, with the calendar", async () => {
    const fixed = [{ name: "consolidation", doseKind: "fixed" as const, doseAmount: "1500", frequency: "q4w" as const, cycles: null }];
    const below = await w.as.biller.caller.orders.check({ ...input({ weightKg: "29.9", phases: fixed, durationMonths: 13 }), diagnoses: ["C34.11"] });
    expect(below.findings.map((f) => `${f.rule}:${f.field}`)).toEqual(expect.arrayContaining(["R-WEIGHT:phases.0.doseAmount", "R-DURATION:durationMonths"]));
    const at30 = await w.as.manager.caller.orders.check({ ...input({ weightKg: "30.0", phases: fixed }), diagnoses: ["C34.11"] });
    expect(at30.findings).toEqual([]);
    expect(at30.calendar).toHaveLength(14);
    const withdrawn = await w.as.pa_coordinator.caller.orders.check({ indicationId: "urothelial-post-platinum", diagnoses: ["C67.9"], startDate: "2026-09-14" });
    expect(withdrawn.hasErrors).toBe(true);
    expect(withdrawn.findings.find((f) => f.field === "indicationId")!.message).toContain("withdrawn in the US on 02/22/2021");
  });
  it("tolerates a half-filled form and computes the dose", async () => {
    const r = await w.as.biller.caller.orders.check({ weightKg: "67.", startDate: "2026-13-01", phases: input().phases });
    expect(r.calendar).toBeNull();
    const d = await w.as.biller.caller.orders.check({ weightKg: "67.3", phases: input().phases });
    expect(d.phaseDosesMg).toEqual(["673"]);
  });
});

describe("orders.create", () => {
  it("creates a draft (codes normalised, weight to one decimal) and audits it", async () => {
    const o = await w.as.biller.caller.orders.create(input({ weightKg: "30.0" }));
    expect(o).toMatchObject({ status: "draft", version: 1, diagnoses: ["C34.11"], weightKg: "30", practiceId: w.practice.id });
    const [a] = await auditFor(o.id);
    expect(a).toMatchObject({ action: "order.created", actorUserId: w.as.biller.user.id, before: null });
    expect(a!.after).toMatchObject({ status: "draft", indicationId: "nsclc-stage3-consolidation", diagnoses: ["C34.11"] });
    expect(await adminsOf(o.id)).toHaveLength(0);
    await expect(w.as.admin.caller.orders.create(input())).resolves.toMatchObject({ status: "draft" });
  });
  it("is forbidden to PA coordinators and managers", async () => {
    for (const role of ["pa_coordinator", "manager"] as const) {
      await expect(w.as[role].caller.orders.create(input())).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
  it("cannot use another practice's patient, provider or location, and writes nothing", async () => {
    const before = await h.db.select({ id: orders.id }).from(orders);
    await expect(w.as.biller.caller.orders.create(input({ patientId: otherPatientId }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const prov = await w.as.biller.caller.orders.create(input({ orderingProviderId: otherProviderId })).catch((e) => e);
    expect(prov).toMatchObject({ code: "BAD_REQUEST" });
    expect(formatError(prov, null).data.field).toBe("orderingProviderId");
    await expect(w.as.biller.caller.orders.create(input({ locationId: otherLocationId }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.otherAdmin.caller.orders.create(input())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.select({ id: orders.id }).from(orders)).toHaveLength(before.length);
  });
  it("rejects bad input at the boundary with the field named", async () => {
    const cases: [Partial<TCreateOrderInput>, string, RegExp][] = [
      [{ weightKg: "67.35" }, "weightKg", /one decimal/],
      [{ diagnoses: ["lung"] }, "diagnoses.0", /ICD-10-CM/],
      [{ diagnoses: [] }, "diagnoses", /principal diagnosis/],
      [{ diagnoses: Array.from({ length: 13 }, (_, i) => `C34.${i}`) }, "diagnoses", /At most 12/],
      [{ startDate: "2026-02-30" }, "startDate", /real date/],
      [{ durationMonths: null }, "durationMonths", /cycles or a treatment duration/],
      [{ phases: [{ name: "x", doseKind: "fixed", doseAmount: "1500.1234", frequency: "q4w", cycles: 2 }] }, "phases.0.doseAmount", /3 decimals/],
      [{ phases: [{ name: "x", doseKind: "fixed", doseAmount: "1500", frequency: "q5w" as never, cycles: 2 }] }, "phases.0.frequency", /q2w, q3w or q4w/],
    ];
    for (const [over, field, message] of cases) {
      const err = await w.as.biller.caller.orders.create(input(over)).catch((e) => e);
      expect(err.code, field).toBe("BAD_REQUEST");
      const shown = formatError(err, null);
      expect(shown.data.field, JSON.stringify(over)).toBe(field);
      expect(shown.message).toMatch(message);
    }
  });
  it("rejects codes not in the reference list or not billable, providers who cannot order and inactive locations", async () => {
    const cases: [Partial<TCreateOrderInput>, string, RegExp][] = [
      [{ diagnoses: ["C34.11", "C34"] }, "diagnoses.1", /not billable/],
      [{ diagnoses: ["C99.9"] }, "diagnoses.0", /not in the ICD-10-CM reference list/],
      [{ orderingProviderId: nonOrderingProviderId }, "orderingProviderId", /not set up as an ordering provider/],
      [{ orderingProviderId: inactiveProviderId }, "orderingProviderId", /inactive/],
      [{ locationId: inactiveLocationId }, "locationId", /inactive/],
      [{ indicationId: "nope" }, "indicationId", /Unknown indication/],
      [{ combination: { drug: "tremelimumab", doseKind: "fixed", doseAmount: "75", withAdministrations: [1] } }, "combination.drug", /not part of the regimen/],
    ];
    for (const [over, field, message] of cases) {
      const err = await w.as.biller.caller.orders.create(input(over)).catch((e) => e);
      expect(err.code, field).toBe("BAD_REQUEST");
      expect(formatError(err, null).data.field).toBe(field);
      expect(err.message).toMatch(message);
    }
  });
});

describe("orders.update", () => {
  it("edits a draft with optimistic concurrency and audits only what changed", async () => {
    const o = await w.as.biller.caller.orders.create(input());
    const { patientId: _p, ...fields } = input({ weightKg: "70.1", diagnoses: ["C34.12"] });
    const u = await w.as.biller.caller.orders.update({ ...fields, orderId: o.id, version: 1 });
    expect(u).toMatchObject({ version: 2, weightKg: "70.1", diagnoses: ["C34.12"] });
    const last = (await auditFor(o.id)).at(-1)!;
    expect(last).toMatchObject({
      action: "order.updated",
      before: { weightKg: "67.3", diagnoses: ["C34.11"], version: 1 },
      after: { weightKg: "70.1", diagnoses: ["C34.12"], version: 2 },
    });
    expect(Object.keys(last.after as object).sort()).toEqual(["diagnoses", "version", "weightKg"]);
    // the stale version loses
    await expect(w.as.admin.caller.orders.update({ ...fields, weightKg: "71", orderId: o.id, version: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/changed by someone else/),
    });
  });
  it("is refused once signed, for readers and for other practices", async () => {
    const o = await signedOrder();
    const { patientId: _p, ...fields } = input();
    await expect(w.as.biller.caller.orders.update({ ...fields, orderId: o.id, version: o.version })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Only a draft/),
    });
    const d = await w.as.biller.caller.orders.create(input());
    await expect(w.as.manager.caller.orders.update({ ...fields, orderId: d.id, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.orders.update({ ...fields, orderingProviderId: otherProviderId, locationId: otherLocationId, orderId: d.id, version: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [row] = await h.db.select().from(orders).where(eq(orders.id, d.id));
    expect(row!.version).toBe(1);
  });
  it("rejects bad input with the field named", async () => {
    const d = await w.as.biller.caller.orders.create(input());
    const { patientId: _p, ...fields } = input({ weightKg: "-3" });
    const err = await w.as.biller.caller.orders.update({ ...fields, orderId: d.id, version: 1 }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, null).data.field).toBe("weightKg");
  });
});

describe("orders.sign", () => {
  it("signs a draft and writes the calendar in the same transaction, audited", async () => {
    const o = await w.as.biller.caller.orders.create(input());
    const s = await w.as.biller.caller.orders.sign({ orderId: o.id, version: 1 });
    expect(s).toMatchObject({ status: "signed" });
    expect(s.signedAt).toBeInstanceOf(Date);
    const rows = await adminsOf(o.id);
    expect(rows).toHaveLength(27);
    expect(rows[0]).toMatchObject({ sequence: 1, cycle: 1, day: 1, plannedDate: "2026-09-14", originalPlannedDate: "2026-09-14", status: "scheduled", patientId, practiceId: w.practice.id });
    expect(rows[1]!.plannedDate).toBe("2026-09-28");
    const signed = (await auditFor(o.id)).find((a) => a.action === "order.sign")!;
    expect(signed).toMatchObject({ before: { status: "draft" }, after: { status: "signed", administrationsPlanned: 27, firstPlannedDate: "2026-09-14" } });
  });
  it("plans a phase change and the combination drug (POSEIDON)", async () => {
    const ref = await w.as.biller.caller.orders.reference();
    const r = ref.indications.find((i) => i.id === "nsclc-metastatic-with-tremelimumab")!.regimens.at_or_above;
    const o = await w.as.biller.caller.orders.create(input({ indicationId: "nsclc-metastatic-with-tremelimumab", phases: r.phases, durationMonths: 6, combination: r.combination }));
    await w.as.biller.caller.orders.sign({ orderId: o.id });
    const rows = await adminsOf(o.id);
    expect(rows.slice(0, 7).map((a) => [a.plannedDate, a.phaseIndex, a.includesCombination])).toEqual([
      ["2026-09-14", 0, true],
      ["2026-10-05", 0, true],
      ["2026-10-26", 0, true],
      ["2026-11-16", 0, true],
      ["2026-12-07", 1, false],
      ["2027-01-04", 1, true],
      ["2027-02-01", 1, false],
    ]);
  });
  it("refuses to sign while a check finds an error (withdrawn indication), writing nothing", async () => {
    const o = await w.as.biller.caller.orders.create(input({ indicationId: "urothelial-post-platinum", diagnoses: ["C67.9"] }));
    const err = await w.as.biller.caller.orders.sign({ orderId: o.id }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, null).data).toMatchObject({ domainCode: "CHECKS_FAILED", field: "indicationId" });
    expect(err.message).toContain("02/22/2021");
    expect(await adminsOf(o.id)).toHaveLength(0);
    const [row] = await h.db.select().from(orders).where(eq(orders.id, o.id));
    expect(row!.status).toBe("draft");
  });
  it("signing twice is an illegal transition (CONFLICT, INVALID_TRANSITION)", async () => {
    const o = await signedOrder();
    const err = await w.as.biller.caller.orders.sign({ orderId: o.id }).catch((e) => e);
    expect(err.code).toBe("CONFLICT");
    expect(formatError(err, null).data.domainCode).toBe("INVALID_TRANSITION");
  });
  it("two users signing at once: one wins, the other gets a conflict and no second calendar", async () => {
    const o = await w.as.biller.caller.orders.create(input());
    const results = await Promise.allSettled([w.as.biller.caller.orders.sign({ orderId: o.id }), w.as.admin.caller.orders.sign({ orderId: o.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await adminsOf(o.id)).toHaveLength(27);
    expect((await auditFor(o.id)).filter((a) => a.action === "order.sign")).toHaveLength(1);
  });
  it("a stale version cannot be signed; readers and other practices cannot sign", async () => {
    const o = await w.as.biller.caller.orders.create(input());
    await expect(w.as.biller.caller.orders.sign({ orderId: o.id, version: 7 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(w.as.pa_coordinator.caller.orders.sign({ orderId: o.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.manager.caller.orders.sign({ orderId: o.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.orders.sign({ orderId: o.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.biller.caller.orders.sign({ orderId: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await adminsOf(o.id)).toHaveLength(0);
  });
});

describe("orders.recordWeightDoseOverride (R-WEIGHT: a fixed dose under 30 kg)", () => {
  const fixed = [{ name: "consolidation", doseKind: "fixed" as const, doseAmount: "1500", frequency: "q4w" as const, cycles: null }];
  const REASON = "Tumour board 2026-09-10: fixed 1500 mg per trial protocol, weight expected to recover";

  it("blocks signing with the weight-based dose in the message; the clinician's reason (audited) makes it a warning and signing goes through", async () => {
    const o = await w.as.biller.caller.orders.create(input({ weightKg: "27", phases: fixed }));
    const draft = await w.as.biller.caller.orders.get({ orderId: o.id });
    const f = draft.checks.findings.find((x) => x.rule === "R-WEIGHT")!;
    expect(f).toMatchObject({ severity: "error", field: "phases.0.doseAmount", overridable: "weight_dose" });
    expect(f.message).toContain("10 mg/kg × 27 kg = 270 mg; the order is a fixed 1500 mg, 5.6 times that dose");
    expect(draft.checks.hasErrors).toBe(true);
    expect(draft.actions).toContain("weight_dose_override");
    expect(draft.weightDoseOverride).toBeNull();

    const err = await w.as.biller.caller.orders.sign({ orderId: o.id }).catch((e) => e);
    expect(formatError(err, null).data).toMatchObject({ domainCode: "CHECKS_FAILED", field: "phases.0.doseAmount" });
    expect(err.message).toContain("270 mg");
    expect(await adminsOf(o.id)).toHaveLength(0);

    const after = await w.as.biller.caller.orders.recordWeightDoseOverride({ orderId: o.id, version: draft.version, reason: `  ${REASON} ` });
    expect(after.version).toBe(draft.version + 1);
    const [row] = await h.db.select().from(orders).where(eq(orders.id, o.id));
    expect(row).toMatchObject({ weightDoseOverrideReason: REASON, weightDoseOverrideProviderId: providerId, weightDoseOverrideByUserId: w.as.biller.user.id });
    expect(row!.weightDoseOverrideAt).toBeInstanceOf(Date);
    const audit = (await auditFor(o.id)).filter((a) => a.action === "order.weight_dose_override_recorded");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: w.as.biller.user.id, before: { weightDoseOverrideReason: null }, after: { weightDoseOverrideReason: REASON, clinicianProviderId: providerId, weightKg: "27" } });

    const overridden = await w.as.manager.caller.orders.get({ orderId: o.id });
    const warning = overridden.checks.findings.find((x) => x.rule === "R-WEIGHT")!;
    expect(warning.severity).toBe("warning");
    expect(warning.message).toContain(`“${REASON}”`);
    expect(overridden.checks.hasErrors).toBe(false);
    expect(overridden.weightDoseOverride).toMatchObject({ reason: REASON, recordedByName: w.as.biller.user.name });
    expect(overridden.weightDoseOverride!.clinicianName).toMatch(/Olivia Onc/);
    expect(overridden.actions).toEqual([]);

    const signed = await w.as.biller.caller.orders.sign({ orderId: o.id });
    expect(signed.status).toBe("signed");
    expect(await adminsOf(o.id)).toHaveLength(14);
  });

  it("is for billers and admins of the order's practice only; readers are forbidden, other practices see nothing; nothing is written", async () => {
    const o = await w.as.biller.caller.orders.create(input({ weightKg: "28.5", phases: fixed }));
    await expect(w.as.pa_coordinator.caller.orders.recordWeightDoseOverride({ orderId: o.id, reason: REASON })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.manager.caller.orders.recordWeightDoseOverride({ orderId: o.id, reason: REASON })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.orders.recordWeightDoseOverride({ orderId: o.id, reason: REASON })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.pa_coordinator.caller.orders.get({ orderId: o.id })).actions).toEqual([]);
    const [row] = await h.db.select().from(orders).where(eq(orders.id, o.id));
    expect(row!.weightDoseOverrideReason).toBeNull();
    expect((await auditFor(o.id)).map((a) => a.action)).toEqual(["order.created"]);
    const byAdmin = await w.as.admin.caller.orders.recordWeightDoseOverride({ orderId: o.id, reason: REASON });
    expect(byAdmin.version).toBe(2);
  });

  it("rejects bad input at the boundary with the field named", async () => {
    const o = await w.as.biller.caller.orders.create(input({ weightKg: "25", phases: fixed }));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ orderId: o.id, reason: "ok" }, "reason", /at least 10 characters/],
      [{ orderId: o.id, reason: "   " }, "reason", /clinician's reason/],
      [{ orderId: o.id }, "reason", /clinician's reason/],
      [{ orderId: o.id, reason: "x".repeat(501) }, "reason", /at most 500/],
      [{ orderId: o.id, reason: "Fixed dose\u202Eper protocol" }, "reason", /text-direction/],
      [{ orderId: "not-a-uuid", reason: REASON }, "orderId", /order id/],
    ];
    for (const [raw, field, message] of cases) {
      const err = await w.as.biller.caller.orders.recordWeightDoseOverride(raw as never).catch((e) => e);
      expect(err.code, JSON.stringify(raw)).toBe("BAD_REQUEST");
      const shown = formatError(err, null);
      expect(shown.data.field, JSON.stringify(raw)).toBe(field);
      expect(shown.message).toMatch(message);
    }
    await expect(w.as.biller.caller.orders.recordWeightDoseOverride({ orderId: o.id, version: 9, reason: REASON })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an order dosed by weight and a discontinued order; editing the weight or dose withdraws the reason (audited)", async () => {
    const perKg = await w.as.biller.caller.orders.create(input({ weightKg: "25" }));
    const err = await w.as.biller.caller.orders.recordWeightDoseOverride({ orderId: perKg.id, reason: REASON }).catch((e) => e);
    expect(formatError(err, null).data).toMatchObject({ domainCode: "VALIDATION", field: "reason" });

    const o = await w.as.biller.caller.orders.create(input({ weightKg: "25", phases: fixed }));
    const v2 = await w.as.biller.caller.orders.recordWeightDoseOverride({ orderId: o.id, reason: REASON });
    const { id: _id, practiceId: _p, status: _s, version: _v, createdAt: _c, updatedAt: _u, signedAt: _sa, activatedAt: _aa, completedAt: _ca, discontinuedAt: _da, discontinueReason: _dr, ...fields } = v2;
    await w.as.biller.caller.orders.update({ ...fields, orderId: o.id, version: v2.version, weightKg: "26" });
    const [row] = await h.db.select().from(orders).where(eq(orders.id, o.id));
    expect(row).toMatchObject({ weightDoseOverrideReason: null, weightDoseOverrideByUserId: null, weightDoseOverrideAt: null, weightDoseOverrideProviderId: null });
    const edit = (await auditFor(o.id)).filter((a) => a.action === "order.updated").at(-1)!;
    expect(edit.before).toMatchObject({ weightDoseOverrideReason: REASON });
    expect(edit.after).toMatchObject({ weightDoseOverrideReason: null, weightKg: "26" });
    expect((await w.as.biller.caller.orders.get({ orderId: o.id })).checks.findings.find((x) => x.rule === "R-WEIGHT")!.severity).toBe("error");

    await w.as.biller.caller.orders.discontinue({ orderId: o.id, reason: "Plan changed" });
    const gone = await w.as.biller.caller.orders.recordWeightDoseOverride({ orderId: o.id, reason: REASON }).catch((e) => e);
    expect(gone.code).toBe("CONFLICT");
    expect(formatError(gone, null).data.domainCode).toBe("INVALID_TRANSITION");
  });
});

describe("activateOrderIfSigned (for the documentation service)", () => {
  it("activates a signed order once, audited; does nothing otherwise", async () => {
    const o = await signedOrder();
    const actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller" as const, requestId: "t" };
    expect(await h.db.transaction((tx) => activateOrderIfSigned(tx, actor, o.id))).toBe(true);
    expect(await h.db.transaction((tx) => activateOrderIfSigned(tx, actor, o.id))).toBe(false);
    const [row] = await h.db.select().from(orders).where(eq(orders.id, o.id));
    expect(row!.status).toBe("active");
    expect(row!.activatedAt).toBeInstanceOf(Date);
    expect((await auditFor(o.id)).at(-1)).toMatchObject({ action: "order.activate", before: { status: "signed" }, after: { status: "active" } });
    const other = { ...actor, practiceId: w.other.id };
    await expect(h.db.transaction((tx) => activateOrderIfSigned(tx, other, o.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("orders.complete", () => {
  it("completes an active order once nothing is scheduled; refuses before", async () => {
    const o = await signedOrder({ phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: 2 }], durationMonths: null });
    const actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller" as const, requestId: "t" };
    await h.db.transaction((tx) => activateOrderIfSigned(tx, actor, o.id));
    await expect(w.as.biller.caller.orders.complete({ orderId: o.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/2 infusions are still scheduled/) });
    await h.db.update(administrations).set({ status: "ready_for_billing" }).where(eq(administrations.orderId, o.id));
    await expect(w.as.manager.caller.orders.complete({ orderId: o.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.orders.complete({ orderId: o.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const c = await w.as.biller.caller.orders.complete({ orderId: o.id });
    expect(c.status).toBe("completed");
    expect((await auditFor(o.id)).at(-1)).toMatchObject({ action: "order.complete", before: { status: "active" }, after: { status: "completed" } });
  });
  it("a draft or signed order cannot be completed (INVALID_TRANSITION)", async () => {
    const d = await w.as.biller.caller.orders.create(input());
    const err = await w.as.biller.caller.orders.complete({ orderId: d.id }).catch((e) => e);
    expect(err.code).toBe("CONFLICT");
    expect(formatError(err, null).data.domainCode).toBe("INVALID_TRANSITION");
    const s = await signedOrder();
    await expect(w.as.biller.caller.orders.complete({ orderId: s.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("orders.discontinue", () => {
  it("discontinues with a reason; every scheduled infusion becomes not given (other + note), each audited", async () => {
    const o = await signedOrder({ phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: 4 }], durationMonths: null });
    const rows = await adminsOf(o.id);
    await h.db.update(administrations).set({ status: "documented" }).where(eq(administrations.id, rows[0]!.id));
    const d = await w.as.biller.caller.orders.discontinue({ orderId: o.id, reason: "Progression on CT" });
    expect(d).toMatchObject({ status: "discontinued", discontinueReason: "Progression on CT" });
    const after = await adminsOf(o.id);
    expect(after.map((a) => a.status)).toEqual(["documented", "not_given", "not_given", "not_given"]);
    expect(after[1]).toMatchObject({ notGivenReason: "other", notGivenNote: "Order discontinued: Progression on CT" });
    for (const a of after.slice(1)) {
      expect((await auditFor(a.id)).at(-1)).toMatchObject({
        action: "administration.mark_not_given",
        before: { status: "scheduled" },
        after: { status: "not_given", notGivenReason: "other" },
      });
    }
    expect((await auditFor(o.id)).at(-1)).toMatchObject({ action: "order.discontinue", after: { status: "discontinued", discontinueReason: "Progression on CT" } });
  });
  it("works from draft; needs a reason; is illegal from discontinued; forbidden to readers and other practices", async () => {
    const dr = await w.as.biller.caller.orders.create(input());
    const err = await w.as.biller.caller.orders.discontinue({ orderId: dr.id, reason: " " }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, null).data.field).toBe("reason");
    await expect(w.as.manager.caller.orders.discontinue({ orderId: dr.id, reason: "No longer wanted" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.orders.discontinue({ orderId: dr.id, reason: "No longer wanted" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.admin.caller.orders.discontinue({ orderId: dr.id, reason: "Entered in error" })).resolves.toMatchObject({ status: "discontinued" });
    const again = await w.as.admin.caller.orders.discontinue({ orderId: dr.id, reason: "Again" }).catch((e) => e);
    expect(again.code).toBe("CONFLICT");
    expect(formatError(again, null).data.domainCode).toBe("INVALID_TRANSITION");
  });
});

describe("orders.reschedule", () => {
  it("moves one scheduled infusion between its neighbours, audited with before/after dates", async () => {
    const o = await signedOrder();
    const [, second] = await adminsOf(o.id);
    const r = await w.as.biller.caller.orders.reschedule({ administrationId: second!.id, plannedDate: "2026-10-01", reason: "Patient travelling" });
    expect(r).toMatchObject({ plannedDate: "2026-10-01", originalPlannedDate: "2026-09-28", status: "scheduled" });
    expect((await auditFor(second!.id)).at(-1)).toMatchObject({
      action: "administration.rescheduled",
      before: { plannedDate: "2026-09-28" },
      after: { plannedDate: "2026-10-01", reason: "Patient travelling" },
    });
  });
  it("refuses dates outside the neighbours, infusions no longer scheduled, readers and other practices", async () => {
    const o = await signedOrder();
    const [first, second, third] = await adminsOf(o.id);
    for (const d of ["2026-09-14", "2026-10-12", "2026-09-01"]) {
      const err = await w.as.biller.caller.orders.reschedule({ administrationId: second!.id, plannedDate: d, reason: "Try" }).catch((e) => e);
      expect(err.code, d).toBe("BAD_REQUEST");
      expect(formatError(err, null).data.field).toBe("plannedDate");
    }
    await h.db.update(administrations).set({ status: "documented" }).where(eq(administrations.id, first!.id));
    const err = await w.as.biller.caller.orders.reschedule({ administrationId: first!.id, plannedDate: "2026-09-15", reason: "Late" }).catch((e) => e);
    expect(err.code).toBe("CONFLICT");
    expect(formatError(err, null).data.domainCode).toBe("INVALID_TRANSITION");
    await expect(w.as.manager.caller.orders.reschedule({ administrationId: third!.id, plannedDate: "2026-10-13", reason: "Moved" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.otherAdmin.caller.orders.reschedule({ administrationId: third!.id, plannedDate: "2026-10-13", reason: "Moved" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bad = await w.as.biller.caller.orders.reschedule({ administrationId: third!.id, plannedDate: "13/10/2026", reason: "" }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(formatError(bad, null).data.zodError!.fieldErrors).sort()).toEqual(["plannedDate", "reason"]);
    const [row] = await h.db.select().from(administrations).where(eq(administrations.id, third!.id));
    expect(row!.plannedDate).toBe("2026-10-12");
  });
});

describe("orders.list and orders.get", () => {
  it("pages the practice's orders with filters; other practices see none", async () => {
    const a = await w.as.biller.caller.orders.create(input({ patientId: patient2Id, indicationId: "sclc-limited-stage", durationMonths: 24, phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }] }));
    const byPatient = await w.as.manager.caller.orders.list({ patientId: patient2Id });
    expect(byPatient.items.map((i) => i.id)).toEqual([a.id]);
    expect(byPatient.items[0]).toMatchObject({ patientName: "Zimmer, Margaret", indicationName: expect.stringMatching(/Limited-stage SCLC/i), regimen: "1500 mg q4w", status: "draft", administrationsTotal: 0 });
    const signed = await w.as.pa_coordinator.caller.orders.list({ status: "signed", pageSize: 10 });
    expect(signed.items.every((i) => i.status === "signed")).toBe(true);
    expect(signed.items[0]!.administrationsTotal).toBeGreaterThan(0);
    expect(signed.items[0]!.nextPlannedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const all = await w.as.biller.caller.orders.list({ pageSize: 10, page: 1 });
    expect(all.total).toBeGreaterThan(10);
    expect(all.items).toHaveLength(10);
    const page2 = await w.as.biller.caller.orders.list({ pageSize: 10, page: 2 });
    expect(page2.items.map((i) => i.id).some((id) => all.items.map((x) => x.id).includes(id))).toBe(false);
    expect((await w.as.biller.caller.orders.list({ indicationId: "sclc-limited-stage" })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await w.as.biller.caller.orders.list({ q: "zimm" })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await w.otherAdmin.caller.orders.list({})).total).toBe(0);
    const bad = await w.as.biller.caller.orders.list({ status: "pending" as never }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(formatError(bad, null).data.field).toBe("status");
  });
  it("returns an order with its calendar, checks and the actions the role may take", async () => {
    const o = await signedOrder();
    const forBiller = await w.as.biller.caller.orders.get({ orderId: o.id });
    expect(forBiller.administrations).toHaveLength(27);
    expect(forBiller.actions.sort()).toEqual(["discontinue", "reschedule"]);
    expect(forBiller.patient.lastName).toBe("Olson");
    expect(forBiller.checks.findings).toEqual([]);
    const forManager = await w.as.manager.caller.orders.get({ orderId: o.id });
    expect(forManager.actions).toEqual([]);
    await expect(w.otherAdmin.caller.orders.get({ orderId: o.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const d = await w.as.biller.caller.orders.create(input());
    expect((await w.as.admin.caller.orders.get({ orderId: d.id })).actions.sort()).toEqual(["discontinue", "edit", "sign"]);
  });
});

describe("isolation at the database", () => {
  it("administrations always carry the order's practice", async () => {
    const rows = await h.db.select().from(administrations).innerJoin(orders, eq(orders.id, administrations.orderId)).where(and(eq(administrations.practiceId, w.practice.id)));
    expect(rows.every((r) => r.orders.practiceId === r.administrations.practiceId)).toBe(true);
  });
});

describe("demo seed (db/seed/demo-orders.ts)", () => {
  it("creates orders in every state on every indication, with consistent calendars", async () => {
    const practice = await makePractice(h.db);
    const other = await makePractice(h.db);
    const now = new Date("2026-09-14T12:00:00Z");
    const seeded = await h.db.transaction(async (tx) => {
      const setup = await seedPracticeSetup(tx, { practiceId: practice.id, otherPracticeId: other.id, now });
      const pts = await seedPatients(tx, { practiceId: practice.id, payerIds: { ...setup.payers, medigap: await seedMedigapPayer(tx, { practiceId: practice.id, now }) }, now });
      return seedOrders(tx, { practiceId: practice.id, patients: pts, providers: setup.providers, locations: setup.locations, now });
    });
    expect(new Set(seeded.map((o) => o.status))).toEqual(new Set(["draft", "signed", "active", "completed", "discontinued"]));
    expect(new Set(seeded.map((o) => o.indicationId)).size).toBeGreaterThanOrEqual(12);
    for (const o of seeded) {
      if (o.status === "draft") expect(o.administrations).toHaveLength(0);
      else expect(o.administrations.length).toBeGreaterThan(0);
      const dates = o.administrations.map((a) => a.plannedDate);
      expect([...dates].sort()).toEqual(dates);
      if (o.status === "signed") expect(o.administrations.every((a) => a.status === "scheduled" && a.plannedDate >= "2026-09-14")).toBe(true);
      if (o.status === "completed") expect(o.administrations.every((a) => a.status === "ready_for_billing" || a.status === "not_given")).toBe(true);
      if (o.status === "active") expect(o.administrations.some((a) => a.status === "documented")).toBe(true);
      if (o.status === "discontinued") expect(o.administrations.some((a) => a.status === "not_given")).toBe(true);
    }
    // Everything the seed signed passes the order checks the app applies when signing.
    const world = { userId: null, practiceId: practice.id, role: "manager" as const, requestId: "t" };
    const { getOrderDetail } = await import("@/server/services/orders");
    for (const o of seeded.filter((x) => x.status !== "draft")) {
      const d = await getOrderDetail(h.db, world, o.id, now);
      expect(d.checks.findings.filter((f) => f.severity === "error"), `${o.indicationId} ${o.status}`).toEqual([]);
    }
  });
});
