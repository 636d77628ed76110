import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, phiAccessLog } from "@/db/schema";
import type { SessionUser } from "@/server/services/auth";
import { makePatient, makeWorld } from "../factories";
import { captureLogs } from "../helpers/log-capture";
import { createTestDb } from "../helpers/test-db";

/*
 * The CSV download routes, called as Next calls them (a Request in, a Response out), on a real
 * database: the signed-in user and the database are the only things provided from outside.
 */
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: async () => state.db }));
vi.mock("@/server/auth/auth", () => ({ currentUser: async () => state.user, currentSessionId: async () => null, currentIdentity: async () => ({ user: state.user, operator: null }) }));

const { GET: exportPatients } = await import("@/app/api/export/patients/route");
const { GET: exportWorklist } = await import("@/app/api/export/worklists/[list]/route");
const { GET: exportReference } = await import("@/app/api/export/reference/[table]/route");
const { csvExportResponse } = await import("@/server/api/csv-export");
const { routeContext } = await import("@/server/api/route-context");
const { describeForLog } = await import("@/server/api/errors");

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createTestDb();
  state.db = h.db;
  w = await makeWorld(h.db);
});
afterAll(() => h?.close());

const as = (s: SessionUser | null) => {
  state.user = s;
};
const req = (path: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1:3000${path}`, { headers });
const noParams = { params: Promise.resolve({}) };

describe("export audit rows are written by the export itself", () => {
  it("records who downloaded which list with the filters and row count the server used, never the client's", async () => {
    await makePatient(h.db, w.practice.id, { lastName: "Exportson", firstName: "Ada" });
    await makePatient(h.db, w.practice.id, { lastName: "Exportson", firstName: "Bea" });
    await makePatient(h.db, w.other.id, { lastName: "Exportson", firstName: "Other" });
    as(w.as.manager.session);
    const res = await exportPatients(req("/api/export/patients?q=exportson&sort=name&x-rows=999", { "x-request-id": "forged-client-id" }), noParams);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(3); // header + our two patients
    expect(csv).not.toContain("Other");
    const rows = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.practiceId, w.practice.id), eq(auditEvents.action, "export.downloaded")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: w.as.manager.user.id,
      entityType: "export",
      after: { kind: "patients", filters: { q: "exportson", sort: "name", dir: "asc" }, rows: 2 },
    });
    expect(rows[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0]!.requestId).not.toBe("forged-client-id");
  });

  it("records one access-log row per exported patient", async () => {
    const p = await makePatient(h.db, w.practice.id, { lastName: "Accesslog" });
    as(w.as.biller.session);
    const res = await exportPatients(req("/api/export/patients?q=accesslog"), noParams);
    await res.text();
    const access = await h.db.select().from(phiAccessLog).where(and(eq(phiAccessLog.userId, w.as.biller.user.id), eq(phiAccessLog.action, "export")));
    expect(access.map((a) => a.patientId)).toEqual([p.id]);
    expect(access[0]).toMatchObject({ entityType: "export:patients", practiceId: w.practice.id });
  });

  it("the worklist and reference exports audit themselves too; no tRPC procedure can write an export row", async () => {
    as(w.as.pa_coordinator.session);
    const wl = await exportWorklist(req("/api/export/worklists/due"), { params: Promise.resolve({ list: "due" }) });
    expect(wl.status).toBe(200);
    await wl.text();
    const ref = await exportReference(req("/api/export/reference/modifiers"), { params: Promise.resolve({ table: "modifiers" }) });
    expect(ref.status).toBe(200);
    const kinds = (
      await h.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, w.as.pa_coordinator.user.id), eq(auditEvents.action, "export.downloaded")))
    ).map((r) => (r.after as { kind: string }).kind);
    expect(kinds.sort()).toEqual(["reference", "worklist"]);
    expect("exports" in w.as.admin.caller).toBe(false);
  });

  it("answers refusals with their status and writes nothing", async () => {
    as(null);
    expect((await exportPatients(req("/api/export/patients"), noParams)).status).toBe(401);
    as({ ...w.as.biller.session, mustChangePassword: true });
    expect((await exportPatients(req("/api/export/patients"), noParams)).status).toBe(403);
    as(w.as.biller.session);
    expect((await exportPatients(req("/api/export/patients?pageSize=7&sort=nope"), noParams)).status).toBe(400);
    expect((await exportWorklist(req("/api/export/worklists/nope"), { params: Promise.resolve({ list: "nope" }) })).status).toBe(404);
  });
});

describe("a failing export logs no PHI (item 3)", () => {
  it("a database error with the search's patient name as a parameter: 500 with a reference, nothing personal in the log", async () => {
    const log = captureLogs();
    try {
      await makePatient(h.db, w.practice.id, { lastName: "Zebediah", dateOfBirth: "1944-07-19" });
      // Break the query the export runs (a column it reads is gone), as a failed migration would.
      await h.db.execute(sql`alter table patients rename column phone to phone_gone`);
      as(w.as.admin.session);
      const res = await exportPatients(req("/api/export/patients?q=Zebediah"), noParams);
      expect(res.status).toBe(500);
      const body = await res.text();
      const ref = /reference ([0-9a-f-]{36})/.exec(body)?.[1];
      expect(ref).toBeDefined();
      expect(body).not.toMatch(/Zebediah|phone/);
      const logged = log.text();
      expect(logged).toContain(ref!);
      expect(logged).toContain("code=42703"); // undefined_column: enough to find the cause
      expect(logged).not.toMatch(/Zebediah|zebediah|1944-07-19/);
    } finally {
      await h.db.execute(sql`alter table patients rename column phone_gone to phone`);
      log.stop();
    }
  });

  it("a failure while streaming ends the download with a PHI-free log line", async () => {
    const log = captureLogs();
    try {
      as(w.as.admin.session);
      const ctx = await routeContext("00000000-0000-4000-8000-000000000042");
      const res = await csvExportResponse(ctx, {
        kind: "test",
        filters: {},
        columns: [{ header: "Name", value: (r: { name: string }) => r.name }],
        filename: "t.csv",
        narrowHint: "",
        fetchPage: async (page) => {
          if (page === 1) return { items: Array.from({ length: 100 }, () => ({ name: "Row" })), total: 150 };
          // A real database error whose message quotes the value it rejects.
          await h.db.execute(sql`select ${"Quentin Privatename"}::int`);
          return { items: [], total: 150 };
        },
      });
      await expect(res.text()).rejects.toThrow(/reference 00000000-0000-4000-8000-000000000042/);
      const logged = log.text();
      expect(logged).toContain("00000000-0000-4000-8000-000000000042");
      expect(logged).toContain("code=22P02");
      expect(logged).not.toContain("Privatename");
    } finally {
      log.stop();
    }
  });

  it("describeForLog blanks values quoted in real database messages, on this engine", async () => {
    const e = await h.db.execute(sql`select ${"1950-02-30"}::date`).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).not.toBeNull();
    const text = describeForLog(e);
    expect(text).not.toContain("1950-02-30");
    expect(text).toMatch(/code=22008|code=22007/);
  });
});
