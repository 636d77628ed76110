import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { phiAccessLog } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import { makePatient, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

/** The header's patient search (patients.search): name, MRN or date of birth, the practice's patients only, logged. */
let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let ada: { id: string };
let adam: { id: string };
let theirs: { id: string };

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  ada = await makePatient(h.db, w.practice.id, { lastName: "Lovelace", firstName: "Ada", mrn: "MRN-ADA-1", dateOfBirth: "1951-03-08" });
  adam = await makePatient(h.db, w.practice.id, { lastName: "Lovett", firstName: "Adam", mrn: "MRN-ADM-2", dateOfBirth: "1960-11-30" });
  await makePatient(h.db, w.practice.id, { lastName: "Okafor", firstName: "Grace", mrn: "Q-77", dateOfBirth: "1951-03-09" });
  // another practice's patient with the same name and birthday
  theirs = await makePatient(h.db, w.other.id, { lastName: "Lovelace", firstName: "Ada", mrn: "MRN-ADA-1", dateOfBirth: "1951-03-08" });
});
afterAll(() => h?.close());

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("patients.search", () => {
  it("finds by the start of the last or first name, case-insensitively, sorted by name", async () => {
    expect(ids(await w.as.biller.caller.patients.search({ q: "lov" }))).toEqual([ada.id, adam.id]);
    expect(ids(await w.as.biller.caller.patients.search({ q: "ADAM" }))).toEqual([adam.id]);
    expect(ids(await w.as.biller.caller.patients.search({ q: "lovelace, ad" }))).toEqual([ada.id]);
    // the middle of a name is not a start
    expect(await w.as.biller.caller.patients.search({ q: "elace" })).toEqual([]);
  });

  it("finds by MRN prefix and by a typed date of birth (MM/DD/YYYY), exactly", async () => {
    expect(ids(await w.as.biller.caller.patients.search({ q: "mrn-ad" }))).toEqual([ada.id, adam.id]);
    expect(await w.as.biller.caller.patients.search({ q: "03/08/1951" })).toEqual([
      { id: ada.id, firstName: "Ada", lastName: "Lovelace", mrn: "MRN-ADA-1", dateOfBirth: "1951-03-08" },
    ]);
    expect(ids(await w.as.biller.caller.patients.search({ q: "1960-11-30" }))).toEqual([adam.id]);
  });

  it("treats LIKE wildcards as text", async () => {
    expect(await w.as.biller.caller.patients.search({ q: "%%" })).toEqual([]);
    expect(await w.as.biller.caller.patients.search({ q: "__" })).toEqual([]);
  });

  it("every role of the practice may search; no one sees another practice's patients", async () => {
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      const hits = await w.as[role].caller.patients.search({ q: "Lovelace" });
      expect(ids(hits)).toEqual([ada.id]);
    }
    expect(ids(await w.otherAdmin.caller.patients.search({ q: "Lovelace" }))).toEqual([theirs.id]);
    await expect(w.anonymous.patients.search({ q: "Lovelace" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("writes each patient shown to the access log, and nothing when nothing is found", async () => {
    const user = w.as.manager.user.id;
    const logged = () => h.db.select().from(phiAccessLog).where(and(eq(phiAccessLog.userId, user), eq(phiAccessLog.entityType, "patient_search")));
    const before = (await logged()).length;
    await w.as.manager.caller.patients.search({ q: "zzz" });
    expect(await logged()).toHaveLength(before);
    await w.as.manager.caller.patients.search({ q: "lov" });
    const rows = await logged();
    expect(new Set(rows.map((r) => r.patientId))).toEqual(new Set([ada.id, adam.id]));
    expect(rows.every((r) => r.practiceId === w.practice.id && r.action === "view")).toBe(true);
  });

  it("refuses input that is too short, too long or not text, with a message on the field", async () => {
    for (const q of ["a", " b ", "x".repeat(61), "ab\u0000cd"]) {
      const err = await w.as.biller.caller.patients.search({ q }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, q).toMatchObject({ code: "BAD_REQUEST" });
      const shown = formatError(err as never, "req");
      expect([shown.data.field, ...Object.keys(shown.data.zodError?.fieldErrors ?? {})], q).toContain("q");
    }
    await expect(w.as.biller.caller.patients.search({} as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
