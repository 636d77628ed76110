import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { administrationDocumentation, administrations, administrationVials, auditEvents, coverages, orders, patients, payers, practiceRemitSettings } from "@/db/schema";
import { seedDocumentation, seedFeeSchedule } from "@/db/seed/demo-documentation";
import { seedOrders } from "@/db/seed/demo-orders";
import { seedPatients } from "@/db/seed/demo-patients";
import { seedMedigapPayer, seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import type { TCreateOrderInput } from "@/server/api/routers/orders/schemas";
import { callerFor, makePractice, makeSession, makeUser, makeWorld } from "../factories";
import { exampleDocumentation, type DocInput } from "../factories/documentation";
import { createTestDb } from "../helpers/test-db";

/** Fixed clock: the day after the claim-rules default date of service (2026-09-14). */
const NOW = new Date("2026-09-15T12:00:00Z");
const DOS = "2026-09-14";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let admin: Caller;
let manager: Caller;
let pa: Caller;
let other: Caller;

async function makePatient(practiceId: string, payerId: string | null, lastName = "Olson") {
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
  if (payerId) {
    await h.db.insert(coverages).values({ practiceId, patientId: p!.id, payerId, memberId: "1EG4TE5MK73", priority: "primary", relationship: "self", effectiveDate: "2026-01-01" });
  }
  return p!.id;
}

function orderInput(patientId: string, over: Partial<TCreateOrderInput> = {}): TCreateOrderInput {
  return {
    patientId,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["C34.11"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: DOS,
    orderingProviderId: setup.providers.oncologistA,
    locationId: setup.locations.office,
    weightKg: "67.3",
    notes: null,
    ...over,
  };
}

/** A signed order's administrations (first one on the DOS). */
async function signedOrder(patientId: string, over: Partial<TCreateOrderInput> = {}) {
  const o = await biller.orders.create(orderInput(patientId, over));
  await biller.orders.sign({ orderId: o.id });
  const admins = await h.db.select().from(administrations).where(eq(administrations.orderId, o.id)).orderBy(asc(administrations.sequence));
  return { orderId: o.id, first: admins[0]!.id, second: admins[1]!.id, third: admins[2]!.id };
}

/** The documentation used throughout: Example 4 with two vial sizes (tests/factories/documentation.ts). */
const doc = (over: Partial<DocInput> = {}): DocInput => exampleDocumentation(DOS, over);

/** Saves the documentation and asks for "documented" (the complete Example 4 record allows it). */
async function save(c: Caller, administrationId: string, over: Partial<DocInput> = {}, baseRevision?: number) {
  const rev = baseRevision ?? (await c.administrations.get({ administrationId })).revision;
  return c.administrations.saveDocumentation({ administrationId, baseRevision: rev, markDocumented: true, ...doc(over) });
}

async function auditFor(entityId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(asc(auditEvents.seq));
}
async function statusOf(id: string) {
  const [a] = await h.db.select({ status: administrations.status }).from(administrations).where(eq(administrations.id, id));
  return a!.status;
}
function lineText(l: { code: string; modifiers: string[]; units: number }) {
  return `${[l.code, ...l.modifiers].join("-")} ×${l.units}`;
}

let medicarePatient: string;
let commercialPatient: string;
let noJzPatient: string;
let uncoveredPatient: string;

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  const clock = () => NOW;
  biller = callerFor(h.db, w.as.biller.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await h.db.transaction((tx) => seedPracticeSetup(tx, { practiceId: w.practice.id, otherPracticeId: w.other.id, now: NOW }));
  await h.db.transaction((tx) => seedFeeSchedule(tx, w.practice.id, NOW));
  medicarePatient = await makePatient(w.practice.id, setup.payers.medicare, "Schmidt");
  commercialPatient = await makePatient(w.practice.id, setup.payers.commercial, "Johnson");
  noJzPatient = await makePatient(w.practice.id, setup.payers.commercialNoJz, "Thompson");
  uncoveredPatient = await makePatient(w.practice.id, null, "Nobody");
});
afterAll(() => h?.close());

describe("administrations.get", () => {
  it("shows a scheduled infusion with the dose of the day, the engine's suggested vials and what is missing, to every reading role", async () => {
    const o = await signedOrder(medicarePatient);
    for (const c of [biller, admin, manager, pa]) {
      const d = await c.administrations.get({ administrationId: o.first });
      expect(d.administration).toMatchObject({ status: "scheduled", sequence: 1, plannedDate: DOS });
      expect(d.dose).toMatchObject({ ordered: "10 mg/kg", mg: "673", basis: "10 mg/kg × 67.3 kg = 673 mg" });
      expect(d.suggestedVials[0]).toMatchObject({ drug: "durvalumab", forMg: "673", text: "6 × 120 mg", totalUnits: 72 });
      expect(d.documentation).toBeNull();
      expect(d.revision).toBe(0);
      expect(d.preview).toBeNull();
      expect(d.checklist.filter((i) => !i.done).map((i) => i.key)).toEqual(expect.arrayContaining(["actualDate", "weightKg", "infusionStop", "vials", "mgAdministered"]));
      expect(d.payer).toMatchObject({ kind: "medicare", wasteModifiers: "jw_jz" });
      expect(d.packages.map((p) => p.description)).toEqual(expect.arrayContaining(["Imfinzi 500 mg/10 mL single-dose vial", "Imfinzi 120 mg/2.4 mL single-dose vial"]));
    }
    expect((await biller.administrations.get({ administrationId: o.first })).actions).toEqual({ start: true, save: true, markReady: false, amend: false, markNotGiven: true, acknowledge: false, close: false, decideWriteOff: false, reopen: false });
    for (const c of [manager, pa]) {
      expect(Object.values((await c.administrations.get({ administrationId: o.first })).actions).every((x) => !x)).toBe(true);
    }
  });
  it("is NOT_FOUND for another practice and rejects a malformed id with the field named", async () => {
    const o = await signedOrder(medicarePatient);
    await expect(other.administrations.get({ administrationId: o.first })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.administrations.preview({ administrationId: o.first })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const err = await biller.administrations.get({ administrationId: "nope" }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(formatError(err, null).data.field).toBe("administrationId");
    await expect(w.anonymous.administrations.get({ administrationId: o.first })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
  it("recomputes a weight-based dose from the weight of the day and applies the 30 kg rule to a fixed order", async () => {
    const perKg = await signedOrder(medicarePatient);
    await save(biller, perKg.first, { weightKg: "28", mgAdministered: "280", mgDiscarded: "20", vials: [{ ndc: "0310-4611-50", lotNumber: "L1", expiryDate: "2027-01-01", count: 1 }] });
    const d = await biller.administrations.get({ administrationId: perKg.first });
    expect(d.dose).toMatchObject({ mg: "280", basis: "10 mg/kg × 28 kg = 280 mg", band: "below" });
    const fixed = await signedOrder(medicarePatient, { phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }] });
    await save(biller, fixed.first, { weightKg: "28", mgAdministered: "1500", mgDiscarded: null, wasteTime: null, wasteWitness: null, vials: [{ ndc: "0310-4611-50", lotNumber: "L1", expiryDate: "2027-01-01", count: 3 }] });
    const f = await biller.administrations.get({ administrationId: fixed.first });
    expect(f.dose).toMatchObject({ mg: "1500", band: "below", labelWeightBased: { mgPerKg: "10", mg: "280" } });
    expect(f.dose.note).toMatch(/below 30 kg/);
    expect(f.findings.find((x) => x.rule === "R-WEIGHT")).toMatchObject({ severity: "error" });
    // The clinician's documented reason recorded on the (signed) order turns the claim's error into a warning quoting it.
    await biller.orders.recordWeightDoseOverride({ orderId: fixed.orderId, reason: "Weight loss since the order; oncologist keeps the fixed dose" });
    const overridden = await biller.administrations.get({ administrationId: fixed.first });
    expect(overridden.findings.find((x) => x.rule === "R-WEIGHT")).toMatchObject({ severity: "warning", message: expect.stringContaining("“Weight loss since the order; oncologist keeps the fixed dose”") });
    // Exactly 30.0 kg may get the fixed dose: no weight warning.
    await save(biller, fixed.first, { weightKg: "30.0", mgAdministered: "1500", mgDiscarded: null, wasteTime: null, wasteWitness: null, vials: [{ ndc: "0310-4611-50", lotNumber: "L1", expiryDate: "2027-01-01", count: 3 }] });
    const at30 = await biller.administrations.get({ administrationId: fixed.first });
    expect(at30.dose.band).toBe("at_or_above");
    expect(at30.findings.filter((x) => x.rule === "R-WEIGHT")).toEqual([]);
  });
});

describe("administrations.start", () => {
  it("starts a scheduled infusion, activates the signed order and audits both", async () => {
    const o = await signedOrder(medicarePatient);
    await expect(biller.administrations.start({ administrationId: o.first })).resolves.toMatchObject({ status: "in_progress" });
    const [ord] = await h.db.select().from(orders).where(eq(orders.id, o.orderId));
    expect(ord!.status).toBe("active");
    const a = (await auditFor(o.first)).find((x) => x.action === "administration.start")!;
    expect(a).toMatchObject({ actorUserId: w.as.biller.user.id, before: { status: "scheduled" } });
    expect(a.after).toMatchObject({ status: "in_progress" });
    expect((await auditFor(o.orderId)).map((x) => x.action)).toContain("order.activate");
    // Illegal: starting twice.
    await expect(biller.administrations.start({ administrationId: o.first })).rejects.toMatchObject({ code: "CONFLICT" });
  });
  it("is forbidden to managers and PA coordinators and NOT_FOUND for another practice; nothing changes", async () => {
    const o = await signedOrder(medicarePatient);
    for (const c of [manager, pa]) await expect(c.administrations.start({ administrationId: o.first })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.start({ administrationId: o.first })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(o.first)).toBe("scheduled");
    await expect(admin.administrations.start({ administrationId: o.first })).resolves.toMatchObject({ status: "in_progress" });
  });
});

describe("administrations.saveDocumentation", () => {
  it("documents the infusion (NDCs normalised), moves it to documented and builds the claim preview with its arithmetic", async () => {
    const o = await signedOrder(medicarePatient);
    const r = await save(biller, o.first);
    expect(r).toMatchObject({ status: "documented", version: 1, revision: 1 });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.documentation!.values.vials.map((v) => `${v.ndc11}×${v.count}`)).toEqual(["00310461150×1", "00310450012×2"]);
    // 74 units opened, 68 given: 6 discarded, but 6 × 120 mg (72 units) would have left 4: JW ×4 (issue 14 item 1)
    expect(d.preview!.lines.map(lineText)).toEqual(["J9173 ×68", "J9173-JW ×4", "96413 ×1", "96415 ×1"]);
    expect(d.preview!.lines.map((l) => l.chargeCents)).toEqual([1_020_000, 60_000, 30_000, 7_500]);
    expect(d.preview!.totalChargeCents).toBe(1_117_500);
    expect(d.preview!.diagnoses).toEqual(["C3411"]);
    const vial = d.findings.find((f) => f.rule === "R-VIAL")!;
    expect(vial).toMatchObject({ severity: "warning", acknowledged: false });
    expect(vial.message).toContain("6 × 120 mg");
    expect(d.findings.filter((f) => f.severity === "error")).toEqual([]);
    const text = d.preview!.arithmetic.map((s) => s.text).join("\n");
    expect(text).toContain("673 mg administered ÷ 10 mg per J9173 unit = 67.3 → 68 units");
    expect(text).toContain("74 units opened − 68 units administered = 6 waste units; the least-waste combination for the dose (6 × 120 mg) leaves 4 units, so J9173-JW ×4 is billable and 2 waste units are not billable");
    expect(text).toContain("10:00 → 11:40 = 100 minutes");
    expect(text).toContain("ceil((100 − 90) / 60) = 1 → 96415 ×1");
    expect(d.checklist.every((i) => i.done)).toBe(true);
    expect(d.blockers).toEqual(["1 warning to acknowledge: vial choice"]);

    const audit = await auditFor(o.first);
    const saved = audit.find((a) => a.action === "administration.documentation_saved")!;
    expect(saved.before).toBeNull();
    expect(saved.after).toMatchObject({ version: 1, revision: 1, mgAdministered: "673", vials: [{ ndc11: "00310461150", count: 1 }, { ndc11: "00310450012", count: 2 }] });
    expect(audit.find((a) => a.action === "administration.document")).toMatchObject({ before: { status: "scheduled" } });
    const [ord] = await h.db.select().from(orders).where(eq(orders.id, o.orderId));
    expect(ord!.status).toBe("active");
  });
  it("keeps the infusion scheduled or in progress when a draft is saved, even an empty one; documented is asked for and refused while the record is incomplete", async () => {
    const o = await signedOrder(medicarePatient);
    const empty = { actualDate: null, weightKg: null, infusionStart: null, infusionStop: null, nurseName: null, mgAdministered: null, mgDiscarded: null, wasteTime: null, wasteWitness: null, notes: null, vials: [] };
    await expect(biller.administrations.saveDocumentation({ administrationId: o.first, baseRevision: 0, ...empty })).resolves.toMatchObject({ status: "scheduled", revision: 1 });
    expect(await statusOf(o.first)).toBe("scheduled");
    await biller.administrations.start({ administrationId: o.second });
    await expect(biller.administrations.saveDocumentation({ administrationId: o.second, baseRevision: 0, ...doc({ nurseName: null }) })).resolves.toMatchObject({ status: "in_progress" });
    // Asking for documented with the nurse missing: refused on the field, nothing of this save kept.
    const refused = await biller.administrations.saveDocumentation({ administrationId: o.second, baseRevision: 1, markDocumented: true, ...doc({ nurseName: null, notes: "second try" }) }).catch((e) => e);
    expect(refused.code).toBe("BAD_REQUEST");
    expect(formatError(refused, null).data.field).toBe("nurseName");
    expect(refused.message).toMatch(/Not documented yet: administering nurse/);
    expect(await statusOf(o.second)).toBe("in_progress");
    expect((await biller.administrations.get({ administrationId: o.second })).revision).toBe(1);
    // Complete: the transition is applied and audited.
    await expect(biller.administrations.saveDocumentation({ administrationId: o.second, baseRevision: 1, markDocumented: true, ...doc() })).resolves.toMatchObject({ status: "documented", revision: 2 });
    expect((await auditFor(o.second)).filter((a) => a.action === "administration.document")).toHaveLength(1);
    expect((await auditFor(o.first)).filter((a) => a.action === "administration.document")).toHaveLength(0);
  });
  it("accepts the NDC in any entry format and updates the draft in place with before/after audit", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first, { vials: [{ ndc: "0310461150", lotNumber: "A", expiryDate: "2027-01-01", count: 1 }, { ndc: "00310450012", lotNumber: "B", expiryDate: "2027-01-01", count: 2 }] });
    const before = await biller.administrations.get({ administrationId: o.first });
    expect(before.documentation!.values.vials.map((v) => v.ndc11)).toEqual(["00310461150", "00310450012"]);
    await save(biller, o.first, { infusionStop: "12:31", vials: [{ ndc: "0310-4500-12", lotNumber: "B", expiryDate: "2027-01-01", count: 6 }], mgDiscarded: "47" }, 1);
    const after = await biller.administrations.get({ administrationId: o.first });
    expect(after).toMatchObject({ revision: 2, documentation: { version: 1 } });
    expect(after.versions).toHaveLength(1);
    // Example 4: 6 × V120 is the least-waste choice, 4 JW units; 151 minutes → 2 additional hours.
    expect(after.preview!.lines.map(lineText)).toEqual(["J9173 ×68", "J9173-JW ×4", "96413 ×1", "96415 ×2"]);
    expect(after.findings.filter((f) => f.rule === "R-VIAL")).toEqual([]);
    const saves = (await auditFor(o.first)).filter((a) => a.action === "administration.documentation_saved");
    expect(saves).toHaveLength(2);
    expect(saves[1]!.before).toMatchObject({ revision: 1, infusionStop: "11:40" });
    expect(saves[1]!.after).toMatchObject({ revision: 2, infusionStop: "12:31" });
    const rows = await h.db.select().from(administrationVials).where(eq(administrationVials.documentationId, after.versions[0]!.id));
    expect(rows.map((v) => v.ndc11)).toEqual(["00310450012"]);
  });
  it("rejects bad input at the boundary with the field named, and saves nothing", async () => {
    const o = await signedOrder(medicarePatient);
    const v = (ndc: string) => [{ ndc, lotNumber: "L", expiryDate: "2027-01-01", count: 1 }];
    const cases: [Partial<DocInput>, string, RegExp][] = [
      [{ weightKg: "67.35" }, "weightKg", /one decimal/],
      [{ infusionStart: "10:00", infusionStop: "09:59" }, "infusionStop", /after the start/],
      [{ infusionStart: "25:00" }, "infusionStart", /HH:MM/],
      [{ mgAdministered: "6.7351" }, "mgAdministered", /3 decimals/],
      [{ actualDate: "2026-02-30" }, "actualDate", /real date/],
      [{ actualDate: "2026-09-16" }, "actualDate", /future/],
      [{ vials: v("0310-4611-5O") }, "vials.0.ndc", /digits and hyphens only/],
      [{ vials: v("310-4611-50") }, "vials.0.ndc", /segments 3-4-2/],
      [{ vials: v("61434-002-10") }, "vials.0.ndc", /bulk/],
      [{ vials: v("12345-6789-1") }, "vials.0.ndc", /not in the NDC-HCPCS crosswalk/],
      [{ vials: v("0310-4535-30") }, "vials.0.ndc", /does not include tremelimumab/],
      [{ vials: [{ ndc: "0310-4611-50", lotNumber: "L", expiryDate: null, count: 0 }] }, "vials.0.count", /At least 1/],
      [{ acquisition: "stolen" as never }, "acquisition", /how the drug was acquired/],
      [{ acquisition: "purchased_340b", acquisitionCostPerUnit: "85.1255" }, "acquisitionCostPerUnit", /in dollars/],
      [{ otherDrugs: [{ hcpcs: "J9173", units: 10 }] }, "otherDrugs.0.hcpcs", /documented above/],
      [{ otherDrugs: [{ hcpcs: "carboplatin", units: 10 }] }, "otherDrugs.0.hcpcs", /HCPCS code/],
      [{ otherDrugs: [{ hcpcs: "J9045", units: 0 }] }, "otherDrugs.0.units", /At least 1/],
      [{ otherDrugs: [{ hcpcs: "J9045", units: 5, infusionStart: "12:00", infusionStop: "11:30" }] }, "otherDrugs.0.infusionStop", /after the start/],
    ];
    for (const [over, field, message] of cases) {
      const err = await save(biller, o.first, over, 0).catch((e) => e);
      expect(err.code, field).toBe("BAD_REQUEST");
      const shown = formatError(err, null);
      expect(shown.data.field, JSON.stringify(over)).toBe(field);
      expect(shown.message).toMatch(message);
    }
    expect(await statusOf(o.first)).toBe("scheduled");
    expect(await h.db.select().from(administrationDocumentation).where(eq(administrationDocumentation.administrationId, o.first))).toHaveLength(0);
  });
  it("keeps other same-day drugs, a 340B purchase and the reason larger vials were opened; the preview bills them (issue 14)", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first, {
      acquisition: "purchased_340b",
      acquisitionCostPerUnit: "85.125",
      vialChoiceReason: "120 mg vials out of stock that day",
      otherDrugs: [{ hcpcs: "j9045", description: "carboplatin", units: 12, administration: "chemotherapy", infusionStart: "11:45", infusionStop: "12:15" }],
    });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.documentation!.values).toMatchObject({
      acquisition: "purchased_340b",
      acquisitionCostPerUnit: "85.125",
      vialChoiceReason: "120 mg vials out of stock that day",
      otherDrugs: [{ hcpcs: "J9045", description: "carboplatin", units: 12, administration: "chemotherapy", infusionStart: "11:45", infusionStop: "12:15" }],
    });
    const lines = d.preview!.lines.map(lineText);
    // the documented reason lets the whole waste be billed: 74 opened − 68 given = JW ×6, still a warning quoting it
    expect(lines).toEqual(expect.arrayContaining(["J9173-JW ×6", "J9045 ×12", "96413 ×1", "96415 ×1", "96417 ×1"]));
    expect(d.preview!.arithmetic.map((s) => s.text).join("\n")).toContain("120 mg vials out of stock that day");
    const saved = (await auditFor(o.first)).find((a) => a.action === "administration.documentation_saved")!;
    expect(saved.after).toMatchObject({ acquisition: "purchased_340b", vialChoiceReason: "120 mg vials out of stock that day", otherDrugs: [{ hcpcs: "J9045", units: 12 }] });
    // switching back to a purchased drug drops the 340B cost instead of keeping a stale one
    await save(biller, o.first, { acquisition: "purchased", acquisitionCostPerUnit: "85.125" });
    const again = await biller.administrations.get({ administrationId: o.first });
    expect(again.documentation!.values).toMatchObject({ acquisition: "purchased", acquisitionCostPerUnit: null, otherDrugs: [] });
  });

  it("is forbidden to managers and PA coordinators and NOT_FOUND for another practice", async () => {
    const o = await signedOrder(medicarePatient);
    for (const c of [manager, pa]) await expect(save(c, o.first, {}, 0)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.saveDocumentation({ administrationId: o.first, baseRevision: 0, ...doc() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(o.first)).toBe("scheduled");
  });
  it("turns a stale revision and a concurrent save into a conflict: one user wins, nothing is overwritten", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first);
    await expect(save(admin, o.first, { nurseName: "Late Editor" }, 0)).rejects.toMatchObject({ code: "CONFLICT" });
    const results = await Promise.allSettled([save(biller, o.first, { nurseName: "Nurse A" }, 1), save(admin, o.first, { nurseName: "Nurse B" }, 1)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.revision).toBe(2);
    const winner = results[0]!.status === "fulfilled" ? "Nurse A" : "Nurse B";
    expect(d.documentation!.values.nurseName).toBe(winner);
    // Two first saves at once: exactly one creates version 1.
    const p = await signedOrder(medicarePatient);
    const firsts = await Promise.allSettled([save(biller, p.first, {}, 0), save(admin, p.first, {}, 0)]);
    expect(firsts.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await h.db.select().from(administrationDocumentation).where(eq(administrationDocumentation.administrationId, p.first))).toHaveLength(1);
  });
});

