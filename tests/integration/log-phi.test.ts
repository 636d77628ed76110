import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { coverages, patients } from "@/db/schema";
import { seedPatients } from "@/db/seed/demo-patients";
import { seedMedigapPayer, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { JOB_HANDLERS } from "@/server/jobs/handlers";
import { log } from "@/server/log";
import type { Actor } from "@/server/services/context";
import { receiveRemittanceFile } from "@/server/services/remittance-posting";
import { callerFor, makeWorld, TEST_PASSWORD } from "../factories";
import { CLAIM_NOW, makeReadyInfusion, setUpClaimsPractice } from "../factories/claims";
import { makeSentClaim, remitFixture } from "../factories/remittance";
import { captureLogs, type LogRecord } from "../helpers/log-capture";
import { createTestDb } from "../helpers/test-db";

/**
 * The server log never carries PHI or secrets. The demo practice's patients are seeded; then, with
 * every log line captured at the most verbose level, a biller and an admin work as they do every
 * day (search, open and edit patients, order, document, build and scrub a claim, change a password
 * with a wrong current one), a remittance is posted by the job handler, and requests fail: bad input
 * quoting a patient, and a database error while searching by a patient's name. No line may contain
 * any patient's name, date of birth, MRN, member id, address or phone, the names in the 835, or a
 * password; every request line names its request, user, practice, route and duration.
 */

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
const clock = () => CLAIM_NOW;
let records: LogRecord[] = [];
let text = "";
const secrets: string[] = [];

/** Every value of PHI in the database and the 835, in the forms a log could show it. */
async function phiValues(extra: string[]): Promise<string[]> {
  const out = new Set<string>(extra);
  for (const p of await h.db.select().from(patients).where(eq(patients.practiceId, w.practice.id))) {
    out.add(p.firstName).add(p.lastName).add(`${p.lastName}, ${p.firstName}`).add(p.mrn).add(p.dateOfBirth).add(p.dateOfBirth.replace(/-/g, "")).add(p.addressLine1);
    if (p.addressLine2) out.add(p.addressLine2);
    if (p.phone) out.add(p.phone);
  }
  for (const c of await h.db.select({ memberId: coverages.memberId }).from(coverages).where(eq(coverages.practiceId, w.practice.id))) out.add(c.memberId);
  // Very short values (a two-letter first name) would match inside ordinary words.
  return [...out].filter((v) => v.trim().length >= 4);
}

/** Subscriber names and member ids of an 835 (NM1*QC / NM1*IL segments). */
function names835(x12: string): string[] {
  return x12
    .split("~")
    .map((s) => s.trim().split("*"))
    .filter((e) => e[0] === "NM1" && (e[1] === "QC" || e[1] === "IL"))
    .flatMap((e) => [e[3], e[4], e[9]].filter((v): v is string => Boolean(v)));
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  const admin = callerFor(h.db, w.as.admin.session, clock);
  const biller = callerFor(h.db, w.as.biller.session, clock);
  setup = await setUpClaimsPractice(h.db, w.practice.id, w.other.id, admin, CLAIM_NOW);
  const demo = await h.db.transaction(async (tx) =>
    seedPatients(tx, { practiceId: w.practice.id, payerIds: { ...setup.payers, medigap: await seedMedigapPayer(tx, { practiceId: w.practice.id, now: CLAIM_NOW }) }, now: CLAIM_NOW }),
  );
  const remit = remitFixture("denied.835").toString("latin1");
  const sentForRemit = ["RM1003", "RM1004", "RM1005", "RM1006"];
  for (const n of sentForRemit) await makeSentClaim(h.db, w.practice.id, setup, { claimNumber: n, lastName: `Remit${n}` });
  secrets.push(TEST_PASSWORD, "Wrong-Password-2026!", "New-Password-Zq-2026!", ...names835(remit));

  const cap = captureLogs();
  try {
    const first = demo[0]!;
    const [row] = await h.db.select().from(patients).where(eq(patients.id, first.id));
    const surname = row!.lastName;
    // Everyday reads and writes.
    await biller.patients.list({ q: surname });
    await biller.patients.list({ q: row!.dateOfBirth });
    const p = await biller.patients.get({ patientId: first.id });
    await biller.patients.update({ ...p, patientId: p.id, addressLine2: "Apt 4B", expectedUpdatedAt: p.updatedAt } as never).catch(() => undefined);
    const created = await biller.patients.create({ mrn: "LOG-PHI-77", firstName: "Theodora", lastName: "Quillfeather", dateOfBirth: "1949-11-30", sex: "female", addressLine1: "77 Larkspur Lane", addressLine2: "", city: "Madison", state: "WI", zip: "53703", phone: "(608) 555-0177" });
    secrets.push("Theodora", "Quillfeather", "1949-11-30", "77 Larkspur Lane", "LOG-PHI-77");
    // A refusal that quotes the patient back (bad input) and a conflict.
    await biller.patients.create({ mrn: "LOG-PHI-78", firstName: "Theodora", lastName: "Quillfeather", dateOfBirth: "1949-02-30", sex: "female", addressLine1: "77 Larkspur Lane", addressLine2: "", city: "Madison", state: "WI", zip: "53703", phone: "" }).catch(() => undefined);
    await biller.patients.update({ ...created, patientId: created.id, addressLine2: "", expectedUpdatedAt: new Date(0) } as never).catch(() => undefined);
    // Order, documentation, claim, scrub.
    const inf = await makeReadyInfusion(h.db, biller, setup, first.id);
    const claim = await biller.claims.build({ administrationIds: [inf.administrationId] });
    await biller.claims.markReady({ claimId: claim.id });
    await biller.claims.get({ claimId: claim.id });
    // A wrong current password, then a good change: neither password may appear.
    await biller.auth.changePassword({ currentPassword: "Wrong-Password-2026!", newPassword: "New-Password-Zq-2026!" }).catch(() => undefined);
    // The 835 job, as a worker runs it.
    const actor: Actor = { userId: w.as.biller.user.id, practiceId: w.practice.id, role: "biller", requestId: "log-phi" };
    const r = await receiveRemittanceFile(h.db, actor, { name: "denied.835", bytes: remitFixture("denied.835") }, CLAIM_NOW, async () => undefined);
    await JOB_HANDLERS["remittance-posting"].handle(h.db, { fileId: r.fileId }, { jobId: "job-log-phi", lastAttempt: false, log: log.child({ component: "jobs", queue: "remittance-posting", jobId: "job-log-phi" }) });
    await biller.denials.list({});
    // An unexpected database failure while searching by a patient's name.
    await h.db.execute(sql`alter table patients rename column phone to phone_gone`);
    try {
      await biller.patients.list({ q: surname }).catch(() => undefined);
    } finally {
      await h.db.execute(sql`alter table patients rename column phone_gone to phone`);
    }
    // A field passed to the logger by mistake is redacted.
    log.info({ patient: { firstName: row!.firstName, lastName: surname, dateOfBirth: row!.dateOfBirth }, input: { mrn: row!.mrn } }, "a careless line");
  } finally {
    cap.stop();
  }
  records = cap.records();
  text = cap.text();
}, 300_000);
afterAll(() => h?.close());

