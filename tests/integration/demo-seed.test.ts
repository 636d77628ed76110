import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, isNotNull, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { DEMO_LOGINS, OTHER_PRACTICE_LOGIN } from "@/db/seed/demo-logins";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { claims as claimsTable, coverages, users } from "@/db/schema";
import { authSettings } from "@/server/auth/config";
import { signInWithPassword } from "@/server/services/auth";
import { fixPlaceOf } from "@/server/domain/findings/fix-places";
import { cms1500DataOf } from "@/server/services/claim-documents";
import { callerFor } from "../factories";
import { createDemoTestDb } from "../helpers/test-db";

let h: DbHandle;
/** postgres.js returns the rows, PGlite an object holding them */
const rowsOf = (r: unknown): unknown[] => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows);
// The demo as seeded today from an empty, migrated database holding the reference data: the demo
// template of tests/helpers/test-db.ts is exactly that seed (it fails unless `seedDemoIfEmpty` answers
// `{ seeded: true }` there), built once per run and per content of db/ and server/, so this file reads a
// copy of it instead of seeding the whole demo a third time on each engine.
beforeAll(async () => {
  h = await createDemoTestDb();
}, 600_000);
afterAll(() => h?.close());

describe("demo seed", () => {
  it("creates the demo practices once, with a working login per role, and never twice", async () => {
    expect(await seedDemoIfEmpty(h.db)).toEqual({ seeded: false });
    for (const l of [...DEMO_LOGINS, OTHER_PRACTICE_LOGIN]) {
      const r = await signInWithPassword(h.db, { email: l.email, password: l.password }, new Date(), authSettings());
      expect(r.ok, l.email).toBe(true);
    }
  }, 300_000); // the whole demo (claims, batches, acknowledgments) through the services, on a loaded machine

  it("shows realistic work through the API to the demo users, and none of it to the other practice", async () => {
    const session = async (email: string) => {
      const [u] = await h.db.select().from(users).where(eq(users.email, email));
      const r = await signInWithPassword(h.db, { email, password: [...DEMO_LOGINS, OTHER_PRACTICE_LOGIN].find((l) => l.email === email)!.password }, new Date(), authSettings());
      if (!r.ok) throw new Error("sign-in failed");
      return callerFor(h.db, { sessionId: r.sessionId, userId: u!.id, practiceId: u!.practiceId, role: u!.role, email, name: u!.name, mustChangePassword: false });
    };
    const biller = await session(DEMO_LOGINS.find((l) => l.role === "biller")!.email);
    const other = await session(OTHER_PRACTICE_LOGIN.email);
    const payers = await biller.payers.list({});
    expect(new Set(payers.map((p) => p.kind))).toEqual(new Set(["medicare", "medicare_advantage", "medicaid", "commercial"]));
    const patients = await biller.patients.list({});
    expect(patients.total).toBeGreaterThanOrEqual(40);
    const theirs = await other.patients.list({});
    expect(theirs.total).toBe(0);

    // Claims in every state of their life, a submitted and acknowledged batch, both kinds of rejection.
    const claims = await biller.claims.list({ page: 1, pageSize: 100 });
    for (const s of ["draft", "ready", "batched", "submitted", "accepted", "rejected", "adjudicated", "closed", "replaced", "voided", "cancelled"]) {
      expect(claims.counts[s] ?? 0, s).toBeGreaterThan(0);
    }
    const rejected = claims.items.filter((c) => c.status === "rejected");
    const sources = await Promise.all(rejected.map(async (c) => (await biller.claims.get({ claimId: c.id })).claim.rejection?.source));
    expect(new Set(sources)).toEqual(new Set(["999", "277CA"]));
    const frequencies = new Set(claims.items.map((c) => c.frequency));
    expect(frequencies).toEqual(new Set(["original", "replacement", "void"]));
    // one secondary claim, billed with the COB loops from the primary's posted remittance
    const [secondary] = await h.db.select().from(claimsTable).where(isNotNull(claimsTable.primaryClaimId));
    expect(secondary).toMatchObject({ status: "draft", cob: { otherPayer: { responsibility: "P" } } });
    expect((await biller.claims.get({ claimId: secondary!.id })).secondary.primary?.claimNumber).toBe(secondary!.cob!.primaryClaimNumber);
    // the demo's remittance claims carry the scenario they were built from, so the secondary scrubs clean
    expect(secondary!.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(secondary!.blocked).toBe(false);
    const remitted = await h.db.select().from(claimsTable).where(sql`${claimsTable.id} in (select claim_id from claim_payments where status = 'posted')`);
    expect(remitted.length).toBeGreaterThan(10);
    for (const c of remitted) expect(Object.keys(c.scenario ?? {}), c.claimNumber).toContain("drugs");
    // its primary's CMS-1500 names the other insured (items 9, 9a, 9d) and says there is another plan (11d)
    const [billerUser] = await h.db.select().from(users).where(eq(users.email, DEMO_LOGINS.find((l) => l.role === "biller")!.email));
    const primaryForm = await cms1500DataOf(h.db, { userId: billerUser!.id, practiceId: billerUser!.practiceId, role: "biller", requestId: "test" }, secondary!.primaryClaimId!, new Date());
    expect(primaryForm.data.otherInsured).toMatchObject({ planName: expect.any(String), policyNumber: expect.any(String), name: expect.stringContaining(",") });
    // and one patient has three payers, the third a tertiary coverage
    const tertiary = await h.db.select().from(coverages).where(eq(coverages.priority, "tertiary"));
    expect(tertiary.length).toBeGreaterThanOrEqual(1);
    const batches = await biller.claims.batches.list({ page: 1, pageSize: 50 });
    expect(batches.items.some((b) => b.status === "acknowledged")).toBe(true);
    expect(batches.items.some((b) => b.status === "rejected")).toBe(true);
    // Billers (and the e2e) still find plenty of ready infusions to bill.
    const unbilled = await biller.claims.unbilled({ page: 1, pageSize: 10 });
    expect(unbilled.total).toBeGreaterThanOrEqual(10);
    // Every sent claim holds the infusions it bills, and no ready infusion is a duplicate of a sent
    // claim (same patient, payer and date of service) that holds something else.
    // (the dashboards' two years of history, claims H…, bill courses that are not in the infusion records)
    const unlinked = await h.db.execute(sql`select c.claim_number from claims c where c.status not in ('draft', 'cancelled')
      and c.claim_number not like 'H%' and not exists (select 1 from claim_administrations ca where ca.claim_id = c.id)`);
    expect(rowsOf(unlinked)).toEqual([]);
    const duplicates = await h.db.execute(sql`select a.id from administrations a
      join administration_documentation d on d.administration_id = a.id and d.is_current
      join coverages cov on cov.patient_id = a.patient_id and cov.priority = 'primary' and cov.effective_date <= d.actual_date and (cov.end_date is null or d.actual_date <= cov.end_date)
      join claims c on c.patient_id = a.patient_id and c.payer_id = cov.payer_id and c.date_of_service = d.actual_date and c.status in ('submitted', 'accepted', 'adjudicated', 'closed')
      where a.status = 'ready_for_billing' and not exists (select 1 from claim_administrations ca where ca.administration_id = a.id and ca.active)`);
    expect(rowsOf(duplicates)).toEqual([]);
    expect((await other.claims.list({ page: 1, pageSize: 10 })).total).toBe(0);
  }, 120_000);

  it("leaves every documented, not-ready infusion a way out: each error is fixed somewhere named, most wait only for authorization", async () => {
    const rows = rowsOf(
      await h.db.execute(sql`select s.administration_id as id, s.blockers, s.findings from administration_billing_status s
        join administrations a on a.id = s.administration_id where a.status = 'documented' and not s.ready`),
    ) as { id: string; blockers: string[]; findings: { rule: string; message: string; severity: string }[] }[];
    expect(rows.length).toBeGreaterThan(10);
    let authOnly = 0;
    for (const r of rows) {
      expect(r.blockers.length, r.id).toBeGreaterThan(0);
      const errors = r.findings.filter((f) => f.severity === "error");
      if (errors.length > 0 && errors.every((f) => f.rule === "R-AUTH") && r.blockers.length === 1) authOnly++;
      // every error and warning has the place where it is fixed (the form, the order, the payer, the authorization…)
      for (const f of r.findings.filter((x) => x.severity !== "info")) expect(fixPlaceOf({ rule: f.rule, category: "", message: f.message }), `${f.rule}: ${f.message}`).not.toBeNull();
    }
    expect(authOnly / rows.length).toBeGreaterThan(0.5);
  }, 60_000);
});
