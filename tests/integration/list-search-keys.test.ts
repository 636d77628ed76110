import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { denialWorkItems, patients, payers } from "@/db/schema";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { likeContains } from "@/server/domain/patients/search";
import { callerFor, makeWorld } from "../factories";
import { CLAIM_NOW, setUpClaimsPractice } from "../factories/claims";
import { postRemit, workItem } from "../factories/kpis";
import { makeSentClaim } from "../factories/remittance";
import { createTestDb } from "../helpers/test-db";

/**
 * Issue 13, migration 0042: the keys the lists read instead of a scan or a join, kept from their
 * source rows — the patients' search key (a stored generated column) and the denial work items'
 * payer name (filled with the claim keys, rewritten when the payer is renamed). Each list must answer
 * what it answered from the source columns, after every edit of them.
 */

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
type Caller = ReturnType<typeof callerFor>;
let biller: Caller;
let other: Caller;

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  biller = callerFor(h.db, w.as.biller.session, () => CLAIM_NOW);
  other = callerFor(h.db, w.otherAdmin.session, () => CLAIM_NOW);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller);
}, 120_000);
afterAll(() => h?.close());

describe("patients: the stored search key", () => {
  const people = [
    ["SK-001", "Élodie", "Ünal-Brandt"],
    ["SK-002", "JOHN", "De la Cruz"],
    ["sk-003", "Ana María", "O'Neil"],
    ["SK-100%", "Lars", "Øster_gaard"],
    ["SK-CRUZ", "Cruz", "Smith"],
    ["SK-006", "zoe", "ZZ Top"],
  ] as const;

  /** The search as it was before migration 0042: each word ILIKE '%word%' on one of the three columns. */
  async function byOldPredicate(practiceId: string, words: string[]) {
    const rows = await h.db
      .select({ id: patients.id })
      .from(patients)
      .where(
        and(
          eq(patients.practiceId, practiceId),
          ...words.map((t) => sql`(${patients.lastName} ilike ${likeContains(t)} or ${patients.firstName} ilike ${likeContains(t)} or ${patients.mrn} ilike ${likeContains(t)})`),
        ),
      )
      .orderBy(asc(sql`lower(${patients.lastName})`), asc(sql`lower(${patients.firstName})`), asc(patients.id));
    return rows.map((r) => r.id);
  }

  it("holds the names and MRN lower-cased, and every search answers what the ILIKE on the columns answered, in the same order", async () => {
    for (const [mrn, first, last] of people) {
      await h.db.insert(patients).values({ practiceId: w.practice.id, mrn, firstName: first, lastName: last, dateOfBirth: "1950-01-01", sex: "female", addressLine1: "1 Main St", city: "Madison", state: "WI", zip: "53703" });
    }
    // another practice's namesake is never found
    await h.db.insert(patients).values({ practiceId: w.other.id, mrn: "SK-X", firstName: "Cruz", lastName: "De la Cruz", dateOfBirth: "1950-01-01", sex: "male", addressLine1: "1 Main St", city: "Madison", state: "WI", zip: "53703" });
    const [ana] = await h.db.select({ key: patients.searchKey }).from(patients).where(eq(patients.mrn, "sk-003"));
    expect(ana!.key).toBe("o'neil ana maría sk-003");

    const searches = ["cruz", "CRUZ de", "élo", "ÉLODIE", "ünal-b", "ana maría", "o'n", "100%", "_", "øster_", "STER_G", "sk-0", "sk 00", "z", "zz top", "a b c d", "nobody"];
    const found: Record<string, number> = {};
    for (const q of searches) {
      const words = q.split(" ");
      const page = await biller.patients.list({ q, sort: "name", dir: "asc", pageSize: 100 });
      const expected = await byOldPredicate(w.practice.id, words);
      expect(page.items.map((p) => p.id), q).toEqual(expected);
      expect([page.total, page.totalCapped], q).toEqual([expected.length, false]);
      found[q] = expected.length;
    }
    // hand-worked: the searches find what a person would expect (the key's separators match nothing)
    // (accented capitals fold by the database's locale, the same way for the key as for ILIKE: only
    // the equality above is asserted for them)
    expect(found).toMatchObject({ cruz: 2, "CRUZ de": 1, "ana maría": 1, "100%": 1, _: 1, "STER_G": 1, "sk 00": 5, "zz top": 1, nobody: 0 });
    expect((await other.patients.list({ q: "cruz" })).total).toBe(1);
  });

  it("follows an edit of the name or the MRN: the old words stop matching, the new ones match, the name order moves", async () => {
    const [zoe] = await h.db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, w.practice.id), eq(patients.mrn, "SK-006")));
    const names = async (q: string) => (await biller.patients.list({ q, sort: "name", dir: "asc" })).items.map((p) => p.lastName);
    expect((await names("sk-")).sort()).toEqual(["De la Cruz", "O'Neil", "Smith", "ZZ Top", "Ünal-Brandt", "Øster_gaard"].sort());

    await h.db.update(patients).set({ lastName: "Aardvark", mrn: "QQ-6" }).where(eq(patients.id, zoe!.id));
    expect(await names("top")).toEqual([]);
    expect(await names("sk-006")).toEqual([]);
    expect(await names("sk-")).not.toContain("Aardvark");
    expect(await names("aardv")).toEqual(["Aardvark"]);
    expect(await names("qq")).toEqual(["Aardvark"]);
    const [row] = await h.db.select({ key: patients.searchKey }).from(patients).where(eq(patients.id, zoe!.id));
    expect(row!.key).toBe("aardvark zoe qq-6");
    // the search "zoe" now lists her first by name
    await h.db.update(patients).set({ firstName: "Zoe" }).where(eq(patients.mrn, "SK-CRUZ"));
    expect(await names("zoe")).toEqual(["Aardvark", "Smith"]);
    for (const q of ["zoe", "qq", "sk-", "top"]) expect((await biller.patients.list({ q, sort: "name", dir: "asc" })).items.map((p) => p.id), q).toEqual(await byOldPredicate(w.practice.id, [q]));
  });
});