describe("server logs carry no PHI", () => {
  it("captured lines of every kind: procedures, a job, failures", () => {
    expect(records.length).toBeGreaterThan(20);
    const procedures = records.filter((r) => r.msg === "procedure");
    expect(procedures.map((r) => r.route)).toEqual(expect.arrayContaining(["patients.list", "patients.get", "patients.create", "claims.build", "claims.markReady", "auth.changePassword"]));
    for (const r of procedures) {
      expect(r).toMatchObject({ reqId: expect.any(String), userId: w.as.biller.user.id, practiceId: w.practice.id, durationMs: expect.any(Number), outcome: expect.any(String) });
    }
    expect(procedures.map((r) => r.outcome)).toEqual(expect.arrayContaining(["OK", "BAD_REQUEST", "CONFLICT", "INTERNAL_SERVER_ERROR"]));
    expect(records.find((r) => r.msg === "remittance posted")).toMatchObject({ jobId: "job-log-phi", fileId: expect.any(String), level: "info" });
    const failure = records.find((r) => r.outcome === "INTERNAL_SERVER_ERROR");
    expect(failure).toMatchObject({ level: "error", route: "patients.list", reqId: expect.any(String), err: expect.stringContaining("code=42703") });
    expect(records.find((r) => r.msg === "a careless line")).toMatchObject({ patient: { firstName: "[redacted]", lastName: "[redacted]", dateOfBirth: "[redacted]" }, input: "[redacted]" });
  });

  it("no line contains a patient's name, date of birth, MRN, member id, address or phone, or a password", async () => {
    const values = await phiValues(secrets);
    expect(values.length).toBeGreaterThan(150);
    const lower = text.toLowerCase();
    const found = values.filter((v) => lower.includes(v.toLowerCase()));
    expect(found).toEqual([]);
  });
});
