import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { administrations, auditEvents, coverages, patients } from "@/db/schema";
import { seedFeeSchedule } from "@/db/seed/demo-documentation";
import { seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { formatError } from "@/server/api/errors";
import { formatDate } from "@/server/domain/format";
import type { TCreateOrderInput } from "@/server/api/routers/orders/schemas";
import { callerFor, makeSession, makeUser, makeWorld } from "../factories";
import { exampleDocumentation, type DocInput } from "../factories/documentation";
import { createTestDb } from "../helpers/test-db";

/**
 * The episode of one administration, built entirely through the procedures: order created, signed,
 * infusion rescheduled, documented (two vial sizes → the R-VIAL warning), the warning acknowledged,
 * ready for billing, amended. Fixed clock.
 */
const NOW = new Date("2026-09-20T12:00:00Z");

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let manager: Caller;
let pa: Caller;
let admin: Caller;
let other: Caller;
let patientId: string;
let orderId: string;
let admins: (typeof administrations.$inferSelect)[];

/** The documentation used throughout: Example 4 with two vial sizes (tests/factories/documentation.ts). */
const doc = (over: Partial<DocInput> = {}): DocInput => exampleDocumentation("2026-09-16", over);

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  const clock = () => NOW;
  biller = callerFor(h.db, w.as.biller.session, clock);
  manager = callerFor(h.db, w.as.manager.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  admin = callerFor(h.db, w.as.admin.session, clock);
  other = callerFor(h.db, w.otherAdmin.session, clock);
  setup = await h.db.transaction((tx) => seedPracticeSetup(tx, { practiceId: w.practice.id, otherPracticeId: w.other.id, now: NOW }));
  await h.db.transaction((tx) => seedFeeSchedule(tx, w.practice.id, NOW));
  const [p] = await h.db
    .insert(patients)
    .values({ practiceId: w.practice.id, mrn: `MRN-${randomBytes(3).toString("hex").toUpperCase()}`, firstName: "Gerald", lastName: "Schmidt", dateOfBirth: "1951-04-22", sex: "male", addressLine1: "1 Elm", city: "Madison", state: "WI", zip: "53703" })
    .returning();
  patientId = p!.id;
  await h.db.insert(coverages).values({ practiceId: w.practice.id, patientId, payerId: setup.payers.medicare, memberId: "1EG4TE5MK73", priority: "primary", relationship: "self", effectiveDate: "2026-01-01" });

  const input: TCreateOrderInput = {
    patientId,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["C34.11"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: "2026-09-14",
    orderingProviderId: setup.providers.oncologistA,
    locationId: setup.locations.office,
    weightKg: "67.3",
    notes: null,
  };
  const o = await biller.orders.create(input);
  orderId = o.id;
  await biller.orders.update({ ...input, orderId, version: 1, weightKg: "67.5" });
  await biller.orders.update({ ...input, orderId, version: 2, weightKg: "67.3" });
  await biller.orders.sign({ orderId });
  admins = await h.db.select().from(administrations).where(eq(administrations.orderId, orderId)).orderBy(asc(administrations.sequence));
  // Infusion 1 moves from 2026-09-14 to 2026-09-16; infusion 2 too (must not show on infusion 1's page).
  await biller.orders.reschedule({ administrationId: admins[0]!.id, plannedDate: "2026-09-16", reason: "Patient travelling" });
  await biller.orders.reschedule({ administrationId: admins[1]!.id, plannedDate: "2026-09-29", reason: "Clinic closed" });

  const first = admins[0]!.id;
  await biller.administrations.saveDocumentation({ administrationId: first, baseRevision: 0, ...doc({ weightKg: "78" }) });
  await biller.administrations.saveDocumentation({ administrationId: first, baseRevision: 1, markDocumented: true, ...doc() });
  const d = await biller.administrations.get({ administrationId: first });
  const vial = d.findings.find((f) => f.rule === "R-VIAL")!;
  await biller.administrations.acknowledgeWarning({ administrationId: first, rule: vial.rule, fingerprint: vial.fingerprint, reason: "Only one 120 mg vial in stock" });
  await biller.administrations.markReady({ administrationId: first });
  const rev = (await biller.administrations.get({ administrationId: first })).revision;
  await admin.administrations.amend({ administrationId: first, baseRevision: rev, reason: "Pharmacy log: the stop time was 11:50", documentation: doc({ infusionStop: "11:50" }) });
});
afterAll(() => h?.close());

describe("episode.get", () => {
  it("tells the administration's whole life, oldest first, each entry with who and when", async () => {
    for (const c of [biller, manager, pa, admin]) {
      const e = await c.episode.get({ administrationId: admins[0]!.id });
      expect(e.administration).toMatchObject({ id: admins[0]!.id, cycleLabel: "C1D1", plannedDate: "2026-09-16", originalPlannedDate: "2026-09-14", status: "documented", actualDate: "2026-09-16" });
      expect(e.order).toMatchObject({ id: orderId, status: "active" });
      expect(e.order.indicationName).toMatch(/stage III NSCLC/);
      expect(e.patient).toMatchObject({ id: patientId, lastName: "Schmidt" });
      expect(e.documentation).toEqual({ versions: 2, currentVersion: 2 });
      const labels = e.entries.map((x) => x.label);
      expect(labels).toEqual([
        "Order created by Test biller",
        "Order edited: weight 67.3 → 67.5 kg by Test biller",
        "Order edited: weight 67.5 → 67.3 kg by Test biller",
        "Order signed by Test biller",
        "Infusion 1 (C1D1) planned for 09/14/2026 by Test biller",
        "Infusion rescheduled from 09/14/2026 to 09/16/2026 by Test biller",
        "Documentation saved (version 1) by Test biller",
        "Order active: treatment started by Test biller",
        "Documentation updated: weight 78 → 67.3 kg by Test biller",
        "Infusion documented by Test biller",
        "Warning acknowledged: vial choice by Test biller",
        "Ready for billing by Test biller",
        "Documentation amended: infusion stop 11:40 → 11:50 by Test admin",
        "Back to documented for the amendment by Test admin",
      ]);
      expect(e.entries.every((x) => x.at instanceof Date && x.actorName !== null)).toBe(true);
      const at = e.entries.map((x) => x.at.getTime());
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(e.entries.find((x) => x.title.startsWith("Infusion rescheduled"))!.reason).toBe("Patient travelling");
      expect(e.entries.find((x) => x.title.startsWith("Warning acknowledged"))!.reason).toBe("Only one 120 mg vial in stock");
      const amended = e.entries.find((x) => x.title.startsWith("Documentation amended"))!;
      expect(amended).toMatchObject({ reason: "Pharmacy log: the stop time was 11:50", detail: "Version 2; version 1 is kept as it was", kind: "documentation" });
      expect(e.entries.find((x) => x.title === "Ready for billing")!.items.join(" ")).toMatch(/Warnings acknowledged: vial choice/);
      // The other infusion's reschedule is not part of this episode.
      expect(labels.some((l) => l.includes("2026-09-29"))).toBe(false);
      // Findings of the current version (after the amendment the acknowledgement must be given again).
      expect(e.findings.find((f) => f.rule === "R-VIAL")).toMatchObject({ severity: "warning", acknowledged: false });
      expect(e.blockers.join(" ")).toMatch(/1 warning to acknowledge: vial choice/);
    }
  });

  it("shows a scheduled infusion with its order history only, and no findings yet", async () => {
    const e = await manager.episode.get({ administrationId: admins[2]!.id });
    expect(e.administration.status).toBe("scheduled");
    expect(e.entries.map((x) => x.title)).toEqual([
      "Order created",
      "Order edited: weight 67.3 → 67.5 kg",
      "Order edited: weight 67.5 → 67.3 kg",
      "Order signed",
      `Infusion 3 (C3D1) planned for ${formatDate(admins[2]!.originalPlannedDate)}`,
      "Order active: treatment started",
    ]);
    expect(e.findings).toEqual([]);
    expect(e.blockers).toEqual([]);
  });

  it("includes the order's discontinuation and the infusion not given", async () => {
    const o = await biller.orders.create({
      patientId,
      indicationId: "nsclc-stage3-consolidation",
      diagnoses: ["C34.11"],
      phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }],
      durationMonths: 12,
      combination: null,
      startDate: "2026-10-01",
      orderingProviderId: setup.providers.oncologistA,
      locationId: setup.locations.office,
      weightKg: "67.3",
      notes: null,
    });
    await biller.orders.sign({ orderId: o.id });
    await biller.orders.discontinue({ orderId: o.id, reason: "Disease progression" });
    const [a] = await h.db.select().from(administrations).where(eq(administrations.orderId, o.id)).orderBy(asc(administrations.sequence));
    const e = await biller.episode.get({ administrationId: a!.id });
    expect(e.entries.slice(-2).map((x) => [x.label, x.reason])).toEqual([
      ["Order discontinued by Test biller", "Disease progression"],
      ["Not given: other by Test biller", "Order discontinued: Disease progression"],
    ]);
  });

  it("derives entries from the rows where the audit trail has none (seeded data)", async () => {
    const before = await h.db.select({ n: auditEvents.seq }).from(auditEvents);
    // A row written straight to the table, like the demo seed does: no audit events of its own.
    const [row] = await h.db
      .insert(administrations)
      .values({ practiceId: w.practice.id, orderId, patientId, sequence: 900, cycle: 90, day: 1, phaseIndex: 0, plannedDate: "2027-12-01", originalPlannedDate: "2027-11-29", status: "scheduled" })
      .returning();
    const e = await biller.episode.get({ administrationId: row!.id });
    expect(e.entries.map((x) => x.title)).toContain("Infusion rescheduled from 11/29/2027 to 12/01/2027");
    expect(await h.db.select({ n: auditEvents.seq }).from(auditEvents)).toHaveLength(before.length);
  });

  it("is NOT_FOUND for another practice's administration and for an unknown id", async () => {
    await expect(other.episode.get({ administrationId: admins[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(biller.episode.get({ administrationId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects a malformed id with the field named, and callers who are not signed in or must change their password", async () => {
    const err = await biller.episode.get({ administrationId: "42" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    expect(formatError(err as never, null).data.field).toBe("administrationId");
    await expect(w.anonymous.episode.get({ administrationId: admins[0]!.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const u = await makeUser(h.db, w.practice.id, "manager", { mustChangePassword: true });
    const s = await makeSession(h.db, { ...u, mustChangePassword: true });
    await expect(callerFor(h.db, s, () => NOW).episode.get({ administrationId: admins[0]!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
