import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { SessionUser } from "@/server/services/auth";
import { makeWorld } from "../factories";
import { setUpClaimsPractice } from "../factories/claims";
import { kpiClaim, postRemit } from "../factories/kpis";
import { createTestDb } from "../helpers/test-db";

/*
 * The CSV of the rows behind a dashboard figure (/api/export/dashboard), called as Next calls it:
 * managers get every row of the figure with the dashboard's period and filters, billers are refused,
 * another practice gets none of these rows.
 */
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: async () => state.db }));
vi.mock("@/server/auth/auth", () => ({ currentUser: async () => state.user, currentSessionId: async () => null, currentIdentity: async () => ({ user: state.user, operator: null }) }));

const { GET } = await import("@/app/api/export/dashboard/route");

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let medicare: string;
beforeAll(async () => {
  h = await createTestDb();
  state.db = h.db;
  w = await makeWorld(h.db);
  const setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, w.as.admin.caller);
  medicare = setup.payers.medicare;
  const line = { code: "96413", units: 1, chargeCents: 100_000, kind: "admin" as const };
  // Submitted in Q3 2026: two commercial claims (one edited), one Medicare claim; one in Q2.
  await kpiClaim(h.db, w.practice.id, setup, { number: "Q3A", dos: "2026-07-01", submitted: "2026-07-03", lines: [line] });
  await kpiClaim(h.db, w.practice.id, setup, { number: "Q3B", dos: "2026-07-05", submitted: "2026-07-08", lines: [line], revision: 2 });
  const m = await kpiClaim(h.db, w.practice.id, setup, { number: "Q3M", dos: "2026-08-01", submitted: "2026-08-03", lines: [line], payer: "medicare" });
  await postRemit(h.db, w.practice.id, m.id, { posted: "2026-08-20", paid: 0, denied: 100_000 });
  await kpiClaim(h.db, w.practice.id, setup, { number: "Q2A", dos: "2026-05-01", submitted: "2026-05-03", lines: [line] });
}, 120_000);
afterAll(() => h?.close());

const get = async (user: SessionUser, query: string) => {
  state.user = user;
  return GET(new Request(`http://127.0.0.1:3000/api/export/dashboard?${query}`), { params: Promise.resolve({}) });
};
const csvLines = async (res: Response) => (await res.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);

describe("dashboard rows export", () => {
  it("gives a manager every row behind the figure for the URL's period and filters, audited as an export", async () => {
    const res = await get(w.as.manager.session, "kpi=cleanClaimRate&from=2026-07-01&to=2026-09-30");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("cleanClaimRate-2026-07-01-2026-09-30.csv");
    const lines = await csvLines(res);
    expect(lines[0]).toBe("Claim,Patient,Payer,Date of service,Submitted,Status,Claim charge (USD),Clean,Row id");
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(["Q3A", "Q3B", "Q3M"]);
    expect(lines.find((l) => l.startsWith("Q3B"))).toContain(",no,");
    const only = await csvLines(await get(w.as.manager.session, "kpi=cleanClaimRate&from=2026-07-01&to=2026-09-30&counted=1"));
    expect(only.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(["Q3A", "Q3M"]);
    const med = await csvLines(await get(w.as.admin.session, `kpi=initialDenialRate&from=2026-07-01&to=2026-09-30&payerId=${medicare}`));
    expect(med.slice(1).map((l) => l.split(",")[0])).toEqual(["Q3M"]);
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, w.practice.id), eq(auditEvents.action, "export.downloaded")));
    expect(audit.some((a) => (a.after as { kind?: string }).kind === "dashboard-rows")).toBe(true);
  });

  it("refuses billers and PA coordinators, asks for a figure, and shows another practice none of these rows", async () => {
    expect((await get(w.as.biller.session, "kpi=cleanClaimRate&from=2026-07-01&to=2026-09-30")).status).toBe(403);
    expect((await get(w.as.pa_coordinator.session, "kpi=cleanClaimRate&from=2026-07-01&to=2026-09-30")).status).toBe(403);
    expect((await get(w.as.manager.session, "kpi=nope")).status).toBe(400);
    const other = await csvLines(await get(w.otherAdmin.session, "kpi=cleanClaimRate&from=2026-07-01&to=2026-09-30"));
    expect(other).toHaveLength(1);
  });
});