describe("denial queue: the stored payer name", () => {
  it("is the payer's name when an item is made and after a rename; the payer sort is the sort on the joined payer, in both directions", async () => {
    const line = { code: "96413", units: 1, chargeCents: 100_000, kind: "admin" as const };
    const c1 = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "SK-D1", status: "adjudicated", payer: "medicare", lines: [line] });
    const c2 = await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: "SK-D2", status: "adjudicated", payer: "commercial", lines: [line] });
    const cx = await makeSentClaim(h.db, w.other.id, setup, { claimNumber: "SK-DX", status: "adjudicated", other: true, lines: [line] });
    const p1 = await postRemit(h.db, w.practice.id, c1.claim.id, { posted: "2026-09-01", paid: 0, denied: 100_000 });
    const p2 = await postRemit(h.db, w.practice.id, c2.claim.id, { posted: "2026-09-01", paid: 0, denied: 100_000 });
    const px = await postRemit(h.db, w.other.id, cx.claim.id, { posted: "2026-09-01", paid: 0, denied: 100_000 });
    await workItem(h.db, w.practice.id, c1.claim.id, p1, { amount: 100, opened: "2026-09-02", category: "authorization" });
    await workItem(h.db, w.practice.id, c2.claim.id, p2, { amount: 200, opened: "2026-09-03", category: "modifier" });
    await workItem(h.db, w.practice.id, c1.claim.id, p1, { amount: 300, opened: "2026-09-04", category: "eligibility" });
    await workItem(h.db, w.practice.id, c2.claim.id, p2, { amount: 400, opened: "2026-09-05", category: "units", status: "appealed" });
    await workItem(h.db, w.other.id, cx.claim.id, px, { amount: 500, opened: "2026-09-05" });

    /** Every item's stored payer name against its payer's name now. */
    const stored = async () =>
      h.db
        .select({ amount: denialWorkItems.amountCents, stored: denialWorkItems.payerName, actual: payers.name })
        .from(denialWorkItems)
        .innerJoin(payers, eq(payers.id, denialWorkItems.payerId))
        .orderBy(asc(denialWorkItems.amountCents));
    /** The payer sort as it was before migration 0042: on the payer joined by id. */
    const joinedOrder = async (view: "todo" | "all", dir: "asc" | "desc") => {
      const d = dir === "asc" ? asc : desc;
      const rows = await h.db
        .select({ amount: denialWorkItems.amountCents })
        .from(denialWorkItems)
        .innerJoin(payers, eq(payers.id, denialWorkItems.payerId))
        .where(and(eq(denialWorkItems.practiceId, w.practice.id), view === "todo" ? eq(denialWorkItems.listView, "todo") : undefined))
        .orderBy(d(payers.name), d(denialWorkItems.createdAt), d(denialWorkItems.id));
      return rows.map((r) => r.amount);
    };
    const listed = async (view: "todo" | "all", dir: "asc" | "desc") => (await biller.denials.list({ view, sort: "payer", dir })).items.map((i) => i.amountCents);
    const check = async () => {
      for (const r of await stored()) expect(r.stored, String(r.amount)).toBe(r.actual);
      for (const view of ["todo", "all"] as const) for (const dir of ["asc", "desc"] as const) expect(await listed(view, dir), `${view} ${dir}`).toEqual(await joinedOrder(view, dir));
    };

    await check();
    // hand-worked: the two payers' names decide the order (in the database's collation), the opening time breaks ties
    const [cmp] = await h.db
      .select({ medicareFirst: sql<boolean>`(select name from payers where id = ${setup.payers.medicare}) < (select name from payers where id = ${setup.payers.commercial})` })
      .from(sql`(select 1) x`);
    const medicareFirst = cmp!.medicareFirst;
    expect(await listed("all", "asc")).toEqual(medicareFirst ? [100, 300, 200, 400] : [200, 400, 100, 300]);

    // rename the payer that sorts first so that it sorts last: its items move, nobody else's change
    const firstId = medicareFirst ? setup.payers.medicare : setup.payers.commercial;
    await h.db.update(payers).set({ name: "ZZZ Renamed payer" }).where(eq(payers.id, firstId));
    await check();
    expect(await listed("all", "asc")).toEqual(medicareFirst ? [200, 400, 100, 300] : [100, 300, 200, 400]);
    expect(await listed("todo", "desc")).toEqual(medicareFirst ? [300, 100, 200] : [200, 300, 100]);
    const [otherItem] = await h.db.select({ stored: denialWorkItems.payerName }).from(denialWorkItems).where(eq(denialWorkItems.practiceId, w.other.id));
    expect(otherItem!.stored).not.toBe("ZZZ Renamed payer");

    // an edit that leaves the name alone writes nothing to the items
    const before = await h.db.select({ id: denialWorkItems.id, updatedAt: denialWorkItems.updatedAt, revision: denialWorkItems.revision }).from(denialWorkItems).orderBy(asc(denialWorkItems.id));
    await h.db.update(payers).set({ isActive: true }).where(eq(payers.id, firstId));
    expect(await h.db.select({ id: denialWorkItems.id, updatedAt: denialWorkItems.updatedAt, revision: denialWorkItems.revision }).from(denialWorkItems).orderBy(asc(denialWorkItems.id))).toEqual(before);
    await check();
  });
});