describe("administrations.acknowledgeWarning and markReady", () => {
  it("needs every warning acknowledged (audited), then marks ready for billing", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first);
    const refused = await biller.administrations.markReady({ administrationId: o.first }).catch((e) => e);
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/1 warning to acknowledge: vial choice/);
    const d = await biller.administrations.get({ administrationId: o.first });
    const vial = d.findings.find((f) => f.rule === "R-VIAL")!;
    const short = await biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "ok" }).catch((e) => e);
    expect(short.code).toBe("BAD_REQUEST");
    expect(formatError(short, null).data.field).toBe("reason");
    for (const c of [manager, pa]) {
      await expect(c.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "Pharmacy had no 120 mg vials" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(other.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "Pharmacy had no 120 mg vials" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: "deadbeef", reason: "Pharmacy had no 120 mg vials" })).rejects.toMatchObject({ code: "CONFLICT" });
    const ack = await biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "Pharmacy had only one 120 mg vial left" });
    expect(ack).toMatchObject({ rule: "R-VIAL", documentationVersion: 1 });
    await expect(biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "again, twice" })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = (await auditFor(o.first)).find((a) => a.action === "administration.warning_acknowledged")!;
    expect(audit).toMatchObject({ actorUserId: w.as.biller.user.id, before: null });
    expect(audit.after).toMatchObject({ rule: "R-VIAL", reason: "Pharmacy had only one 120 mg vial left", documentationVersion: 1 });
    const after = await biller.administrations.get({ administrationId: o.first });
    expect(after.findings.find((f) => f.rule === "R-VIAL")!.acknowledged).toBe(true);
    expect(after.blockers).toEqual([]);
    expect(after.actions.markReady).toBe(true);

    for (const c of [manager, pa]) await expect(c.administrations.markReady({ administrationId: o.first })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.markReady({ administrationId: o.first })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(biller.administrations.markReady({ administrationId: o.first })).resolves.toMatchObject({ status: "ready_for_billing" });
    const ready = (await auditFor(o.first)).find((a) => a.action === "administration.mark_ready")!;
    expect(ready.before).toEqual({ status: "documented" });
    expect(ready.after).toMatchObject({ status: "ready_for_billing", version: 1, lines: ["J9173 ×68", "J9173-JW ×4", "96413 ×1", "96415 ×1"], acknowledgedWarnings: ["R-VIAL"] });
    // Illegal: again, and editing in place once ready.
    await expect(biller.administrations.markReady({ administrationId: o.first })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(save(biller, o.first, { nurseName: "Someone else" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "too late now" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
  it("never acknowledges an error, and refuses ready while the checklist is incomplete (field named)", async () => {
    const o = await signedOrder(medicarePatient);
    // Documented complete, then the stop time removed by a later save: it stays documented and cannot be billed.
    await save(biller, o.first);
    await save(biller, o.first, { infusionStop: null, vials: [{ ndc: "0310-4500-12", lotNumber: "B", expiryDate: "2027-01-01", count: 6 }], mgDiscarded: "47" });
    const d = await biller.administrations.get({ administrationId: o.first });
    const err = d.findings.find((f) => f.rule === "R-ADMIN" && f.severity === "error")!;
    expect(err.message).toMatch(/no stop time/);
    const refused = await biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: err.rule, fingerprint: err.fingerprint, reason: "We know, fine" }).catch((e) => e);
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/Errors cannot be acknowledged/);
    const notReady = await biller.administrations.markReady({ administrationId: o.first }).catch((e) => e);
    expect(notReady.code).toBe("BAD_REQUEST");
    expect(formatError(notReady, null).data.field).toBe("infusionStop");
    expect(notReady.message).toMatch(/infusion stop time/);
    expect(notReady.message).toMatch(/errors? to fix: /);
    expect(await statusOf(o.first)).toBe("documented");
    expect((await auditFor(o.first)).filter((a) => a.action === "administration.warning_acknowledged")).toHaveLength(0);
    // From scheduled it is not a legal transition at all.
    const p = await signedOrder(medicarePatient);
    await expect(biller.administrations.markReady({ administrationId: p.first })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("administrations.amend", () => {
  async function readyAdministration() {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first);
    const d = await biller.administrations.get({ administrationId: o.first });
    const f = d.findings.find((x) => x.rule === "R-VIAL")!;
    await biller.administrations.acknowledgeWarning({ administrationId: o.first, rule: f.rule, fingerprint: f.fingerprint, reason: "Only one 120 mg vial in stock" });
    await biller.administrations.markReady({ administrationId: o.first });
    return o;
  }
  it("creates a new version with the reason, keeps the original, returns to documented and re-evaluates", async () => {
    const o = await readyAdministration();
    const rev = (await biller.administrations.get({ administrationId: o.first })).revision;
    const short = await biller.administrations.amend({ administrationId: o.first, baseRevision: rev, reason: "typo" }).catch((e) => e);
    expect(short.code).toBe("BAD_REQUEST");
    expect(formatError(short, null).data.field).toBe("reason");
    for (const c of [manager, pa]) await expect(c.administrations.amend({ administrationId: o.first, baseRevision: rev, reason: "Pharmacy log correction" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.amend({ administrationId: o.first, baseRevision: rev, reason: "Pharmacy log correction" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(biller.administrations.amend({ administrationId: o.first, baseRevision: rev - 1, reason: "Pharmacy log correction" })).rejects.toMatchObject({ code: "CONFLICT" });

    const r = await biller.administrations.amend({ administrationId: o.first, baseRevision: rev, reason: "Pharmacy log: the stop time was 11:50" });
    expect(r).toMatchObject({ status: "documented", version: 2, revision: rev + 1 });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.versions.map((v) => [v.version, v.isCurrent, v.amendmentReason])).toEqual([
      [1, false, null],
      [2, true, "Pharmacy log: the stop time was 11:50"],
    ]);
    // Acknowledgements belong to a version: the R-VIAL warning needs one again.
    expect(d.findings.find((f) => f.rule === "R-VIAL")!.acknowledged).toBe(false);
    expect(d.actions.amend).toBe(false);
    await save(biller, o.first, { infusionStop: "11:50" }, d.revision);
    const v1 = await h.db
      .select()
      .from(administrationDocumentation)
      .where(and(eq(administrationDocumentation.administrationId, o.first), eq(administrationDocumentation.version, 1)));
    expect(v1[0]).toMatchObject({ infusionStop: "11:40", isCurrent: false, revision: 1 });
    const v1Vials = await h.db.select().from(administrationVials).where(eq(administrationVials.documentationId, v1[0]!.id));
    expect(v1Vials).toHaveLength(2);
    const amended = await biller.administrations.get({ administrationId: o.first });
    expect(amended.documentation!.values.infusionStop).toBe("11:50");
    expect(amended.versions[0]!.values.infusionStop).toBe("11:40");
    const audit = (await auditFor(o.first)).find((a) => a.action === "administration.amended")!;
    expect(audit.before).toMatchObject({ version: 1, infusionStop: "11:40" });
    expect(audit.after).toMatchObject({ version: 2, reason: "Pharmacy log: the stop time was 11:50" });
    expect((await auditFor(o.first)).find((a) => a.action === "administration.amend")).toMatchObject({ before: { status: "ready_for_billing" } });
  });
  it("takes corrected values in the same call and is refused unless ready for billing", async () => {
    const o = await readyAdministration();
    const rev = (await biller.administrations.get({ administrationId: o.first })).revision;
    await biller.administrations.amend({
      administrationId: o.first,
      baseRevision: rev,
      reason: "Pharmacy record shows six 120 mg vials",
      documentation: doc({ vials: [{ ndc: "0310-4500-12", lotNumber: "LOT120B", expiryDate: "2027-03-31", count: 6 }], mgDiscarded: "47" }),
    });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.preview!.lines.map(lineText)).toEqual(["J9173 ×68", "J9173-JW ×4", "96413 ×1", "96415 ×1"]);
    expect(d.blockers).toEqual([]);
    await expect(biller.administrations.amend({ administrationId: o.first, baseRevision: d.revision, reason: "Another correction" })).rejects.toMatchObject({ code: "CONFLICT" });
    const p = await signedOrder(medicarePatient);
    await expect(biller.administrations.amend({ administrationId: p.first, baseRevision: 0, reason: "Nothing to amend yet" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("administrations.markNotGiven", () => {
  it("records the reason (audited); other needs a note; only from scheduled or in progress", async () => {
    const o = await signedOrder(medicarePatient);
    const bad = await biller.administrations.markNotGiven({ administrationId: o.second, reason: "other" }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(formatError(bad, null).data.field).toBe("note");
    const badReason = await biller.administrations.markNotGiven({ administrationId: o.second, reason: "bored" as never }).catch((e) => e);
    expect(formatError(badReason, null).data.field).toBe("reason");
    for (const c of [manager, pa]) await expect(c.administrations.markNotGiven({ administrationId: o.second, reason: "patient_declined" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.markNotGiven({ administrationId: o.second, reason: "patient_declined" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(biller.administrations.markNotGiven({ administrationId: o.second, reason: "held_for_toxicity", note: "Grade 2 pneumonitis" })).resolves.toMatchObject({ status: "not_given" });
    const [a] = await h.db.select().from(administrations).where(eq(administrations.id, o.second));
    expect(a).toMatchObject({ status: "not_given", notGivenReason: "held_for_toxicity", notGivenNote: "Grade 2 pneumonitis" });
    const audit = (await auditFor(o.second)).find((x) => x.action === "administration.mark_not_given")!;
    expect(audit.before).toEqual({ status: "scheduled" });
    expect(audit.after).toMatchObject({ status: "not_given", notGivenReason: "held_for_toxicity" });
    await expect(save(biller, o.second, {}, 0)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(biller.administrations.start({ administrationId: o.second })).rejects.toMatchObject({ code: "CONFLICT" });
    await save(biller, o.first);
    await expect(biller.administrations.markNotGiven({ administrationId: o.first, reason: "insurance" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("administrations.preview", () => {
  it("bills the primary coverage on the date: Medicare without NDCs, readable by managers", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first);
    const p = await manager.administrations.preview({ administrationId: o.first });
    expect(p.payer).toMatchObject({ id: setup.payers.medicare });
    expect(p.preview!.lines.every((l) => l.ndc === null)).toBe(true);
    expect(p.preview!.claimFilingIndicator).toBe("MB");
  });
  it("says what is missing when no claim can be built yet (no coverage, no vials)", async () => {
    const o = await signedOrder(uncoveredPatient);
    await biller.administrations.saveDocumentation({ administrationId: o.first, baseRevision: 0, ...doc({ vials: [] }) });
    const p = await biller.administrations.preview({ administrationId: o.first });
    expect(p.preview).toBeNull();
    expect(p.missing).toEqual(expect.arrayContaining(["the vials opened", "a primary coverage in force on the date"]));
    expect(p.blockers[0]).toMatch(/documentation incomplete/);
  });
  it("commercial plan: NDC lines in mL, and the missing prior authorization is an error", async () => {
    const o = await signedOrder(commercialPatient);
    await save(biller, o.first);
    const p = await biller.administrations.preview({ administrationId: o.first });
    expect(p.preview!.lines.filter((l) => l.code === "J9173").map((l) => `${lineText(l)} ${l.ndc?.code} ${l.ndc?.quantity}${l.ndc?.unit}`)).toEqual([
      "J9173 ×50 00310461150 10ML",
      "J9173 ×18 00310450012 3.6ML",
      "J9173-JW ×4 00310450012 0.8ML",
    ]);
    expect(p.findings.find((f) => f.rule === "R-AUTH")).toMatchObject({ severity: "error" });
    expect(p.preview!.arithmetic.map((s) => s.text)).toEqual(expect.arrayContaining([expect.stringContaining("50 units × 0.2 mL per unit = 10 mL (qualifier ML)")]));
  });
  it("payer that rejects JZ: no JZ on a zero-waste claim", async () => {
    const o = await signedOrder(noJzPatient, { phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }] });
    await save(biller, o.first, { mgAdministered: "1500", mgDiscarded: null, wasteTime: null, wasteWitness: null, vials: [{ ndc: "0310-4611-50", lotNumber: "L", expiryDate: "2027-01-01", count: 3 }] });
    const p = await biller.administrations.preview({ administrationId: o.first });
    expect(p.preview!.lines.filter((l) => l.code === "J9173").map(lineText)).toEqual(["J9173 ×150"]);
    expect(p.preview!.arithmetic.map((s) => s.text)).toEqual(expect.arrayContaining([expect.stringContaining("this payer does not take JZ")]));
  });
  it("free drug follows the payer's free-drug policy; waste record is then not required", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first, { acquisition: "free_manufacturer_program", wasteTime: null, wasteWitness: null });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.checklist.find((c) => c.key === "wasteRecord")).toBeUndefined();
    // Medicare: the drug's HCPCS at a nominal $0.01 on the same claim as the administration (CGS, NGS)
    expect(d.preview!.lines.map(lineText)).toEqual(["J9173 ×68", "96413 ×1", "96415 ×1"]);
    expect(d.preview!.lines[0]!.chargeCents).toBe(1);
    await h.db.update(payers).set({ freeDrug: "no_drug_line" }).where(eq(payers.id, setup.payers.commercialNoJz));
    const q = await signedOrder(noJzPatient);
    await save(biller, q.first, { acquisition: "free_manufacturer_program" });
    const p = await biller.administrations.preview({ administrationId: q.first });
    expect(p.preview!.lines.map(lineText)).toEqual(["96413 ×1", "96415 ×1"]);
    expect(p.findings.find((f) => f.rule === "R-FREE")!.message).toMatch(/no drug line/);
  });
  it("an expired lot on the date given is an error; a lot expiring that day is fine", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first, { vials: [{ ndc: "0310-4500-12", lotNumber: "OLD1", expiryDate: "2026-09-13", count: 6 }], mgDiscarded: "47" });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.findings.find((f) => f.rule === "DOC-LOT-EXPIRY")).toMatchObject({ severity: "error" });
    expect(d.findings.find((f) => f.rule === "DOC-LOT-EXPIRY")!.message).toContain("lot OLD1 of NDC 00310-4500-12 expired on 09/13/2026");
    await save(biller, o.first, { vials: [{ ndc: "0310-4500-12", lotNumber: "OLD1", expiryDate: DOS, count: 6 }], mgDiscarded: "47" });
    const ok = await biller.administrations.get({ administrationId: o.first });
    expect(ok.findings.filter((f) => f.rule === "DOC-LOT-EXPIRY")).toEqual([]);
    expect(ok.blockers).toEqual([]);
  });
});

describe("who bills at the location decides the claim the preview builds", () => {
  it("the practice as the facility → 837I (type of bill 0131, no R-FACILITY); the physician's 837P → R-FACILITY; another entity → no claim, closed as billed by the facility", async () => {
    const loc = await admin.locations.create({ name: `HOPD ${randomBytes(2).toString("hex")}`, placeOfService: "22", facilityNpi: "1617283944", addressLine1: "1 Campus Dr", city: "Madison", state: "WI", zip: "53705" });
    expect(loc.billedBy).toBe("practice_facility");
    const o = await signedOrder(medicarePatient, { locationId: loc.id });
    await save(biller, o.first);
    const facility = await biller.administrations.get({ administrationId: o.first });
    expect(facility.preview).toMatchObject({ claimType: "institutional", typeOfBill: "0131", placeOfService: null });
    expect(facility.findings.map((f) => f.rule)).not.toContain("R-FACILITY");
    expect(facility.preview!.lines.some((l) => l.code === "J9173")).toBe(true);

    const setBiller = async (billedBy: "practice_professional" | "other_entity") => {
      const { id: _i, practiceId: _p, isActive: _a, createdAt: _c, updatedAt, ...rest } = await admin.locations.get({ locationId: loc.id });
      await admin.locations.update({ ...rest, locationId: loc.id, updatedAt, billedBy });
    };
    await setBiller("practice_professional");
    const professional = await biller.administrations.get({ administrationId: o.first });
    expect(professional.preview).toMatchObject({ claimType: "professional", placeOfService: "22" });
    expect(professional.findings.find((f) => f.rule === "R-FACILITY")).toMatchObject({ severity: "error" });

    await setBiller("other_entity");
    const elsewhere = await biller.administrations.get({ administrationId: o.first });
    expect(elsewhere.preview).toBeNull();
    expect(elsewhere.billedElsewhere).toBe(true);
    expect(elsewhere.missing).toEqual([]);
    expect(elsewhere.blockers[0]).toContain("billed by the facility");
    await expect(biller.administrations.markReady({ administrationId: o.first })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await statusOf(o.first)).toBe("documented");
  });
});

describe("close-out: an infusion leaves the queue with an outcome and a reason", () => {
  const LATER = new Date("2028-01-10T12:00:00Z");
  const later = (c: "biller" | "manager" | "admin") => callerFor(h.db, w.as[c].session, () => LATER);
  const closeAudit = async (id: string) => (await auditFor(id)).filter((e) => /close|write_off|reopen/.test(e.action)).map((e) => e.action);

  it("billed by another entity: only where the location says so; listed under Closed with the reason; roles and other practice refused", async () => {
    const loc = await admin.locations.create({ name: `Hospital ${randomBytes(2).toString("hex")}`, placeOfService: "22", facilityNpi: "1617283944", addressLine1: "2 Campus Dr", city: "Madison", state: "WI", zip: "53705", billedBy: "other_entity" });
    const o = await signedOrder(medicarePatient, { locationId: loc.id });
    await save(biller, o.first);
    const input = { administrationId: o.first, outcome: "billed_elsewhere" as const, reason: "St. Mary's bills the drug and administration." };
    await expect(manager.administrations.close(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pa.administrations.close(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.close(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const short = await biller.administrations.close({ ...input, reason: "x" }).catch((e) => e);
    expect(formatError(short, null).data.zodError?.fieldErrors.reason?.[0]).toContain("at least 5");
    await expect(biller.administrations.close(input)).resolves.toMatchObject({ status: "closed" });
    const d = await biller.administrations.get({ administrationId: o.first });
    expect(d.administration).toMatchObject({ status: "closed", closeOutcome: "billed_elsewhere", closeReason: input.reason });
    expect(await closeAudit(o.first)).toEqual(["administration.close"]);
    const closed = await biller.worklists.list({ list: "closed", pageSize: 100 });
    expect(closed.items.find((i) => i.id === o.first)?.reason).toBe(`Billed by the facility (another entity) — ${input.reason}`);
    expect((await biller.worklists.list({ list: "not_ready", pageSize: 100 })).items.map((i) => i.id)).not.toContain(o.first);

    // At one of this practice's own locations the outcome is refused, with the field named.
    const mine = await signedOrder(medicarePatient);
    await save(biller, mine.first);
    const refused = await biller.administrations.close({ ...input, administrationId: mine.first }).catch((e) => e);
    expect(refused.code).toBe("BAD_REQUEST");
    expect(formatError(refused, null).data.field).toBe("outcome");
    expect(await statusOf(mine.first)).toBe("documented");
  });

  it("past the filing limit: refused before the deadline; above the threshold it waits for a manager who approves or rejects; at or below it closes", async () => {
    const a = await signedOrder(medicarePatient);
    await save(biller, a.first);
    const input = { administrationId: a.first, outcome: "past_filing_limit" as const, reason: "Claim never sent; Medicare limit passed." };
    const early = await biller.administrations.close(input).catch((e) => e);
    expect(early.code).toBe("BAD_REQUEST");
    expect(early.message).toContain("accepts claims until 09/14/2027");
    await expect(later("biller").administrations.close(input)).resolves.toMatchObject({ status: "close_pending_approval" });
    const pending = await later("biller").administrations.get({ administrationId: a.first });
    expect(pending.administration.closeAmountCents).toBeGreaterThan(50_000);
    expect(pending.actions).toMatchObject({ decideWriteOff: false, close: false });
    expect((await later("manager").administrations.get({ administrationId: a.first })).actions.decideWriteOff).toBe(true);
    await expect(later("biller").administrations.decideWriteOff({ administrationId: a.first, approve: true, reason: "Looks right to me" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.decideWriteOff({ administrationId: a.first, approve: true, reason: "Looks right to me" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(later("manager").administrations.decideWriteOff({ administrationId: a.first, approve: true, reason: "Reviewed: past the limit, no appeal possible." })).resolves.toMatchObject({ status: "closed" });
    expect(await closeAudit(a.first)).toEqual(["administration.request_write_off", "administration.approve_write_off"]);

    const b = await signedOrder(commercialPatient);
    await save(biller, b.first);
    await later("biller").administrations.close({ ...input, administrationId: b.first });
    await later("manager").administrations.decideWriteOff({ administrationId: b.first, approve: false, reason: "Appeal the late filing first." });
    expect(await statusOf(b.first)).toBe("documented");
    const rejected = await later("biller").administrations.get({ administrationId: b.first });
    expect(rejected.administration.closeOutcome).toBeNull();

    // A threshold above the charge: closed at once.
    await h.db.insert(practiceRemitSettings).values({ practiceId: w.practice.id, writeOffApprovalCents: 10_000_000 });
    try {
      await expect(later("biller").administrations.close({ ...input, administrationId: b.first })).resolves.toMatchObject({ status: "closed" });
    } finally {
      await h.db.delete(practiceRemitSettings).where(eq(practiceRemitSettings.practiceId, w.practice.id));
    }
  });

  it("free drug needs free drug documented; a duplicate points to another infusion of the same patient; an admin reopens with a reason", async () => {
    const o = await signedOrder(medicarePatient);
    await save(biller, o.first);
    const bought = await biller.administrations.close({ administrationId: o.first, outcome: "free_drug_nothing_billable", reason: "Manufacturer replacement drug." }).catch((e) => e);
    expect(bought.message).toContain("purchased");
    await save(biller, o.second, { acquisition: "free_manufacturer_program", wasteTime: null, wasteWitness: null });
    await expect(biller.administrations.close({ administrationId: o.second, outcome: "free_drug_nothing_billable", reason: "Manufacturer replacement drug." })).resolves.toMatchObject({ status: "closed" });

    const strangers = await signedOrder(commercialPatient);
    const wrong = await biller.administrations.close({ administrationId: o.first, outcome: "duplicate", reason: "Entered twice.", duplicateOfId: strangers.first }).catch((e) => e);
    expect(formatError(wrong, null).data.field).toBe("duplicateOfId");
    expect((await biller.administrations.get({ administrationId: o.first })).siblings.map((s) => s.id)).toContain(o.third);
    await expect(biller.administrations.close({ administrationId: o.first, outcome: "duplicate", reason: "Entered twice.", duplicateOfId: o.third })).resolves.toMatchObject({ status: "closed" });
    expect((await biller.administrations.get({ administrationId: o.first })).administration.closeDuplicateOfId).toBe(o.third);

    await expect(biller.administrations.reopen({ administrationId: o.first, reason: "Not a duplicate after all." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(manager.administrations.reopen({ administrationId: o.first, reason: "Not a duplicate after all." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.administrations.reopen({ administrationId: o.first, reason: "Not a duplicate after all." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.administrations.reopen({ administrationId: o.first, reason: "Not a duplicate after all." })).resolves.toMatchObject({ status: "documented" });
    expect(await closeAudit(o.first)).toEqual(["administration.close", "administration.reopen"]);
    expect((await auditFor(o.first)).at(-1)!.after).toMatchObject({ reopenReason: "Not a duplicate after all.", closedOutcome: "duplicate" });
    await expect(admin.administrations.reopen({ administrationId: o.first, reason: "Once more please." })).rejects.toThrow(/Cannot reopen/);
  });
});

describe("seedDocumentation (demo data)", () => {
  it("documents the demo orders so every administration state and each kind of finding exists, consistently with the guards", async () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const main = await makePractice(h.db, { name: "Demo copy" });
    const second = await makePractice(h.db, { name: "Demo other" });
    const user = await makeUser(h.db, main.id, "biller");
    const c = callerFor(h.db, await makeSession(h.db, user), () => now);
    const result = await h.db.transaction(async (tx) => {
      const ids = await seedPracticeSetup(tx, { practiceId: main.id, otherPracticeId: second.id, now });
      const pts = await seedPatients(tx, { practiceId: main.id, payerIds: { ...ids.payers, medigap: await seedMedigapPayer(tx, { practiceId: main.id, now }) }, now });
      const ords = await seedOrders(tx, { practiceId: main.id, patients: pts, providers: ids.providers, locations: ids.locations, now });
      return seedDocumentation(tx, { practiceId: main.id, otherPracticeId: second.id, now, orders: ords, users: { biller: user.id } });
    });
    expect(result.readyForBilling).toBeGreaterThan(10);
    expect(result.documented).toBeGreaterThan(5);
    const states = await h.db.selectDistinct({ status: administrations.status }).from(administrations).where(eq(administrations.practiceId, main.id));
    expect(states.map((x) => x.status).sort()).toEqual(["documented", "in_progress", "not_given", "ready_for_billing", "scheduled"]);

    const rules = async (id: string | undefined) => {
      expect(id).toBeDefined();
      const d = await c.administrations.get({ administrationId: id! });
      return { d, rules: d.findings.map((f) => `${f.severity}:${f.rule}`) };
    };
    const ex = result.examples;
    expect((await rules(ex.vialChoice)).rules).toContain("warning:R-VIAL");
    expect((await rules(ex.missingStop)).rules).toContain("error:R-ADMIN");
    // issue 8: a fixed dose under 30 kg is an error until the clinician documents the reason on the order
    expect((await rules(ex.underweight)).rules).toContain("error:R-WEIGHT");
    expect((await rules(ex.expiredLot)).rules).toContain("error:DOC-LOT-EXPIRY");
    const late = await rules(ex.lateDose);
    expect(late.rules).toContain("warning:R-DURATION");
    expect(late.d.administration.status).toBe("ready_for_billing");
    expect(late.d.findings.find((f) => f.rule === "R-DURATION")!.acknowledged).toBe(true);
    const free = await rules(ex.freeDrug);
    // Medicare's free-drug policy: the HCPCS at a nominal $0.01 with the administration
    expect(free.d.preview!.lines.some((l) => l.code === "J9173" && l.chargeCents === 1)).toBe(true);
    const amended = await rules(ex.amended);
    expect(amended.d.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(amended.d.administration.status).toBe("ready_for_billing");
    expect((await c.administrations.get({ administrationId: ex.inProgress! })).administration.status).toBe("in_progress");

    // Every ready administration passes the same guard the app applies (except the timely-filing warning that
    // comes as the filing limit nears: the biller answers it on the claim); JW lines, NDC lines and missing PAs appear.
    const all = await h.db.select({ id: administrations.id, status: administrations.status }).from(administrations).where(eq(administrations.practiceId, main.id));
    const seen = new Set<string>();
    for (const a of all.filter((x) => x.status === "ready_for_billing" || x.status === "documented")) {
      const d = await c.administrations.get({ administrationId: a.id });
      if (a.status === "ready_for_billing") expect(d.blockers.filter((x) => !/to acknowledge: timely filing$/.test(x)), a.id).toEqual([]);
      // The demo's hospital outpatient department is the practice's own: it bills on the 837I.
      if (d.preview?.claimType === "institutional") seen.add("837I");
      for (const l of d.preview?.lines ?? []) {
        if (l.modifiers.includes("JW")) seen.add("JW");
        if (l.modifiers.includes("JZ")) seen.add("JZ");
        if (l.ndc?.unit === "UN") seen.add("UN");
        if (l.ndc?.unit === "ML") seen.add("ML");
      }
      for (const f of d.findings) seen.add(f.rule);
    }
    expect([...seen]).toEqual(expect.arrayContaining(["JW", "JZ", "UN", "ML", "R-AUTH", "R-VIAL", "837I"]));
  }, 120_000); // seeds a whole demo practice through the services: slow on a busy machine
});
