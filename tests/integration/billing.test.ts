import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { readReferenceTables, trimDecimal } from "@/db/seed/reference-loader";
import { referenceSeed } from "@/db/seed/reference";
import { validateReferenceData } from "@/server/domain/billing";
import { makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

const scenario = (name: string) => JSON.parse(readFileSync(`tests/fixtures/scenarios/${name}.json`, "utf8"));

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

describe("reference data in the database", () => {
  it("round-trips every seed table exactly (decimals stay exact, keys map back to ids)", async () => {
    const fromDb = await readReferenceTables(h.db);
    const v = validateReferenceData(fromDb);
    expect(v.ok).toBe(true);
    const seed = validateReferenceData(referenceSeed);
    expect(seed.ok).toBe(true);
    if (!v.ok || !seed.ok) return;
    for (const table of Object.keys(seed.data) as (keyof typeof seed.data)[]) {
      // 85.250 and 85.25 are the same exact decimal; compare canonical forms.
      const sortKey = (r: unknown) => JSON.stringify(r, (_k, x) => (typeof x === "string" && /^\d+\.\d+$/.test(x) ? trimDecimal(x) : x));
      expect(v.data[table].map(sortKey).sort(), table).toEqual(seed.data[table].map(sortKey).sort());
    }
  });
});

describe("billing.preview", () => {
  it("builds claim-rules Example 2 from the database's reference data", async () => {
    const r = await w.as.biller.caller.billing.preview(scenario("example2-commercial"));
    expect(r.lines.map((l) => [l.code, l.modifiers, l.units, l.ndc])).toEqual([
      ["J9173", ["JZ"], 150, { code: "00310461150", unit: "ML", quantity: 30 }],
      ["96413", [], 1, null],
    ]);
    expect(r.diagnoses).toEqual(["C3411"]);
    expect(r.totalCharge).toBe(22800);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.blocked).toBe(false);
  });

  it("catches J9322 on a durvalumab line and names J9173", async () => {
    const r = await w.as.pa_coordinator.caller.billing.preview(scenario("wrong-hcpcs-j9322"));
    const f = r.findings.find((x) => x.severity === "error" && x.message.includes("J9322"));
    expect(f?.message).toContain("J9173");
    expect(r.blocked).toBe(true);
  });

  it("is allowed to billers, PA coordinators and admins, not to managers or anonymous callers", async () => {
    await expect(w.as.admin.caller.billing.preview(scenario("example4-medicare-waste"))).resolves.toMatchObject({ blocked: false });
    await expect(w.as.manager.caller.billing.preview(scenario("example4-medicare-waste"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.anonymous.billing.preview(scenario("example4-medicare-waste"))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("gives another practice the same answer: reference data is global, nothing practice-specific leaks", async () => {
    const mine = await w.as.biller.caller.billing.preview(scenario("example4-medicare-waste"));
    const theirs = await w.otherAdmin.caller.billing.preview(scenario("example4-medicare-waste"));
    expect(theirs).toEqual(mine);
  });

  it("rejects bad input at the boundary with the field named", async () => {
    await expect(w.as.biller.caller.billing.preview(scenario("invalid-start-time"))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const s = scenario("example2-commercial");
    s.drugs[0].drug = "nivolumab-not-here";
    await expect(w.as.biller.caller.billing.preview(s)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^drugs\.0\.drug: unknown drug/),
    });
  });
});
