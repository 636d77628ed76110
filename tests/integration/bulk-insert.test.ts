import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { anyOf, insertRows, textArrayLiteral } from "@/db/bulk";
import { auditEvents, kpiArIntervals, practices } from "@/db/schema";
import { makePractice } from "../factories";
import { createTestDb } from "../helpers/test-db";

/**
 * db/bulk.ts sends each column as one text array and lets the server cast it (posting writes its claim
 * payments, lines, adjustments, work items and audit rows this way). A row must come back exactly as
 * through drizzle's `values()`, whatever its text holds.
 */
let h: DbHandle;
let practiceId: string;
const awkward = ['plain', 'with "double" quotes', "back\\slash \\\" both", "comma, {braces} and NULL", "NULL", "", " spaced ", "é ü — ✓ 𝄞", "line\nbreak\ttab"];

beforeAll(async () => {
  h = await createTestDb();
  practiceId = (await makePractice(h.db)).id;
}, 120_000);
afterAll(() => h?.close());

describe("insertRows", () => {
  it("writes every kind of value as values() does: text with quotes, backslashes and braces, nulls, jsonb, timestamps", async () => {
    const at = new Date("2026-10-20T15:00:00.123Z");
    const rows = awkward.map((s, i) => ({
      practiceId,
      actorUserId: null,
      action: `bulk.${i}`,
      entityType: s,
      entityId: `e${i}`,
      before: i % 2 ? null : { text: s, list: [s, null, 1.5], nested: { ok: true } },
      after: { amountCents: 123_456_789_012 + i, s },
      requestId: i === 3 ? null : s,
      createdAt: at,
    }));
    const viaBulk = await insertRows(h.db, auditEvents, rows, { returning: ["id", "entityType"] });
    expect(viaBulk).toHaveLength(rows.length);
    const viaValues = await h.db
      .insert(auditEvents)
      .values(rows.map((r) => ({ ...r, action: r.action.replace("bulk.", "values.") })))
      .returning();
    const read = await h.db.select().from(auditEvents).where(eq(auditEvents.practiceId, practiceId)).orderBy(asc(auditEvents.seq));
    const bulk = read.filter((r) => r.action.startsWith("bulk."));
    const values = read.filter((r) => r.action.startsWith("values."));
    expect(bulk).toHaveLength(rows.length);
    const strip = (r: (typeof read)[number]) => ({ ...r, id: undefined, seq: undefined, action: r.action.replace(/^(bulk|values)\./, "") });
    expect(bulk.map(strip)).toEqual(values.map(strip));
    expect(bulk.map((r) => r.entityType)).toEqual(awkward);
    expect(bulk[0]!.createdAt.toISOString()).toBe(at.toISOString());
    expect(viaValues).toHaveLength(rows.length);
  });

  it("writes array, date, range and bigint columns; a column no row gives takes its default", async () => {
    const claimId = randomUUID();
    const rows = [
      { practiceId, claimId, payerId: randomUUID(), renderingProviderId: randomUUID(), locationId: randomUUID(), indicationIds: awkward, billedOn: "2026-09-14", during: '("2026-09-14 20:00:00+00","2026-10-01 00:00:00+00"]', balanceCents: 9_007_199_254_740_991 },
      { practiceId, claimId, payerId: randomUUID(), renderingProviderId: randomUUID(), locationId: randomUUID(), indicationIds: [], billedOn: "2026-09-15", during: '("2026-10-01 00:00:00+00",)', balanceCents: -1 },
    ];
    await insertRows(h.db, kpiArIntervals, rows);
    const read = await h.db.select().from(kpiArIntervals).where(eq(kpiArIntervals.claimId, claimId)).orderBy(asc(kpiArIntervals.billedOn));
    expect(read.map((r) => r.indicationIds)).toEqual([awkward, []]);
    expect(read.map((r) => r.billedOn)).toEqual(["2026-09-14", "2026-09-15"]);
    expect(read.map((r) => r.balanceCents)).toEqual([9_007_199_254_740_991, -1]);
    await h.db.delete(kpiArIntervals).where(eq(kpiArIntervals.claimId, claimId));

    const found = await h.db.select({ id: practices.id }).from(practices).where(sql`${practices.id} = ${anyOf([practiceId, randomUUID()], "uuid")}`);
    expect(found).toEqual([{ id: practiceId }]);
  });

  it("refuses a column that has a default when only some rows give it (it would be NULL, not the default)", async () => {
    await expect(
      insertRows(h.db, auditEvents, [
        { practiceId, action: "a", entityType: "t", entityId: "1", createdAt: new Date() },
        { practiceId, action: "b", entityType: "t", entityId: "2" },
      ]),
    ).rejects.toThrow(/some rows leave out a column that has a default/);
  });

  it("on conflict do nothing returns only the rows it wrote", async () => {
    const id = randomUUID();
    const row = { id, practiceId, action: "dup", entityType: "t", entityId: "1" };
    expect(await insertRows(h.db, auditEvents, [row], { onConflictDoNothing: true, returning: ["id"] })).toHaveLength(1);
    expect(await insertRows(h.db, auditEvents, [row], { onConflictDoNothing: true, returning: ["id"] })).toHaveLength(0);
  });
});

describe("textArrayLiteral", () => {
  it("quotes every element and escapes backslashes and double quotes; null is NULL, the text 'NULL' is quoted", () => {
    expect(textArrayLiteral(["a", null, 'b"c', "d\\e", "NULL", ""])).toBe('{"a",NULL,"b\\"c","d\\\\e","NULL",""}');
    expect(textArrayLiteral([])).toBe("{}");
  });
});
