import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { administrationBillingStatus, administrationDocumentation } from "@/db/schema";
import type { DbHandle } from "@/db/client";
import { administrations, auditEvents, coverages, locations, patients, payers, providers, worklistAssignments } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import type { TCreateOrderInput } from "@/server/api/routers/orders/schemas";
import type { TWorklistParamsInput } from "@/server/api/routers/worklists/schemas";
import { listWorklist, worklistCounts, type WorklistParams } from "@/server/queries/worklists";
import { refreshReadiness } from "@/server/services/readiness";
import { callerFor, makeSession, makeUser, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Worklists on data built through the orders router, with a fixed clock: "today" is 2026-09-10.
 * Documented / ready-for-billing states are set on the rows directly (the documentation workflow
 * has its own tests); everything else goes through the procedures.
 */
const TODAY = new Date("2026-09-10T15:00:00Z");
const TOMORROW = new Date("2026-09-11T15:00:00Z");

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
type Caller = ReturnType<typeof callerFor>;
let as: Record<"admin" | "biller" | "pa_coordinator" | "manager", Caller>;
let other: Caller;
const ids = {} as Record<
  "medicare" | "commercial" | "otherPayer" | "adams" | "baker" | "clark" | "prov1" | "prov2" | "loc1" | "loc2" | "orderA" | "orderB" | "orderC" | "otherOrder",
  string
>;
let adminsA: (typeof administrations.$inferSelect)[];
let adminsB: (typeof administrations.$inferSelect)[];
let adminsC: (typeof administrations.$inferSelect)[];

async function insertPatient(practiceId: string, lastName: string) {
  const [p] = await h.db
    .insert(patients)
    .values({ practiceId, mrn: `MRN-${randomBytes(3).toString("hex").toUpperCase()}`, firstName: "Pat", lastName, dateOfBirth: "1950-01-01", sex: "female", addressLine1: "1 Elm", city: "Madison", state: "WI", zip: "53703" })
    .returning();
  return p!.id;
}
async function insertPayer(practiceId: string, name: string, kind: "medicare" | "commercial") {
  const [p] = await h.db
    .insert(payers)
    .values({
      practiceId,
      name,
      ediPayerId: `P${randomBytes(3).toString("hex").toUpperCase()}`,
      kind,
      wasteModifiers: "jw_jz",
      ndc: "none",
      priorAuthRequired: false,
      timelyFilingDays: kind === "medicare" ? null : 90,
      appealDays: 120,
      freeDrug: "no_drug_line",
      claimFilingIndicator: kind === "medicare" ? "MB" : "CI",
    })
    .returning();
  return p!.id;
}
async function insertCoverage(practiceId: string, patientId: string, payerId: string, effectiveDate: string, endDate: string | null = null) {
  await h.db.insert(coverages).values({ practiceId, patientId, payerId, memberId: "M1", priority: "primary", relationship: "self", effectiveDate, endDate });
}
async function insertProvider(practiceId: string, lastName: string, npi: string) {
  const [p] = await h.db.insert(providers).values({ practiceId, firstName: "Olivia", lastName, credential: "MD", npi, taxonomyCode: "207RX0202X" }).returning();
  return p!.id;
}
async function insertLocation(practiceId: string, name: string) {
  const [l] = await h.db.insert(locations).values({ practiceId, name, placeOfService: "11", addressLine1: "1 Main", city: "Madison", state: "WI", zip: "53703" }).returning();
  return l!.id;
}
function orderInput(over: Partial<TCreateOrderInput>): TCreateOrderInput {
  return {
    patientId: ids.adams,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["C34.11"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: "2026-09-10",
    orderingProviderId: ids.prov1,
    locationId: ids.loc1,
    weightKg: "70",
    notes: null,
    ...over,
  };
}
async function signed(caller: Caller, over: Partial<TCreateOrderInput>) {
  const o = await caller.orders.create(orderInput(over));
  await caller.orders.sign({ orderId: o.id });
  return o.id;
}
async function adminsOf(orderId: string) {
  return h.db.select().from(administrations).where(eq(administrations.orderId, orderId)).orderBy(administrations.sequence);
}
async function setStatus(id: string, status: (typeof administrations.$inferSelect)["status"]) {
  await h.db.update(administrations).set({ status }).where(eq(administrations.id, id));
}
function list(caller: Caller, p: Partial<TWorklistParamsInput> & Pick<TWorklistParamsInput, "list">) {
  return caller.worklists.list({ page: 1, pageSize: 25, sort: "date", dir: "asc", ...p } as TWorklistParamsInput);
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  as = {
    admin: callerFor(h.db, w.as.admin.session, () => TODAY),
    biller: callerFor(h.db, w.as.biller.session, () => TODAY),
    pa_coordinator: callerFor(h.db, w.as.pa_coordinator.session, () => TODAY),
    manager: callerFor(h.db, w.as.manager.session, () => TODAY),
  };
  other = callerFor(h.db, w.otherAdmin.session, () => TODAY);
  const pid = w.practice.id;
  ids.medicare = await insertPayer(pid, "Medicare Part B", "medicare");
  ids.commercial = await insertPayer(pid, "Acme Health", "commercial");
  ids.otherPayer = await insertPayer(w.other.id, "Other Plan", "commercial");
  ids.adams = await insertPatient(pid, "Adams");
  ids.baker = await insertPatient(pid, "Baker");
  ids.clark = await insertPatient(pid, "Clark");
  // Baker changes primary payer on 2026-10-01; Clark has no coverage.
  await insertCoverage(pid, ids.adams, ids.medicare, "2020-01-01");
  await insertCoverage(pid, ids.baker, ids.commercial, "2020-01-01", "2026-09-30");
  await insertCoverage(pid, ids.baker, ids.medicare, "2026-10-01");
  ids.prov1 = await insertProvider(pid, "Ames", "1234567893");
  ids.prov2 = await insertProvider(pid, "Zorn", "1245319599");
  ids.loc1 = await insertLocation(pid, "Main clinic");
  ids.loc2 = await insertLocation(pid, "Hospital outpatient");

  ids.orderA = await signed(as.biller, { patientId: ids.adams, startDate: "2026-09-10" });
  ids.orderB = await signed(as.biller, {
    patientId: ids.baker,
    startDate: "2026-09-12",
    orderingProviderId: ids.prov2,
    locationId: ids.loc2,
    indicationId: "sclc-limited-stage",
    phases: [{ name: "consolidation", doseKind: "fixed", doseAmount: "1500", frequency: "q4w", cycles: null }],
    durationMonths: 24,
  });
  ids.orderC = await signed(as.biller, { patientId: ids.clark, startDate: "2026-09-20" });
  adminsA = await adminsOf(ids.orderA);
  adminsB = await adminsOf(ids.orderB);
  adminsC = await adminsOf(ids.orderC);
  // Infusion 2 of Adams moves into this week.
  await as.biller.orders.reschedule({ administrationId: adminsA[1]!.id, plannedDate: "2026-09-15", reason: "Patient travelling" });

  const otherPatient = await insertPatient(w.other.id, "Other");
  const otherProv = await insertProvider(w.other.id, "Elsewhere", "1234567893");
  const otherLoc = await insertLocation(w.other.id, "Other clinic");
  await insertCoverage(w.other.id, otherPatient, ids.otherPayer, "2020-01-01");
  ids.otherOrder = await signed(other, { patientId: otherPatient, orderingProviderId: otherProv, locationId: otherLoc, startDate: "2026-09-11" });
});
afterAll(() => h?.close());

describe("worklists.list (due)", () => {
  it("lists infusions due in the next 7 days by planned date, with patient, cycle, indication, payer and reason", async () => {
    for (const role of ["biller", "manager", "pa_coordinator", "admin"] as const) {
      const page = await list(as[role], { list: "due" });
      expect(page.items.map((i) => [i.patientName, i.plannedDate, i.cycleLabel])).toEqual([
        ["Adams, Pat", "2026-09-10", "C1D1"],
        ["Baker, Pat", "2026-09-12", "C1D1"],
        ["Adams, Pat", "2026-09-15", "C2D1"],
      ]);
      expect(page.total).toBe(3);
    }
    const page = await list(as.biller, { list: "due", preset: "week" });
    const [a1, b1, a2] = page.items;
    expect(a1).toMatchObject({ primaryPayerName: "Medicare Part B", indicationId: "nsclc-stage3-consolidation", status: "scheduled", reason: "Due today", locationName: "Main clinic" });
    expect(a1!.indicationName).toMatch(/stage III NSCLC/);
    expect(a1!.providerName).toBe("Olivia Ames, MD");
    expect(b1).toMatchObject({ primaryPayerName: "Acme Health", primaryPayerId: ids.commercial, reason: "Due in 2 days" });
    expect(a2!.reason).toBe("Due in 5 days; Rescheduled from 09/24/2026");
    expect(a2!.reasons).toEqual(["Due in 5 days", "Rescheduled from 09/24/2026"]);
  });

  it("filters by today, overdue and a custom range", async () => {
    expect((await list(as.biller, { list: "due", preset: "today" })).items.map((i) => i.id)).toEqual([adminsA[0]!.id]);
    expect((await list(as.biller, { list: "due", preset: "overdue" })).total).toBe(0);
    const tomorrow = callerFor(h.db, w.as.biller.session, () => TOMORROW);
    const overdue = await list(tomorrow, { list: "due", preset: "overdue" });
    expect(overdue.items.map((i) => i.id)).toEqual([adminsA[0]!.id]);
    expect(overdue.items[0]!.reason).toMatch(/^Overdue by 1 day:/);
    const custom = await list(as.biller, { list: "due", preset: "custom", from: "2026-09-20", to: "2026-09-20" });
    expect(custom.items.map((i) => i.id)).toEqual([adminsC[0]!.id]);
    // Clark has no coverage: no primary payer.
    expect(custom.items[0]).toMatchObject({ patientName: "Clark, Pat", primaryPayerId: null, primaryPayerName: null });
  });

  it("filters by payer, location, provider, indication and patient search", async () => {
    const byPayer = await list(as.biller, { list: "due", payer: ids.commercial });
    expect(byPayer.items.map((i) => i.id)).toEqual([adminsB[0]!.id]);
    expect((await list(as.biller, { list: "due", location: ids.loc2 })).items.map((i) => i.id)).toEqual([adminsB[0]!.id]);
    expect((await list(as.biller, { list: "due", provider: ids.prov1 })).items.map((i) => i.id)).toEqual([adminsA[0]!.id, adminsA[1]!.id]);
    expect((await list(as.biller, { list: "due", indication: "sclc-limited-stage" })).items.map((i) => i.id)).toEqual([adminsB[0]!.id]);
    expect((await list(as.biller, { list: "due", q: "bak" })).items.map((i) => i.id)).toEqual([adminsB[0]!.id]);
    // The primary payer follows the date of service: Baker is on Medicare from October.
    const october = await list(as.biller, { list: "due", preset: "custom", from: "2026-10-01", to: "2026-10-31", payer: ids.medicare });
    expect(october.items.some((i) => i.patientId === ids.baker)).toBe(true);
    expect(october.items.every((i) => i.primaryPayerName === "Medicare Part B")).toBe(true);
    const septBaker = await list(as.biller, { list: "due", preset: "custom", from: "2026-09-01", to: "2026-09-30", payer: ids.medicare, q: "Baker" });
    expect(septBaker.total).toBe(0);
  });

  it("sorts and pages on the server: pages never overlap and follow the sort", async () => {
    const range = { list: "due" as const, preset: "custom" as const, from: "2026-09-01", to: "2026-12-31" };
    const all = await list(as.biller, { ...range, pageSize: 100 });
    expect(all.total).toBeGreaterThan(10);
    const dates = all.items.map((i) => i.plannedDate);
    expect(dates).toEqual([...dates].sort());
    const p1 = await list(as.biller, { ...range, pageSize: 10, page: 1 });
    const p2 = await list(as.biller, { ...range, pageSize: 10, page: 2 });
    expect(p1.total).toBe(all.total);
    expect(p1.items).toHaveLength(10);
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(all.items.slice(0, 20).map((i) => i.id));
    const byPatientDesc = await list(as.biller, { ...range, pageSize: 100, sort: "patient", dir: "desc" });
    const names = byPatientDesc.items.map((i) => i.patientName);
    expect(names[0]).toBe("Clark, Pat");
    expect(names.at(-1)).toBe("Adams, Pat");
    expect(names).toEqual([...names].sort().reverse());
    const byPayer = await list(as.biller, { ...range, pageSize: 100, sort: "payer", dir: "asc" });
    const payerNames = byPayer.items.map((i) => i.primaryPayerName);
    // Acme before Medicare, no payer last.
    expect(payerNames[0]).toBe("Acme Health");
    expect(payerNames.at(-1)).toBeNull();
    const byCycle = await list(as.biller, { ...range, pageSize: 100, sort: "cycle", dir: "desc" });
    const cycles = byCycle.items.map((i) => i.cycle);
    expect(cycles).toEqual([...cycles].sort((a, b) => b - a));
    const past = await list(as.biller, { ...range, pageSize: 100, page: 50 });
    expect(past).toMatchObject({ items: [], total: all.total, page: 50 });
  });

  it("shows another practice only its own infusions", async () => {
    const mine = await list(other, { list: "due" });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ patientName: "Other, Pat", primaryPayerName: "Other Plan" });
    expect((await list(other, { list: "due", payer: ids.commercial })).total).toBe(0);
    expect((await list(as.biller, { list: "due", payer: ids.otherPayer })).total).toBe(0);
    const wide = await list(as.biller, { list: "due", preset: "custom", pageSize: 100 });
    expect(wide.items.every((i) => [ids.orderA, ids.orderB, ids.orderC].includes(i.orderId))).toBe(true);
  });

  it("gives each practice and page its own rows however often the prepared page statement has run", async () => {
    // The details of a page are one prepared statement per connection (db/prepared.ts); from its
    // sixth run PostgreSQL may answer it from a generic plan. Pages of both practices, taking turns,
    // must stay what the first run of each gave.
    const mine = (page: number) => list(as.biller, { list: "due", preset: "custom", pageSize: 10, page });
    const theirs = () => list(other, { list: "due" });
    const first = [await mine(1), await mine(2), await theirs()];
    expect(first[1]!.items.length).toBeGreaterThan(0);
    expect(first[0]!.items.map((i) => i.id)).not.toEqual(first[1]!.items.map((i) => i.id));
    for (let i = 0; i < 8; i++) expect([await mine(1), await mine(2), await theirs()]).toEqual(first);
  });

  it("needs a signed-in user who changed the temporary password", async () => {
    await expect(list(w.anonymous, { list: "due" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const u = await makeUser(h.db, w.practice.id, "biller", { mustChangePassword: true });
    const s = await makeSession(h.db, { ...u, mustChangePassword: true });
    await expect(list(callerFor(h.db, s, () => TODAY), { list: "due" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects bad input at the boundary with the field named", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ list: "soon" }, "list", /due, not_ready, ready or closed/],
      [{ list: "due", preset: "month" }, "preset", /today, week, overdue or custom/],
      [{ list: "due", from: "2026-02-30" }, "from", /real date/],
      [{ list: "due", from: "2026-09-20", to: "2026-09-10" }, "to", /on or after the first date/],
      [{ list: "due", payer: "medicare" }, "payer", /payer id/],
      [{ list: "due", location: "x" }, "location", /location id/],
      [{ list: "due", provider: "x" }, "provider", /provider id/],
      [{ list: "due", pageSize: 7 }, "pageSize", /page size/],
      [{ list: "due", sort: "mrn" }, "sort", /Sort by one of/],
      [{ list: "due", page: 0 }, "page", /Pages start at 1/],
    ];
    for (const [input, field, message] of cases) {
      const err = await as.biller.worklists.list(input as TWorklistParamsInput).catch((e: unknown) => e);
      expect((err as { code: string }).code, field).toBe("BAD_REQUEST");
      const shown = formatError(err as never, null);
      expect(shown.data.field, JSON.stringify(input)).toBe(field);
      expect(shown.message).toMatch(message);
    }
  });
});

describe("worklists.list (not ready / ready)", () => {
  beforeAll(async () => {
    // Half-documented through the documentation procedure: documented, with most of the checklist open.
    // A draft keeps the infusion scheduled; this one was marked documented before "documented" needed a complete record.
    await as.biller.administrations.saveDocumentation({ administrationId: adminsA[0]!.id, baseRevision: 0, actualDate: "2026-09-10", weightKg: "70" });
    await setStatus(adminsA[0]!.id, "documented");
    await setStatus(adminsB[0]!.id, "ready_for_billing");
    // The statuses were set behind the services' back: store their readiness as a service would.
    await h.db.transaction((tx) => refreshReadiness(tx, w.practice.id, { administrationIds: [adminsA[0]!.id, adminsB[0]!.id] }));
  });

  it("lists documented infusions not ready for billing with the reason, and the ready ones", async () => {
    const notReady = await list(as.manager, { list: "not_ready" });
    expect(notReady.items.map((i) => i.id)).toEqual([adminsA[0]!.id]);
    expect(notReady.items[0]!.status).toBe("documented");
    // The reason is the documentation module's own verdict: what the checklist still misses.
    expect(notReady.items[0]!.reasons[0]).toMatch(/^Documentation incomplete: .*infusion start time/);
    expect(notReady.items[0]!.reason).toContain("administering nurse");
    expect(notReady.items[0]!.actualDate).toBe("2026-09-10");
    const ready = await list(as.pa_coordinator, { list: "ready" });
    expect(ready.items.map((i) => i.id)).toEqual([adminsB[0]!.id]);
    expect(ready.items[0]).toMatchObject({ status: "ready_for_billing", primaryPayerName: "Acme Health" });
    // They left the due list.
    const due = await list(as.biller, { list: "due" });
    expect(due.items.map((i) => i.id)).toEqual([adminsA[1]!.id]);
  });

  it("filters documented lists by date and payer, and ignores the due-list presets", async () => {
    expect((await list(as.biller, { list: "ready", payer: ids.medicare })).total).toBe(0);
    expect((await list(as.biller, { list: "ready", from: "2026-09-13" })).total).toBe(0);
    expect((await list(as.biller, { list: "ready", from: "2026-09-12", to: "2026-09-12" })).total).toBe(1);
    expect((await list(as.biller, { list: "not_ready", preset: "today" })).total).toBe(1);
    expect((await list(other, { list: "ready" })).total).toBe(0);
    expect((await list(other, { list: "not_ready" })).total).toBe(0);
  });
});

describe("stored readiness on the lists", () => {
  it("shows the charge, the days left to file and the blocking reason of a documented infusion from one stored row", async () => {
    const [row] = (await list(as.biller, { list: "not_ready" })).items;
    // Adams is on Medicare: one calendar year after the date of service.
    expect(row).toMatchObject({ id: adminsA[0]!.id, filingDeadline: "2027-09-10", daysLeftToFile: 365, daysLeftLabel: "365 days left to file", ageDays: 0 });
    const ready = (await list(as.biller, { list: "ready" })).items[0]!;
    // Acme files within 90 days of the date of service (planned 2026-09-12: nothing documented, the planned date stands).
    expect(ready).toMatchObject({ filingDeadline: "2026-12-11", daysLeftToFile: 92 });
    // Past the deadline the list says so before anything else, without running the engine.
    const late = callerFor(h.db, w.as.biller.session, () => new Date("2027-09-12T15:00:00Z"));
    const [lateRow] = (await list(late, { list: "not_ready" })).items;
    expect(lateRow!.daysLeftToFile).toBe(-2);
    expect(lateRow!.reasons[0]).toMatch(/^Past the filing limit \(last day 09\/10\/2027\)/);
    expect(lateRow!.reasons[1]).toMatch(/^Documentation incomplete/);
  });

  it("sorts by days left to file, charge, assignee and age with unknown values last", async () => {
    const both = async (sort: "daysLeft" | "charge" | "age" | "assignee", dir: "asc" | "desc") =>
      [...(await list(as.biller, { list: "not_ready", sort, dir })).items, ...(await list(as.biller, { list: "ready", sort, dir })).items];
    for (const sort of ["daysLeft", "charge", "age", "assignee"] as const) {
      for (const dir of ["asc", "desc"] as const) expect((await both(sort, dir)).length).toBe(2);
    }
    const due = await list(as.biller, { list: "due", preset: "custom", from: "2026-09-01", to: "2026-12-31", pageSize: 100, sort: "daysLeft" });
    expect(due.items.every((i) => i.daysLeftToFile === null && i.chargeCents === null)).toBe(true);
  });
});

describe("worklists.counts", () => {
  it("counts each list in one query, for every role, and only the practice's own", async () => {
    for (const role of ["biller", "manager", "pa_coordinator", "admin"] as const) {
      expect(await as[role].worklists.counts()).toEqual({ due: 1, not_ready: 1, ready: 1, closed: 0, capped: { due: false, not_ready: false, ready: false, closed: false } });
    }
    expect(await other.worklists.counts()).toMatchObject({ due: 1, not_ready: 0, ready: 0, closed: 0 });
    await expect(w.anonymous.worklists.counts()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("worklists.assign and the assignee filter", () => {
  const dueIds = () => [adminsA[1]!.id, adminsA[0]!.id];

  it("lets billers and admins assign items in bulk to themselves or someone, audited per item", async () => {
    const r = await as.biller.worklists.assign({ administrationIds: dueIds(), assigneeUserId: w.as.biller.user.id });
    expect(r).toEqual({ changed: 2 });
    const rows = await h.db.select().from(worklistAssignments).where(eq(worklistAssignments.practiceId, w.practice.id)).orderBy(asc(worklistAssignments.administrationId));
    expect(rows).toHaveLength(2);
    expect(rows.every((x) => x.assigneeUserId === w.as.biller.user.id && x.assignedByUserId === w.as.biller.user.id)).toBe(true);
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, adminsA[0]!.id), eq(auditEvents.action, "administration.assigned")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: w.as.biller.user.id, before: { assigneeUserId: null }, after: { assigneeUserId: w.as.biller.user.id } });
    // The same assignment again changes nothing and writes no audit row.
    expect(await as.biller.worklists.assign({ administrationIds: dueIds(), assigneeUserId: w.as.biller.user.id })).toEqual({ changed: 0 });
    expect(await as.admin.worklists.assign({ administrationIds: [adminsA[0]!.id], assigneeUserId: w.as.admin.user.id })).toEqual({ changed: 1 });
    const page = await list(as.biller, { list: "not_ready" });
    expect(page.items[0]).toMatchObject({ assigneeUserId: w.as.admin.user.id, assigneeName: w.as.admin.user.name });
  });

  it("filters by me, nobody and a user", async () => {
    const mine = await list(as.biller, { list: "due", assignee: "me" });
    expect(mine.items.map((i) => i.id)).toEqual([adminsA[1]!.id]);
    expect((await list(as.admin, { list: "not_ready", assignee: "me" })).total).toBe(1);
    expect((await list(as.biller, { list: "ready", assignee: "none" })).total).toBe(1);
    expect((await list(as.manager, { list: "due", assignee: w.as.biller.user.id })).total).toBe(1);
    expect((await list(as.manager, { list: "due", assignee: "me" })).total).toBe(0);
    // Unassigning (nobody) removes the row.
    expect(await as.biller.worklists.assign({ administrationIds: [adminsA[1]!.id], assigneeUserId: null })).toEqual({ changed: 1 });
    expect((await list(as.biller, { list: "due", assignee: "none" })).items.map((i) => i.id)).toContain(adminsA[1]!.id);
  });

  it("offers the practice's active users who work these lists", async () => {
    const people = await as.manager.worklists.assignees();
    const ids = people.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([w.as.admin.user.id, w.as.biller.user.id]));
    expect(ids).not.toContain(w.as.manager.user.id);
    expect(ids).not.toContain(w.as.pa_coordinator.user.id);
    expect(ids).not.toContain(w.otherAdmin.user.id);
    expect(people.find((p) => p.id === w.as.biller.user.id)?.isMe).toBe(false);
    expect((await as.biller.worklists.assignees()).find((p) => p.isMe)?.id).toBe(w.as.biller.user.id);
  });

  it("refuses managers and PA coordinators, other practices' items and users, and bad input", async () => {
    for (const role of ["manager", "pa_coordinator"] as const) {
      await expect(as[role].worklists.assign({ administrationIds: dueIds(), assigneeUserId: w.as.biller.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(w.anonymous.worklists.assign({ administrationIds: dueIds(), assigneeUserId: null })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const otherItem = (await list(other, { list: "due" })).items[0]!.id;
    // Another practice's infusion is not found, and nothing of the batch is written.
    await expect(as.biller.worklists.assign({ administrationIds: [adminsA[1]!.id, otherItem], assigneeUserId: w.as.biller.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await list(as.biller, { list: "due", assignee: "none" })).items.map((i) => i.id)).toContain(adminsA[1]!.id);
    await expect(other.worklists.assign({ administrationIds: [adminsA[1]!.id], assigneeUserId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ administrationIds: [otherItem], assigneeUserId: w.otherAdmin.user.id }, "assigneeUserId", /active user of the practice/],
      [{ administrationIds: [adminsA[1]!.id], assigneeUserId: w.as.manager.user.id }, "assigneeUserId", /cannot work these worklists/],
      [{ administrationIds: [adminsA[1]!.id], assigneeUserId: w.otherAdmin.user.id }, "assigneeUserId", /active user of the practice/],
      [{ administrationIds: [], assigneeUserId: null }, "administrationIds", /at least one/],
      [{ administrationIds: ["x"], assigneeUserId: null }, "administrationIds.0", /infusion id/],
      [{ administrationIds: [adminsA[1]!.id], assigneeUserId: "bob" }, "assigneeUserId", /user id/],
    ];
    for (const [input, field, message] of cases) {
      const err = await as.biller.worklists.assign(input as never).catch((e: unknown) => e);
      const shown = formatError(err as never, null);
      expect(shown.data.field, JSON.stringify(input)).toBe(field);
      expect(shown.message).toMatch(message);
    }
    const big = await as.biller.worklists.assign({ administrationIds: Array.from({ length: 101 }, () => adminsA[1]!.id), assigneeUserId: null }).catch((e: unknown) => e);
    expect(formatError(big as never, null).message).toMatch(/at most 100/);
  });
});

describe("worklists.next", () => {
  it("gives the next item in the list's filter and sort, or the one that moved into a finished item's place", async () => {
    const range = { list: "due" as const, preset: "custom" as const, from: "2026-09-01", to: "2026-12-31", page: 1, pageSize: 25, sort: "date" as const, dir: "asc" as const };
    const all = (await as.biller.worklists.list({ ...range, pageSize: 100 })).items;
    expect(await as.biller.worklists.next({ ...range, currentId: all[0]!.id, position: 0 })).toEqual({ id: all[1]!.id, position: 1 });
    expect(await as.manager.worklists.next({ ...range, currentId: all[4]!.id, position: 4 })).toEqual({ id: all[5]!.id, position: 5 });
    // The item at position 2 was finished and left the list: the one now at its place comes next.
    const gone = "00000000-0000-4000-8000-000000000000";
    expect(await as.biller.worklists.next({ ...range, currentId: gone, position: 2 })).toEqual({ id: all[2]!.id, position: 2 });
    expect(await as.biller.worklists.next({ ...range, currentId: all.at(-1)!.id, position: all.length - 1 })).toBeNull();
    // In the reverse sort, the next is the one before.
    const desc = await as.biller.worklists.next({ ...range, dir: "desc", currentId: all.at(-1)!.id, position: 0 });
    expect(desc?.id).toBe(all.at(-2)!.id);
    // Another practice never sees this practice's items as its next.
    const theirs = await other.worklists.next({ ...range, currentId: all[0]!.id, position: 0 });
    expect(all.map((i) => i.id)).not.toContain(theirs?.id);
  });

  it("rejects bad input and anonymous callers", async () => {
    const err = await as.biller.worklists.next({ list: "due", currentId: "x", position: 0 } as never).catch((e: unknown) => e);
    expect(formatError(err as never, null).data.field).toBe("currentId");
    const err2 = await as.biller.worklists.next({ list: "due", currentId: adminsA[0]!.id, position: -1 } as never).catch((e: unknown) => e);
    expect(formatError(err2 as never, null).data.field).toBe("position");
    await expect(w.anonymous.worklists.next({ list: "due", currentId: adminsA[0]!.id, position: 0 } as never)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("worklists.filterOptions", () => {
  it("offers the practice's locations, ordering providers, payers and the indications", async () => {
    for (const role of ["biller", "manager", "pa_coordinator", "admin"] as const) {
      const o = await as[role].worklists.filterOptions();
      expect(o.payers.map((p) => p.name)).toEqual(["Acme Health", "Medicare Part B"]);
      expect(o.locations.map((l) => l.name)).toEqual(["Hospital outpatient", "Main clinic"]);
      expect(o.providers.map((p) => p.name)).toEqual(["Olivia Ames, MD", "Olivia Zorn, MD"]);
      expect(o.indications.map((i) => i.id)).toContain("sclc-limited-stage");
    }
    const theirs = await other.worklists.filterOptions();
    expect(theirs.payers.map((p) => p.name)).toEqual(["Other Plan"]);
    await expect(w.anonymous.worklists.filterOptions()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("worklists.patientAdministrations", () => {
  it("lists a patient's infusions by planned date with the order's indication", async () => {
    for (const role of ["biller", "manager", "pa_coordinator", "admin"] as const) {
      const rows = await as[role].worklists.patientAdministrations({ patientId: ids.adams });
      expect(rows).toHaveLength(adminsA.length);
      // Documenting the first infusion made the order active.
      expect(rows[0]).toMatchObject({ id: adminsA[0]!.id, cycleLabel: "C1D1", orderId: ids.orderA, orderStatus: "active", status: "documented", actualDate: "2026-09-10" });
      expect(rows[0]!.indicationName).toMatch(/stage III NSCLC/);
      expect(rows[1]).toMatchObject({ plannedDate: "2026-09-15", originalPlannedDate: "2026-09-24" });
      const dates = rows.map((r) => r.plannedDate);
      expect(dates).toEqual([...dates].sort());
    }
    expect(await as.biller.worklists.patientAdministrations({ patientId: ids.clark })).toHaveLength(adminsC.length);
  });

  it("reports another practice's patient as not found, and rejects a malformed id", async () => {
    await expect(other.worklists.patientAdministrations({ patientId: ids.adams })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const err = await as.biller.worklists.patientAdministrations({ patientId: "nope" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    expect(formatError(err as never, null).data.field).toBe("patientId");
    await expect(w.anonymous.worklists.patientAdministrations({ patientId: ids.adams })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("returns an empty list for a patient without orders", async () => {
    const lone = await insertPatient(w.practice.id, "Lone");
    expect(await as.manager.worklists.patientAdministrations({ patientId: lone })).toEqual([]);
    const [count] = await h.db.select({ id: administrations.id }).from(administrations).where(and(eq(administrations.patientId, lone)));
    expect(count).toBeUndefined();
  });
});

describe("stored sort keys of the documented tabs and the capped count", () => {
  const storedRow = async (id: string) => (await h.db.select().from(administrationBillingStatus).where(eq(administrationBillingStatus.administrationId, id)))[0];
  const base = { page: 1, pageSize: 25, sort: "date", dir: "asc" } as const;

  it("follows a coverage change: the primary payer on the date of service is stored again, and the payer filter and sort read it", async () => {
    const readyId = adminsB[0]!.id; // Baker, 2026-09-12, Acme until 2026-09-30 then Medicare
    expect((await storedRow(readyId))!.primaryPayerId).toBe(ids.commercial);
    expect((await list(as.biller, { list: "ready", payer: ids.commercial })).items.map((i) => i.id)).toEqual([readyId]);
    // Acme ends the day before the infusion: from then on nothing covers it (Medicare starts 2026-10-01).
    // The coverage was inserted with the database's clock (microseconds); the form sends back milliseconds.
    await h.db.update(coverages).set({ updatedAt: sql`date_trunc('milliseconds', ${coverages.updatedAt})` }).where(and(eq(coverages.patientId, ids.baker), eq(coverages.payerId, ids.commercial)));
    const [acme] = await h.db.select().from(coverages).where(and(eq(coverages.patientId, ids.baker), eq(coverages.payerId, ids.commercial)));
    await as.admin.patients.coverage.end({ coverageId: acme!.id, endDate: "2026-09-11", expectedUpdatedAt: acme!.updatedAt });
    expect((await storedRow(readyId))!.primaryPayerId).toBeNull();
    expect((await list(as.biller, { list: "ready", payer: ids.commercial })).total).toBe(0);
    const byPayer = await list(as.biller, { list: "ready", sort: "payer" });
    expect(byPayer.items[0]).toMatchObject({ id: readyId, primaryPayerId: null, primaryPayerName: null });
    // Medicare from the date of service on: stored, filtered and shown the same.
    await as.admin.patients.coverage.add({ patientId: ids.baker, payerId: ids.medicare, memberId: "1EG4TE5MK73", priority: "primary", relationship: "self", effectiveDate: "2026-09-12", endDate: "2026-09-30" } as never);
    expect((await storedRow(readyId))!.primaryPayerId).toBe(ids.medicare);
    const medicare = await list(as.biller, { list: "ready", payer: ids.medicare });
    expect(medicare.items.map((i) => [i.id, i.primaryPayerName])).toEqual([[readyId, "Medicare Part B"]]);
  });

  it("follows the documented date of service: the date window and the date sort read the stored date", async () => {
    const id = adminsA[0]!.id; // documented, given 2026-09-10
    expect((await storedRow(id))!.dateOfService).toBe("2026-09-10");
    const [cur] = await h.db.select({ revision: administrationDocumentation.revision }).from(administrationDocumentation).where(and(eq(administrationDocumentation.administrationId, id), eq(administrationDocumentation.isCurrent, true)));
    await as.biller.administrations.saveDocumentation({ administrationId: id, baseRevision: cur!.revision, actualDate: "2026-09-08", weightKg: "70" });
    expect((await storedRow(id))!.dateOfService).toBe("2026-09-08");
    expect((await list(as.biller, { list: "not_ready", from: "2026-09-09" })).total).toBe(0);
    expect((await list(as.biller, { list: "not_ready", from: "2026-09-08", to: "2026-09-08" })).items.map((i) => i.id)).toEqual([id]);
    expect((await list(as.biller, { list: "not_ready" })).items[0]).toMatchObject({ id, actualDate: "2026-09-08" });
  });

  it("follows an assignment on the documented tabs (the filter reads the assignment itself)", async () => {
    const readyId = adminsB[0]!.id;
    expect((await list(as.biller, { list: "ready", assignee: "me" })).total).toBe(0);
    await as.biller.worklists.assign({ administrationIds: [readyId], assigneeUserId: w.as.biller.user.id });
    expect((await list(as.biller, { list: "ready", assignee: "me", sort: "patient" })).items.map((i) => i.id)).toEqual([readyId]);
    await as.biller.worklists.assign({ administrationIds: [readyId], assigneeUserId: null });
    expect((await list(as.biller, { list: "ready", assignee: "me" })).total).toBe(0);
  });

  it("pages every documented-tab sort in a total order, the same rows as the unsorted tab, only the practice's own", async () => {
    const sorts = ["date", "patient", "cycle", "indication", "payer", "status", "charge", "daysLeft", "assignee", "age"] as const;
    for (const l of ["not_ready", "ready"] as const) {
      const stored = await h.db.select({ id: administrationBillingStatus.administrationId }).from(administrationBillingStatus).where(and(eq(administrationBillingStatus.practiceId, w.practice.id), eq(administrationBillingStatus.status, l === "ready" ? "ready_for_billing" : "documented")));
      for (const sort of sorts) {
        for (const dir of ["asc", "desc"] as const) {
          const page = await list(as.biller, { list: l, sort, dir });
          expect(page.items.map((i) => i.id).sort(), `${l} ${sort} ${dir}`).toEqual(stored.map((r) => r.id).sort());
          expect(page.totalCapped).toBe(false);
        }
      }
      expect((await list(other, { list: l })).total).toBe(0);
    }
  });

  it("counts up to the cap and says when the total is a lower bound", async () => {
    const due = (await list(as.biller, { list: "due", preset: "custom", from: "2026-09-01", to: "2027-12-31", pageSize: 100 })).total;
    expect(due).toBeGreaterThan(3);
    const params: WorklistParams = { ...base, list: "due", preset: "custom", from: "2026-09-01", to: "2027-12-31", pageSize: 2 };
    const today = "2026-09-10";
    expect(await listWorklist(h.db, w.practice.id, params, today, 3)).toMatchObject({ total: 3, totalCapped: true });
    expect((await listWorklist(h.db, w.practice.id, params, today, 3)).rows).toHaveLength(2);
    expect(await listWorklist(h.db, w.practice.id, params, today, due)).toMatchObject({ total: due, totalCapped: false });
    expect(await listWorklist(h.db, w.practice.id, params, today, due - 1)).toMatchObject({ total: due - 1, totalCapped: true });
    // A deep page past the cap still comes back in order.
    const all = await listWorklist(h.db, w.practice.id, { ...params, pageSize: 100 }, today);
    expect((await listWorklist(h.db, w.practice.id, { ...params, page: 3 }, today, 3)).rows.map((r) => r.id)).toEqual(all.rows.slice(4, 6).map((r) => r.id));
    const counts = await worklistCounts(h.db, w.practice.id, today, 0);
    expect(counts).toMatchObject({ due: 0, ready: 0, capped: { due: true, not_ready: true, ready: true, closed: false } });
    expect(await worklistCounts(h.db, w.practice.id, today, 1)).toMatchObject({ due: 1, not_ready: 1, ready: 1, closed: 0, capped: { due: false, not_ready: false, ready: false, closed: false } });
    // The other practice's rows never count here.
    expect((await worklistCounts(h.db, w.other.id, today, 1)).capped).toEqual({ due: false, not_ready: false, ready: false, closed: false });
    // Over the procedure: the page says whether its total is capped.
    expect((await list(as.biller, { list: "ready" })).totalCapped).toBe(false);
  });
});

describe("stored filter keys: the order's location, provider and indication, the assignee, the payer (migration 0041)", () => {
  const storedRow = async (id: string) => (await h.db.select().from(administrationBillingStatus).where(eq(administrationBillingStatus.administrationId, id)))[0];
  const idsOf = async (caller: Caller, p: Partial<TWorklistParamsInput> & Pick<TWorklistParamsInput, "list">) => (await list(caller, { pageSize: 100, ...p })).items.map((i) => i.id);
  const autumn = { preset: "custom", from: "2026-09-01", to: "2026-12-31" } as const;

  /**
   * Every infusion of the practice: the payer stored on it against the coverage in force on its date
   * of service computed from scratch (the lists' per-row lookup before 0041).
   */
  type PayerRow = { id: string; stored: string | null; raw: string | null };
  async function storedVersusRawPayers(): Promise<PayerRow[]> {
    const r: unknown = await h.db.execute(sql`
      select a.id, a.primary_payer_id::text as stored,
        (select c.payer_id::text from coverages c
          where c.practice_id = a.practice_id and c.patient_id = a.patient_id and c.priority = 'primary'
            and c.effective_date <= coalesce(d.actual_date, a.planned_date)
            and (c.end_date is null or c.end_date >= coalesce(d.actual_date, a.planned_date))
          order by c.effective_date desc limit 1) as raw
      from administrations a
      left join administration_documentation d on d.administration_id = a.id and d.practice_id = a.practice_id and d.is_current
      where a.practice_id = ${w.practice.id}
      order by a.id`);
    return (Array.isArray(r) ? r : (r as { rows: PayerRow[] }).rows) as PayerRow[];
  }
  /** Every infusion of the practice whose stored order keys (migration 0045) differ from its order's. */
  async function expectOrderKeysFresh() {
    const r: unknown = await h.db.execute(sql`
      select a.id, count(*) over () as infusions from administrations a
      join orders o on o.id = a.order_id and o.practice_id = a.practice_id
      where a.practice_id = ${w.practice.id}
        and (a.location_id is distinct from o.location_id or a.ordering_provider_id is distinct from o.ordering_provider_id or a.indication_id is distinct from o.indication_id)`);
    const stale = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as unknown[];
    expect(stale).toEqual([]);
    const [n] = await h.db.select({ n: sql<number>`count(*)::int` }).from(administrations).where(and(eq(administrations.practiceId, w.practice.id), sql`${administrations.locationId} is not null`));
    expect(n!.n).toBeGreaterThan(20);
  }
  async function expectStoredPayersFresh() {
    const rows = await storedVersusRawPayers();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((x) => x.stored !== x.raw)).toEqual([]);
    return rows;
  }

  it("moves a documented item between the location, provider and indication filters when its order's keys change", async () => {
    const readyId = adminsB[0]!.id; // order B: Hospital outpatient, Dr Zorn, limited-stage SCLC
    expect(await storedRow(readyId)).toMatchObject({ patientId: ids.baker, locationId: ids.loc2, orderingProviderId: ids.prov2, indicationId: "sclc-limited-stage" });
    expect(await idsOf(as.biller, { list: "ready", location: ids.loc2 })).toEqual([readyId]);
    expect(await idsOf(as.biller, { list: "ready", location: ids.loc1 })).toEqual([]);
    expect(await idsOf(as.biller, { list: "ready", provider: ids.prov2, sort: "date", dir: "desc" })).toEqual([readyId]);
    expect(await idsOf(as.biller, { list: "ready", indication: "sclc-limited-stage" })).toEqual([readyId]);
    // A signed order's keys do not change through the app (only a draft is edited, and a draft has no
    // infusions); changed behind its back, the refresh an order edit runs writes them again.
    const { orders } = await import("@/db/schema");
    await h.db.update(orders).set({ locationId: ids.loc1, orderingProviderId: ids.prov1, indicationId: "nsclc-stage3-consolidation" }).where(eq(orders.id, ids.orderB));
    await h.db.transaction((tx) => refreshReadiness(tx, w.practice.id, { orderIds: [ids.orderB] }));
    expect(await storedRow(readyId)).toMatchObject({ locationId: ids.loc1, orderingProviderId: ids.prov1, indicationId: "nsclc-stage3-consolidation" });
    expect(await idsOf(as.biller, { list: "ready", location: ids.loc2 })).toEqual([]);
    expect((await list(as.biller, { list: "ready", location: ids.loc1, sort: "date", dir: "desc", pageSize: 50 })).items.map((i) => [i.id, i.locationName])).toEqual([[readyId, "Main clinic"]]);
    expect(await idsOf(as.biller, { list: "ready", provider: ids.prov2 })).toEqual([]);
    expect(await idsOf(as.biller, { list: "ready", provider: ids.prov1 })).toEqual([readyId]);
    expect(await idsOf(as.biller, { list: "ready", indication: "sclc-limited-stage" })).toEqual([]);
    expect((await list(as.biller, { list: "ready", indication: "nsclc-stage3-consolidation", sort: "indication" })).items.map((i) => [i.id, i.indicationId])).toEqual([[readyId, "nsclc-stage3-consolidation"]]);
    // The due tab reads the keys stored on each infusion (migration 0045): Baker's next infusions moved
    // with the order, by the order's own update, with no refresh of the app's.
    const isB = (id: string) => adminsB.some((b) => b.id === id);
    const dueB = async (f: Partial<TWorklistParamsInput>) => (await idsOf(as.biller, { list: "due", ...autumn, pageSize: 100, ...f })).filter(isB);
    await expectOrderKeysFresh();
    const scheduledB = await dueB({});
    expect(scheduledB.length).toBeGreaterThan(0);
    for (const f of [{ location: ids.loc1 }, { provider: ids.prov1 }, { indication: "nsclc-stage3-consolidation" }]) expect(await dueB(f)).toEqual(scheduledB);
    for (const f of [{ location: ids.loc2 }, { provider: ids.prov2 }, { indication: "sclc-limited-stage" }]) expect(await dueB(f)).toEqual([]);
    await h.db.update(orders).set({ locationId: ids.loc2, orderingProviderId: ids.prov2, indicationId: "sclc-limited-stage" }).where(eq(orders.id, ids.orderB));
    await expectOrderKeysFresh();
    for (const f of [{ location: ids.loc2 }, { provider: ids.prov2 }, { indication: "sclc-limited-stage" }]) expect(await dueB(f)).toEqual(scheduledB);
    for (const f of [{ location: ids.loc1 }, { provider: ids.prov1 }, { indication: "nsclc-stage3-consolidation" }]) expect(await dueB(f)).toEqual([]);
    // The closed tab filters on the same stored keys.
    expect(await idsOf(as.biller, { list: "closed", location: ids.loc2 })).toEqual((await idsOf(as.biller, { list: "closed" })).filter(isB));
    await h.db.transaction((tx) => refreshReadiness(tx, w.practice.id, { orderIds: [ids.orderB] }));
    expect(await idsOf(as.biller, { list: "ready", location: ids.loc2 })).toEqual([readyId]);
    expect(await idsOf(as.biller, { list: "ready", location: ids.loc1 })).toEqual([]);
  });

  it("stores each new infusion's order keys as it is inserted, and moves them with an infusion moved to another order", async () => {
    const { orders } = await import("@/db/schema");
    await expectOrderKeysFresh();
    const moved = adminsB[adminsB.length - 1]!;
    // Behind the app's back (the app never moves an infusion between orders): the insert-or-move trigger follows.
    await h.db.update(administrations).set({ orderId: ids.orderA, sequence: 1000 }).where(eq(administrations.id, moved.id));
    const [a] = await h.db.select({ locationId: orders.locationId, providerId: orders.orderingProviderId, indicationId: orders.indicationId }).from(orders).where(eq(orders.id, ids.orderA));
    const [row] = await h.db.select({ locationId: administrations.locationId, providerId: administrations.orderingProviderId, indicationId: administrations.indicationId }).from(administrations).where(eq(administrations.id, moved.id));
    expect(row).toEqual(a);
    await expectOrderKeysFresh();
    await h.db.update(administrations).set({ orderId: ids.orderB, sequence: moved.sequence }).where(eq(administrations.id, moved.id));
    await expectOrderKeysFresh();
  });

  it("moves a documented item between assignees, including one assigned before it was documented", async () => {
    const id = adminsB[1]!.id; // scheduled, 2026-10-10
    await as.biller.worklists.assign({ administrationIds: [id], assigneeUserId: w.as.biller.user.id });
    await setStatus(id, "documented");
    await h.db.transaction((tx) => refreshReadiness(tx, w.practice.id, { administrationIds: [id] }));
    expect((await storedRow(id))!.assigneeUserId).toBe(w.as.biller.user.id);
    expect(await idsOf(as.biller, { list: "not_ready", assignee: "me", sort: "charge", dir: "desc" })).toEqual([id]);
    // adminsA[0] is the admin's (assigned in an earlier test).
    expect(await idsOf(as.admin, { list: "not_ready", assignee: "me" })).toEqual([adminsA[0]!.id]);
    await as.admin.worklists.assign({ administrationIds: [id], assigneeUserId: w.as.admin.user.id });
    expect((await storedRow(id))!.assigneeUserId).toBe(w.as.admin.user.id);
    expect(await idsOf(as.biller, { list: "not_ready", assignee: "me" })).toEqual([]);
    // The admin's two items, in the patient order (Adams before Baker) and its reverse.
    expect(await idsOf(as.admin, { list: "not_ready", assignee: "me", sort: "patient", dir: "asc" })).toEqual([adminsA[0]!.id, id]);
    expect(await idsOf(as.admin, { list: "not_ready", assignee: w.as.admin.user.id, sort: "patient", dir: "desc" })).toEqual([id, adminsA[0]!.id]);
    const byAssignee = await list(as.biller, { list: "not_ready", sort: "assignee" });
    expect(byAssignee.items.map((i) => i.assigneeUserId)).toEqual([w.as.admin.user.id, w.as.admin.user.id]);
    await as.admin.worklists.assign({ administrationIds: [id], assigneeUserId: null });
    expect((await storedRow(id))!.assigneeUserId).toBeNull();
    expect(await idsOf(as.biller, { list: "not_ready", assignee: "none" })).toEqual([id]);
    expect(await idsOf(as.admin, { list: "not_ready", assignee: "me" })).toEqual([adminsA[0]!.id]);
    // Unassigned first going down, last going up.
    expect((await list(as.biller, { list: "not_ready", sort: "assignee", dir: "asc" })).items.map((i) => i.id)).toEqual([adminsA[0]!.id, id]);
    expect((await list(as.biller, { list: "not_ready", sort: "assignee", dir: "desc" })).items.map((i) => i.id)).toEqual([id, adminsA[0]!.id]);
    // Back to the due tab for the next test.
    await setStatus(id, "scheduled");
    await h.db.transaction((tx) => refreshReadiness(tx, w.practice.id, { administrationIds: [id] }));
    expect(await storedRow(id)).toBeUndefined();
  });

  it("keeps each infusion's payer equal to the coverage in force on its date of service through coverage, date and documentation changes", async () => {
    await expectStoredPayersFresh();
    // Clark (no coverage; C1 2026-09-20, then every two weeks) gets Acme from October.
    const clark = adminsC.map((a) => a.id);
    expect(await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial, q: "Clark" })).toEqual([]);
    await as.admin.patients.coverage.add({ patientId: ids.clark, payerId: ids.commercial, memberId: "ACM123", priority: "primary", relationship: "self", effectiveDate: "2026-10-01", endDate: null } as never);
    const fromOctober = adminsC.filter((a) => a.plannedDate >= "2026-10-01" && a.plannedDate <= "2026-12-31").map((a) => a.id);
    expect(fromOctober.length).toBeGreaterThan(3);
    expect(await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial, q: "Clark" })).toEqual(fromOctober);
    await expectStoredPayersFresh();
    // Rescheduled into October: Acme; back to September: nobody.
    await as.biller.orders.reschedule({ administrationId: adminsC[0]!.id, plannedDate: "2026-10-02", reason: "Patient travelling" });
    expect(await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial, q: "Clark" })).toEqual([adminsC[0]!.id, ...fromOctober]);
    await as.biller.orders.reschedule({ administrationId: adminsC[0]!.id, plannedDate: "2026-09-21", reason: "Back on schedule" });
    expect(await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial, q: "Clark" })).toEqual(fromOctober);
    // A draft documentation dated today (before October) keeps the infusion due, with no payer.
    const drafted = fromOctober[0]!;
    await as.biller.administrations.saveDocumentation({ administrationId: drafted, baseRevision: 0, actualDate: "2026-09-10", weightKg: "70" });
    const afterDraft = await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial, q: "Clark" });
    expect(afterDraft).toEqual(fromOctober.slice(1));
    await expectStoredPayersFresh();
    // The coverage ends in mid-November: later infusions drop out of the filter.
    const [acme] = await h.db.select().from(coverages).where(and(eq(coverages.patientId, ids.clark), eq(coverages.payerId, ids.commercial)));
    await h.db.update(coverages).set({ updatedAt: sql`date_trunc('milliseconds', ${coverages.updatedAt})` }).where(eq(coverages.id, acme!.id));
    const [acmeMs] = await h.db.select().from(coverages).where(eq(coverages.id, acme!.id));
    await as.admin.patients.coverage.end({ coverageId: acme!.id, endDate: "2026-11-15", expectedUpdatedAt: acmeMs!.updatedAt });
    const untilMid = adminsC.filter((a) => a.plannedDate >= "2026-10-01" && a.plannedDate <= "2026-11-15" && a.id !== drafted).map((a) => a.id);
    expect(await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial, q: "Clark" })).toEqual(untilMid);
    // The payer sort: Acme, then Medicare (Adams, Baker), then nobody (Clark in September and after mid-November).
    const byPayer = (await list(as.biller, { list: "due", ...autumn, sort: "payer", pageSize: 100 })).items;
    const names = byPayer.map((i) => i.primaryPayerName);
    expect(names.slice(0, untilMid.length)).toEqual(untilMid.map(() => "Acme Health"));
    expect(names.indexOf(null)).toBeGreaterThan(untilMid.length);
    expect(names.slice(names.indexOf(null)).every((n) => n === null)).toBe(true);
    expect(byPayer.filter((i) => i.primaryPayerName === null).map((i) => i.id)).toEqual(expect.arrayContaining([adminsC[0]!.id, drafted]));
    // A coverage removed (no procedure does; the trigger covers any writer): nobody again.
    await h.db.delete(coverages).where(eq(coverages.id, acme!.id));
    expect(await idsOf(as.biller, { list: "due", ...autumn, payer: ids.commercial })).toEqual([]);
    const rows = await expectStoredPayersFresh();
    expect(rows.filter((x) => clark.includes(x.id)).every((x) => x.stored === null)).toBe(true);
    // The other practice's infusions keep their own payer.
    expect((await list(other, { list: "due", preset: "custom", from: "2026-09-01", to: "2026-12-31", payer: ids.otherPayer })).total).toBeGreaterThan(0);
  });

  /** Rows (infusions and stored readiness rows) whose stored sort names (migration 0046) differ from their patient's names. */
  async function staleSortNames(): Promise<unknown[]> {
    const r: unknown = await h.db.execute(sql`
      select 'administrations' as t, a.id from administrations a join patients p on p.id = a.patient_id and p.practice_id = a.practice_id
        where (a.patient_sort_last, a.patient_sort_first) is distinct from (lower(p.last_name), lower(p.first_name))
      union all
      select 'administration_billing_status', s.administration_id from administration_billing_status s join patients p on p.id = s.patient_id and p.practice_id = s.practice_id
        where (s.patient_sort_last, s.patient_sort_first) is distinct from (lower(p.last_name), lower(p.first_name))`);
    return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as unknown[];
  }
  /** A date-sorted page in the order the tab promises: by date, then the patient's name lower-cased, then the id. */
  function dateThenName(items: { id: string; plannedDate: string; actualDate: string | null; patientName: string }[], dateOf: (i: { plannedDate: string; actualDate: string | null }) => string) {
    // "Last, First" lower-cased: the last name, then the first
    const key = (i: (typeof items)[number]) => [dateOf(i), ...i.patientName.toLowerCase().split(", "), i.id];
    return [...items].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! < kb[k]! ? -1 : 1;
      return 0;
    }).map((i) => i.id);
  }

  it("keeps the patient's sort names on every listed row through a rename: the date sort orders a day's infusions by them", async () => {
    expect(await staleSortNames()).toEqual([]);
    const due = async () => (await list(as.biller, { list: "due", ...autumn, pageSize: 100 })).items;
    // Clark's next infusion moved onto a day of Adams's: the names decide their order within it.
    const initial = await due();
    const adams = initial.find((i) => i.patientName.startsWith("Adams"))!;
    const clark = initial.find((i) => i.patientName.startsWith("Clark"))!;
    await h.db.update(administrations).set({ plannedDate: adams.plannedDate }).where(eq(administrations.id, clark.id));
    const before = await due();
    const sameDay = (items: typeof before) => items.filter((i) => i.plannedDate === adams.plannedDate).map((i) => i.patientName);
    expect(sameDay(before)).toEqual(["Adams, Pat", "Clark, Pat"]);
    expect(before.map((i) => i.id)).toEqual(dateThenName(before, (i) => i.plannedDate));
    // Adams becomes Zimmer behind the app's back (the patients' update trigger follows whoever writes).
    await h.db.update(patients).set({ lastName: "Zimmer" }).where(eq(patients.id, ids.adams));
    expect(await staleSortNames()).toEqual([]);
    const after = await due();
    expect(after.map((i) => i.id)).toEqual(dateThenName(after, (i) => i.plannedDate));
    expect(sameDay(after)).toEqual(["Clark, Pat", "Zimmer, Pat"]);
    expect((await list(as.biller, { list: "due", ...autumn, sort: "patient", dir: "desc" })).items[0]!.patientName).toBe("Zimmer, Pat");
    await h.db.update(patients).set({ lastName: "Adams" }).where(eq(patients.id, ids.adams));
    expect(await staleSortNames()).toEqual([]);
    expect((await due()).map((i) => i.id)).toEqual(before.map((i) => i.id));
    await h.db.update(administrations).set({ plannedDate: clark.plannedDate }).where(eq(administrations.id, clark.id));
  });
});
